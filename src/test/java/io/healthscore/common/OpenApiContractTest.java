package io.healthscore.common;

import static io.healthscore.support.Api.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The committed openapi/openapi.json is the contract: this fails when the served document differs.
 * After an intended API change, regenerate it with {@code ./mvnw verify -Dopenapi.update=true}.
 */
@QuarkusTest
class OpenApiContractTest {

  static final Path COMMITTED = Path.of("openapi", "openapi.json");
  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void served_document_matches_the_committed_contract() throws Exception {
    JsonNode servedTree = served();
    if (Boolean.getBoolean("openapi.update")) {
      Files.createDirectories(COMMITTED.getParent());
      Files.writeString(
          COMMITTED,
          JSON.writerWithDefaultPrettyPrinter().writeValueAsString(servedTree) + "\n",
          StandardCharsets.UTF_8);
    }
    assertTrue(
        Files.exists(COMMITTED),
        "openapi/openapi.json is missing; run ./mvnw verify -Dopenapi.update=true");
    JsonNode committed = JSON.readTree(Files.readString(COMMITTED));
    assertEquals(
        committed,
        servedTree,
        "The API differs from openapi/openapi.json. If the change "
            + "is intended, run ./mvnw verify -Dopenapi.update=true and commit the document.");
  }

  @Test
  void every_operation_has_its_own_readable_operation_id() throws Exception {
    java.util.Set<String> ids = new java.util.HashSet<>();
    java.util.List<String> missing = new java.util.ArrayList<>();
    served()
        .get("paths")
        .fields()
        .forEachRemaining(
            path ->
                path.getValue()
                    .fields()
                    .forEachRemaining(
                        op -> {
                          String id = op.getValue().path("operationId").asText("");
                          if (!id.matches("[a-z][A-Za-z]+") || !ids.add(id)) {
                            missing.add(op.getKey() + " " + path.getKey() + " '" + id + "'");
                          }
                        }));
    assertEquals(java.util.List.of(), missing, "operations without a unique camelCase operationId");
    assertTrue(ids.size() >= 56, "operations: " + ids.size());
  }

  @Test
  void swagger_ui_is_served() {
    given().get("/q/swagger-ui/").then().statusCode(200);
  }

  @Test
  void the_document_lists_the_standard_signal_keys() throws Exception {
    JsonNode key = served().at("/components/schemas/SignalInput/properties/key");
    for (var definition : io.healthscore.scoring.StandardSignals.all()) {
      assertTrue(key.get("description").asText().contains(definition.key()), definition.key());
    }
  }

  static JsonNode served() throws Exception {
    return JSON.readTree(
        given()
            .queryParam("format", "json")
            .get("/q/openapi")
            .then()
            .statusCode(200)
            .extract()
            .asString());
  }

  @Test
  void every_operation_documents_its_errors_as_problem_details() throws Exception {
    JsonNode document = served();
    document
        .get("paths")
        .fields()
        .forEachRemaining(
            path ->
                path.getValue()
                    .fields()
                    .forEachRemaining(
                        operation -> {
                          JsonNode responses = operation.getValue().get("responses");
                          String where = operation.getKey() + " " + path.getKey();
                          assertTrue(responses.has("500"), where + " lacks 500");
                          assertTrue(
                              operation.getValue().hasNonNull("summary"),
                              where + " lacks a summary");
                          responses
                              .fields()
                              .forEachRemaining(
                                  response -> {
                                    if (response.getKey().startsWith("4")
                                        || response.getKey().startsWith("5")) {
                                      assertTrue(
                                          response
                                              .getValue()
                                              .at("/content")
                                              .has(Problem.MEDIA_TYPE),
                                          where + " " + response.getKey() + " is not problem+json");
                                    }
                                  });
                        }));
  }
}

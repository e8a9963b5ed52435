package io.healthscore.common;

import static io.healthscore.support.Api.ADMIN_KEY;
import static io.healthscore.support.Api.newAccountId;
import static io.healthscore.support.Api.newTenantAdminKey;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.healthscore.support.OtlpCollector;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import jakarta.inject.Inject;
import java.io.RandomAccessFile;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Writes over HTTP/2, as generated clients (Java's HttpClient upgrades by default) send them. */
@QuarkusTest
class Http2Test {

  @TestHTTPResource("/")
  URI root;

  @Inject Vertx vertx;

  HttpClient priorKnowledge;
  HttpClient upgrade;

  @BeforeEach
  void clients() {
    priorKnowledge = client(false);
    upgrade = client(true);
  }

  // The clients run in the service's Vert.x: a connection closed with a body half sent (after a
  // 413) would have the client log "ERROR ... ConnectionBase NULL" among the service's lines.
  private HttpClient client(boolean upgrade) {
    return vertx
        .httpClientBuilder()
        .with(
            new HttpClientOptions()
                .setProtocolVersion(HttpVersion.HTTP_2)
                .setHttp2ClearTextUpgrade(upgrade))
        .withConnectHandler(connection -> connection.exceptionHandler(error -> {}))
        .build();
  }

  @AfterEach
  void close() {
    priorKnowledge.close();
    upgrade.close();
  }

  record Reply(HttpVersion version, int status, String contentType, String body) {}

  Reply send(HttpClient client, HttpMethod method, String path, String body) throws Exception {
    return send(client, ADMIN_KEY, method, path, body);
  }

  Reply send(HttpClient client, String key, HttpMethod method, String path, String body)
      throws Exception {
    return send(client, key, method, path, "application/json", body);
  }

  Reply send(
      HttpClient client,
      String key,
      HttpMethod method,
      String path,
      String contentType,
      String body)
      throws Exception {
    RequestOptions options =
        new RequestOptions()
            .setMethod(method)
            .setHost(root.getHost())
            .setPort(root.getPort())
            .setURI(path)
            .putHeader("authorization", "Bearer " + key)
            .putHeader("content-type", contentType);
    return client
        .request(options)
        .compose(
            request ->
                request
                    .send(Buffer.buffer(body))
                    .compose(
                        response ->
                            response
                                .body()
                                .map(
                                    b ->
                                        new Reply(
                                            response.version(),
                                            response.statusCode(),
                                            response.getHeader("content-type"),
                                            b.toString()))))
        .toCompletionStage()
        .toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void every_kind_of_write_works_over_http2(boolean withPriorKnowledge) throws Exception {
    HttpClient client = withPriorKnowledge ? priorKnowledge : upgrade;
    String account = newAccountId("h2");
    // The upgrade happens on the connection's first request; a write must survive it too.
    Reply created =
        send(
            client,
            HttpMethod.PUT,
            "/v1/accounts/" + account,
            """
            {"name": "Over HTTP/2", "signals": [{"key": "nps_response", "value": 9}]}\
            """);
    assertEquals(200, created.status(), created.body());
    assertTrue(created.body().contains("\"accountId\":\"" + account + "\""), created.body());

    Reply signals =
        send(
            client,
            HttpMethod.POST,
            "/v1/accounts/" + account + "/signals",
            """
            {"signals": [{"key": "active_users_ratio", "value": 0.7}]}\
            """);
    assertEquals(HttpVersion.HTTP_2, signals.version());
    assertEquals(200, signals.status(), signals.body());

    Reply scored =
        send(
            client,
            HttpMethod.POST,
            "/v1/score",
            """
            {"signals": [{"key": "active_users_ratio", "value": 0.5}]}\
            """);
    assertEquals(200, scored.status(), scored.body());
    assertTrue(scored.body().contains("\"score\""), scored.body());
  }

  @Test
  void a_bad_body_over_http2_is_a_problem_not_a_500() throws Exception {
    Reply reply = send(priorKnowledge, HttpMethod.POST, "/v1/score", "{\"signals\": [");
    assertEquals(400, reply.status(), reply.body());
    assertEquals(Problem.MEDIA_TYPE, reply.contentType());
  }

  @Test
  void a_body_over_the_size_limit_over_http2_is_a_413_problem() throws Exception {
    long logged = Files.size(OtlpCollector.LOG);
    String huge =
        "{\"signals\": [{\"key\": \"active_users_ratio\", \"value\": 0.5, \"source\": \""
            + "x".repeat(3 * 1024 * 1024)
            + "\"}]}";
    Reply reply = send(priorKnowledge, HttpMethod.POST, "/v1/score", huge);
    assertEquals(413, reply.status(), reply.body());
    assertEquals(Problem.MEDIA_TYPE, reply.contentType());
    // The client goes away, its body half sent: nothing for the service to log as an error.
    priorKnowledge.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(3))
        .until(() -> errorsLoggedSince(logged), List::isEmpty);
  }

  private static List<String> errorsLoggedSince(long offset) throws Exception {
    List<String> errors = new ArrayList<>();
    try (var log = new RandomAccessFile(OtlpCollector.LOG.toFile(), "r")) {
      log.seek(offset);
      for (String line; (line = log.readLine()) != null; ) {
        if (line.contains("\"level\":\"ERROR\"")) {
          errors.add(line);
        }
      }
    }
    return errors;
  }

  /**
   * Every writing operation of the contract, with its documented request example, over HTTP/2
   * (prior knowledge), in a tenant of its own: answered, never a 500, every refusal a problem.
   */
  @Test
  void every_writing_operation_of_the_contract_answers_over_http2() throws Exception {
    String key = newTenantAdminKey("h2-all");
    JsonNode paths =
        new ObjectMapper().readTree(Path.of("openapi/openapi.json").toFile()).get("paths");
    Map<String, Integer> statuses = new TreeMap<>();
    for (Map.Entry<String, JsonNode> path : paths.properties()) {
      for (String method : List.of("post", "put", "patch", "delete")) {
        JsonNode operation = path.getValue().get(method);
        if (operation == null) {
          continue;
        }
        JsonNode content = operation.at("/requestBody/content");
        // JSON, or the first media type documented (a file to import: its example is the text).
        String contentType =
            content.has("application/json") || content.isMissingNode() || content.isEmpty()
                ? "application/json"
                : content.fieldNames().next();
        JsonNode examples = content.path(contentType).path("examples");
        JsonNode example =
            examples.isObject() && examples.size() > 0
                ? examples.elements().next().get("value")
                : null;
        String body =
            example == null ? "{}" : example.isTextual() ? example.asText() : example.toString();
        String uri = path.getKey().replaceAll("\\{[^}]+}", "h2-" + newAccountId("x"));
        Reply reply =
            send(
                priorKnowledge,
                key,
                HttpMethod.valueOf(method.toUpperCase()),
                uri,
                contentType,
                body);
        String name = method.toUpperCase() + " " + path.getKey();
        assertEquals(HttpVersion.HTTP_2, reply.version(), name);
        assertTrue(
            reply.status() < 500, name + " answered " + reply.status() + ": " + reply.body());
        if (reply.status() >= 400) {
          assertEquals(Problem.MEDIA_TYPE, reply.contentType(), name + ": " + reply.body());
        }
        statuses.put(name, reply.status());
      }
    }
    assertTrue(statuses.size() >= 20, "writing operations tried: " + statuses.keySet());
    long applied = statuses.values().stream().filter(status -> status < 300).count();
    // Others are refused on purpose (made-up ids: 404; operator-only: 403): as problems.
    assertTrue(applied >= 6, "writes applied from their examples: " + statuses);
    assertEquals(202, statuses.get("POST /v1/imports"), "a file import over HTTP/2");
  }
}

package io.healthscore.common;

import static io.healthscore.support.Api.await;
import static io.healthscore.support.Api.json;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.healthscore.support.OtlpCollector;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Tracing switched on by configuration: spans reach an OTLP collector (here a stand-in that takes
 * OTLP/HTTP), and the log lines written during a request carry its trace id.
 */
@QuarkusTest
class TracingTest {

  @Test
  void spans_reach_the_collector_and_log_lines_carry_the_trace_id() throws Exception {
    // Creating a key writes an audit line inside the request.
    String id =
        json()
            .body("{\"name\": \"traced\", \"scopes\": [\"health:read\"]}")
            .post("/v1/api-keys")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    ObjectMapper json = new ObjectMapper();
    JsonNode audit = null;
    for (String line : Files.readAllLines(OtlpCollector.LOG)) {
      if (line.contains(id)) {
        audit = json.readTree(line);
      }
    }
    assertNotNull(audit, "no audit line for " + id);
    String traceId = audit.path("mdc").path("traceId").asText();
    assertTrue(traceId.matches("[0-9a-f]{32}"), "no trace id in: " + audit);
    byte[] wanted = HexFormat.of().parseHex(traceId);
    await(
        "the request's span exported",
        15,
        () ->
            OtlpCollector.EXPORTS.stream()
                .anyMatch(
                    body -> contains(body, wanted) && contains(body, "/v1/api-keys".getBytes())));
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}

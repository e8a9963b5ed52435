package io.healthscore.common;

import static io.healthscore.support.Api.json;
import static io.healthscore.support.Api.newAccountId;
import static io.healthscore.support.Api.postSignals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.healthscore.support.OtlpCollector;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** JSON logs by configuration, and no signal value ever written to them. */
@QuarkusTest
class LogsTest {

  @Test
  void logs_are_json_and_never_hold_signal_values_or_api_keys() throws Exception {
    String sentinel = "sentinel-" + UUID.randomUUID();
    String key = "log_probe_" + UUID.randomUUID().toString().substring(0, 8).replace('-', '_');
    json()
        .body("{\"type\": \"label\", \"labels\": [\"" + sentinel + "\"]}")
        .put("/v1/signal-keys/{k}", key)
        .then()
        .statusCode(200);
    String account = newAccountId("logs");
    postSignals(
            account, "{\"signals\": [{\"key\": \"" + key + "\", \"value\": \"" + sentinel + "\"}]}")
        .statusCode(200);
    // Rejected input carrying the value too: problems name fields, logs hold nothing of it.
    postSignals(account, "{\"signals\": [{\"key\": \"nps\", \"value\": \"" + sentinel + "\"}]}")
        .statusCode(400);
    postSignals(account, "{\"signals\": [{\"key\": \"" + sentinel + "\", \"value\": 1}]}")
        .statusCode(400);
    json()
        .body("{\"signals\": [" + sentinel + "]}")
        .post("/v1/accounts/{id}/signals", account)
        .then()
        .statusCode(400);
    // Keys: the one in use, a new one shown in a reply, and an unknown one that is refused.
    String created =
        json()
            .body("{\"name\": \"log probe\", \"scopes\": [\"health:read\"]}")
            .post("/v1/api-keys")
            .then()
            .statusCode(201)
            .extract()
            .path("key");
    io.healthscore.support.Api.as(created).get("/v1/signal-keys").then().statusCode(200);
    String unknown = "hs_unknown_" + sentinel;
    io.healthscore.support.Api.as(unknown).get("/v1/signal-keys").then().statusCode(401);

    List<String> lines = Files.readAllLines(OtlpCollector.LOG);
    assertFalse(lines.isEmpty());
    ObjectMapper mapper = new ObjectMapper();
    for (String line : lines) {
      JsonNode entry = mapper.readTree(line);
      assertTrue(entry.has("message") && entry.has("level"), line);
      assertFalse(line.contains(sentinel), "a signal value or key reached the log: " + line);
      assertFalse(line.contains(io.healthscore.support.Api.ADMIN_KEY), "API key logged: " + line);
      assertFalse(line.contains(created), "API key logged: " + line);
    }
  }
}

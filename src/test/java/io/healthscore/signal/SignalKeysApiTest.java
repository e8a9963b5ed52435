package io.healthscore.signal;

import static io.healthscore.support.Api.assertProblem;
import static io.healthscore.support.Api.given;
import static io.healthscore.support.Api.json;
import static io.healthscore.support.Api.newAccountId;
import static io.healthscore.support.Api.postSignals;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.healthscore.health.SignalKeys;
import io.healthscore.support.Database;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SignalKeysApiTest {

  static String newKey(String prefix) {
    return prefix + "_" + UUID.randomUUID().toString().substring(0, 8).replace('-', '_');
  }

  static void define(String key, String body) {
    json()
        .body(body)
        .put("/v1/signal-keys/{key}", key)
        .then()
        .statusCode(200)
        .body("key", equalTo(key))
        .body("custom", equalTo(true));
  }

  @Test
  void a_custom_key_is_listed_validated_on_ingest_and_usable_in_a_scorecard() {
    String progress = newKey("onboarding_progress");
    define(
        progress,
        """
        {"type": "number", "min": 0, "max": 100, "unit": "percent", "ingredient": "adoption",
         "dear": "deployment", "description": "Onboarding checklist done"}
        """);
    String tier = newKey("support_tier");
    define(tier, "{\"type\": \"label\", \"labels\": [\"basic\", \"plus\", \"premium\"]}");
    given()
        .get("/v1/signal-keys")
        .then()
        .statusCode(200)
        .body("items.find { it.key == '" + progress + "' }.custom", equalTo(true))
        .body("items.find { it.key == '" + progress + "' }.max", equalTo(100.0f))
        .body("items.find { it.key == '" + tier + "' }.labels[2]", equalTo("premium"))
        .body("items.find { it.key == 'nps' }.custom", equalTo(false));

    String account = newAccountId("custom");
    assertProblem(
            postSignals(
                account, "{\"signals\": [{\"key\": \"" + progress + "\", \"value\": 150}]}"),
            400,
            "signals[0].value")
        .body("errors[0].message", equalTo("must be between 0 and 100"));
    assertProblem(
        postSignals(account, "{\"signals\": [{\"key\": \"" + tier + "\", \"value\": \"gold\"}]}"),
        400,
        "signals[0].value");
    postSignals(
            account,
            "{\"signals\": [{\"key\": \""
                + progress
                + "\", \"value\": 80},"
                + "{\"key\": \""
                + tier
                + "\", \"value\": \"plus\"}]}")
        .statusCode(200)
        .body("accepted", equalTo(2));

    String scorecard = "onboarding-" + UUID.randomUUID().toString().substring(0, 8);
    json()
        .body(
            """
            {"id": "%s", "minCoverage": 0, "groups": [{"id": "onboarding", "weight": 1, "measures": [
              {"id": "progress", "signal": "%s", "aggregation": "latest",
               "normaliser": {"type": "range", "min": 0, "max": 100}, "weight": 1},
              {"id": "tier", "signal": "%s", "aggregation": "latest",
               "normaliser": {"type": "labels", "scores": {"basic": 0, "plus": 60, "premium": 100}},
               "weight": 1}]}]}
            """
                .formatted(scorecard, progress, tier))
        .post("/v1/scorecards")
        .then()
        .statusCode(201);
    postSignals(account, "{\"signals\": [{\"key\": \"" + progress + "\", \"value\": 90}]}")
        .statusCode(200);
    given()
        .get("/v1/accounts/{id}/health?scorecard={s}", account, scorecard)
        .then()
        .statusCode(200)
        .body("score", equalTo(75.0f)); // (90 + 60) / 2
  }

  @Test
  void redefining_keeps_the_type_and_standard_keys_stay_fixed() {
    String key = newKey("renewal_risk");
    define(key, "{\"type\": \"number\", \"min\": 0, \"max\": 10}");
    assertProblem(
        json()
            .body("{\"type\": \"label\", \"labels\": [\"low\"]}")
            .put("/v1/signal-keys/{key}", key)
            .then(),
        409,
        null);
    define(key, "{\"type\": \"number\", \"min\": 0, \"max\": 5}");
    assertProblem(
        postSignals(
            newAccountId("redefined"), "{\"signals\": [{\"key\": \"" + key + "\", \"value\": 7}]}"),
        400,
        "signals[0].value");
    assertProblem(
        json().body("{\"type\": \"number\"}").put("/v1/signal-keys/nps").then(), 400, "key");
    assertProblem(
        json().body("{\"type\": \"colour\"}").put("/v1/signal-keys/{k}", newKey("x")).then(),
        400,
        "type");
    assertProblem(
            json()
                .body("{\"type\": \"number\", \"min\": 5, \"max\": 1, " + "\"labels\": [\"a\"]}")
                .put("/v1/signal-keys/{k}", newKey("x"))
                .then(),
            400,
            "max")
        .body("errors.field", hasItem("labels"));
    assertProblem(
        json()
            .body("{\"type\": \"label\", \"labels\": [\"a\", \"a\"]}")
            .put("/v1/signal-keys/{k}", newKey("x"))
            .then(),
        400,
        "labels");
    assertProblem(
        json().body("{\"type\": \"number\"}").put("/v1/signal-keys/Bad-Key").then(), 400, "key");
  }

  @Test
  void a_key_defined_through_another_instance_is_accepted_here_too() throws Exception {
    String key = newKey("elsewhere");
    String account = newAccountId("elsewhere");
    assertProblem(
        postSignals(account, "{\"signals\": [{\"key\": \"" + key + "\", \"value\": 1}]}"),
        400,
        "signals[0].key");
    Database.execute(
        "insert into signal_key (tenant_id, key, type) " + "values ('default', ?, 'number')", key);
    // Accepted once this instance's catalog is older than its reload interval (1 s).
    io.healthscore.support.Api.await(
        "the key accepted after the reload interval",
        (int) (SignalKeys.RELOAD_INTERVAL_NANOS / 1_000_000_000L) + 5,
        () ->
            postSignals(account, "{\"signals\": [{\"key\": \"" + key + "\", \"value\": 1}]}")
                    .extract()
                    .statusCode()
                == 200);
    assertEquals(1, Database.count("select count(*) from signal where account_id = ?", account));
  }
}

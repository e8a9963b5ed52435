package io.healthscore.health;

import static io.healthscore.support.Api.assertProblem;
import static io.healthscore.support.Api.given;
import static io.healthscore.support.Api.json;
import static io.healthscore.support.Api.newAccountId;
import static io.healthscore.support.Api.postSignals;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.healthscore.support.Database;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OverrideApiTest {

  static String override(String band, Instant expiresAt) {
    return "{\"band\": \""
        + band
        + "\", \"reason\": \"Champion left\", "
        + "\"author\": \"jane@example.com\", \"expiresAt\": \""
        + expiresAt
        + "\"}";
  }

  @Test
  void an_override_shows_beside_the_computed_score_survives_writes_and_leaves_a_trail() {
    String account = newAccountId("override");
    postSignals(
            account,
            "{\"signals\": [{\"key\": \"active_users_ratio\", \"value\": 0.9},"
                + "{\"key\": \"goals_met_ratio\", \"value\": 0.9}]}")
        .statusCode(200);
    Instant expires = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    json()
        .body(override("red", expires))
        .put("/v1/accounts/{id}/health/override", account)
        .then()
        .statusCode(200)
        .body("trigger", equalTo("override_set"))
        .body("band", equalTo("unknown")) // computed stays computed (coverage is low)
        .body("override.band", equalTo("red"))
        .body("override.author", equalTo("jane@example.com"))
        .body("override.expiresAt", equalTo(expires.toString()));
    // A new signal re-scores the account; the override stays in force.
    postSignals(account, "{\"signals\": [{\"key\": \"csm_sentiment\", \"value\": \"positive\"}]}")
        .statusCode(200)
        .body("health.override.band", equalTo("red"));
    given()
        .get("/v1/accounts/{id}/health", account)
        .then()
        .statusCode(200)
        .body("override.reason", equalTo("Champion left"));
    // Replacing it ends the first; a score alone takes its band from the scorecard.
    // (A record separator in the text: scores travel to the database joined by one.)
    json()
        .body(
            "{\"score\": 55, \"reason\": \"Renewal\\u001esigned\","
                + " \"author\": \"sam@example.com\", \"expiresAt\": \""
                + expires
                + "\"}")
        .put("/v1/accounts/{id}/health/override", account)
        .then()
        .statusCode(200)
        .body("override.score", equalTo(55.0f))
        .body("override.band", equalTo("yellow"));
    given()
        .get("/v1/accounts/{id}/health/history?limit=1", account)
        .then()
        .statusCode(200)
        .body("items[0].override.reason", equalTo("Renewal\u001esigned"));
    json()
        .delete("/v1/accounts/{id}/health/override", account)
        .then()
        .statusCode(200)
        .body("trigger", equalTo("override_removed"))
        .body("override", nullValue());
    assertProblem(json().delete("/v1/accounts/{id}/health/override", account).then(), 404, null);
    given()
        .get("/v1/accounts/{id}/health/overrides", account)
        .then()
        .statusCode(200)
        .body("items.endReason", equalTo(List.of("deleted", "replaced")))
        .body("items.author", equalTo(List.of("sam@example.com", "jane@example.com")))
        .body("items.endedAt", hasItems(notNullValue()));
    given()
        .get("/v1/accounts/{id}/health/history", account)
        .then()
        .statusCode(200)
        .body(
            "items.trigger",
            equalTo(
                List.of("override_removed", "override_set", "signals", "override_set", "signals")));
  }

  @Test
  void an_override_ends_by_itself_at_its_expiry_and_writes_a_history_row() throws Exception {
    String account = newAccountId("expiry");
    postSignals(account, "{\"signals\": [{\"key\": \"active_users_ratio\", \"value\": 0.5}]}")
        .statusCode(200);
    json()
        .body(override("green", Instant.now().plusSeconds(60)))
        .put("/v1/accounts/{id}/health/override", account)
        .then()
        .statusCode(200);
    // Bring the expiry forward rather than wait a minute: the sweep runs every second in tests.
    Database.execute(
        "update health_override set expires_at = now() " + "where account_id = ?", account);
    io.healthscore.support.Api.await(
        "the override's expiry re-scores the account",
        10,
        () ->
            given()
                .get("/v1/accounts/{id}/health", account)
                .then()
                .extract()
                .jsonPath()
                .getString("trigger")
                .equals("override_expired"));
    given()
        .get("/v1/accounts/{id}/health", account)
        .then()
        .statusCode(200)
        .body("trigger", equalTo("override_expired"))
        .body("override", nullValue());
    given()
        .get("/v1/accounts/{id}/health/overrides", account)
        .then()
        .statusCode(200)
        .body("items[0].endReason", equalTo("expired"));
  }

  @Test
  void bad_overrides_are_refused_with_every_field_named() {
    String account = newAccountId("bad-override");
    postSignals(account, "{\"signals\": [{\"key\": \"active_users_ratio\", \"value\": 0.5}]}")
        .statusCode(200);
    assertProblem(
            json()
                .body(
                    "{\"band\": \"purple\", \"score\": 140, \"reason\": \"\", "
                        + "\"expiresAt\": \"2020-01-01T00:00:00Z\"}")
                .put("/v1/accounts/{id}/health/override", account)
                .then(),
            400,
            "band")
        .body("errors.field", hasItems("score", "reason", "author", "expiresAt"));
    assertProblem(
        json()
            .body(
                "{\"reason\": \"x\", \"author\": \"y\", \"expiresAt\": \""
                    + Instant.now().plus(30, ChronoUnit.DAYS)
                    + "\"}")
            .put("/v1/accounts/{id}/health/override", account)
            .then(),
        400,
        "score");
    assertProblem(
        json()
            .body(override("red", Instant.now().plus(1, ChronoUnit.DAYS)))
            .put("/v1/accounts/{id}/health/override", "nobody-here")
            .then(),
        404,
        null);
    assertProblem(
        json()
            .body(override("red", Instant.now().plus(1, ChronoUnit.DAYS)))
            .put("/v1/accounts/{id}/health/override?scorecard=nope", account)
            .then(),
        404,
        null);
    given()
        .get("/v1/accounts/{id}/health", account)
        .then()
        .statusCode(200)
        .body("override", nullValue());
  }
}

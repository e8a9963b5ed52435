package io.healthscore.signal;

import static io.healthscore.support.Api.assertProblem;
import static io.healthscore.support.Api.given;
import static io.healthscore.support.Api.json;
import static io.healthscore.support.Api.newAccountId;
import static io.healthscore.support.Api.postSignals;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.healthscore.support.Database;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SignalApiTest {

  static String measure(JsonPath health, String id, String field) {
    return health.getString(
        "health.groups.measures.flatten().find { it.id == '" + id + "' }." + field);
  }

  @Test
  void appending_signals_creates_the_account_and_returns_the_new_score() {
    String id = newAccountId("sig");
    JsonPath reply =
        postSignals(
                id,
                """
                {"signals": [{"key": "active_users_ratio", "value": 0.8, "source": "analytics"},
                             {"key": "csm_sentiment", "value": "very_positive"}]}
                """)
            .statusCode(200)
            .body("accountId", equalTo(id))
            .body("accepted", equalTo(2))
            .body("duplicates", equalTo(0))
            .body("health.trigger", equalTo("signals"))
            .extract()
            .jsonPath();
    assertEquals("80.0", measure(reply, "active_users", "normalised"));
    assertEquals("present", measure(reply, "csm_sentiment", "status"));
    given().get("/v1/accounts/{id}", id).then().statusCode(200);
  }

  @Test
  void a_repeated_event_id_is_ignored_never_double_counted() {
    String id = newAccountId("dedupe");
    String body =
        """
        {"signals": [{"key": "nps_response", "value": 10, "eventId": "survey-1"},
                     {"key": "nps_response", "value": 0, "eventId": "survey-2"}]}
        """;
    String first =
        postSignals(id, body)
            .statusCode(200)
            .body("accepted", equalTo(2))
            .extract()
            .path("health.computedAt");
    JsonPath retry =
        postSignals(id, body)
            .statusCode(200)
            .body("accepted", equalTo(0))
            .body("duplicates", equalTo(2))
            .body("health.sequence", equalTo(1))
            .body("health.computedAt", equalTo(first))
            .extract()
            .jsonPath();
    // The retry changed nothing: no second score in history (nor a webhook event for it).
    assertEquals(
        1,
        Database.count(
            "select count(*) from health_history where account_id = ?"
                + " and scorecard_id = 'default'",
            id));
    assertEquals("2", measure(retry, "nps_responses", "signalCount"));
    assertEquals("0.0", measure(retry, "nps_responses", "rawValue"));
    assertEquals(2, Database.count("select count(*) from signal where account_id = ?", id));
  }

  @Test
  void late_and_out_of_order_signals_are_scored_by_observation_time() {
    String id = newAccountId("order");
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    postSignals(
            id,
            """
            {"signals": [{"key": "active_users_ratio", "value": 0.9, "observedAt": "%s"}]}
            """
                .formatted(now.minus(1, ChronoUnit.DAYS)))
        .statusCode(200);
    JsonPath late =
        postSignals(
                id,
                """
                {"signals": [{"key": "active_users_ratio", "value": 0.1, "observedAt": "%s"}]}
                """
                    .formatted(now.minus(5, ChronoUnit.DAYS)))
            .statusCode(200)
            .extract()
            .jsonPath();
    assertEquals("0.9", measure(late, "active_users", "rawValue"));
    // A later write reads the newest observation back from storage: still the one of yesterday.
    JsonPath next =
        postSignals(id, "{\"signals\": [{\"key\": \"csat\", \"value\": 4}]}")
            .statusCode(200)
            .extract()
            .jsonPath();
    assertEquals("0.9", measure(next, "active_users", "rawValue"));
    assertEquals(
        now.minus(1, ChronoUnit.DAYS).toString(), measure(next, "active_users", "observedAt"));
    // Two observations at one instant: the one stored last counts, in the reply of the write
    // that stores them as in later scores read back from storage.
    JsonPath tied =
        postSignals(
                id,
                """
                {"signals": [{"key": "active_users_ratio", "value": 0.5, "observedAt": "%1$s"},
                             {"key": "active_users_ratio", "value": 0.6, "observedAt": "%1$s"}]}
                """
                    .formatted(now))
            .statusCode(200)
            .extract()
            .jsonPath();
    assertEquals("0.6", measure(tied, "active_users", "rawValue"));
    JsonPath tie =
        postSignals(id, "{\"signals\": [{\"key\": \"csat\", \"value\": 5}]}")
            .statusCode(200)
            .extract()
            .jsonPath();
    assertEquals("0.6", measure(tie, "active_users", "rawValue"));
    // A new signal at the instant of a stored one: the new one was stored last.
    JsonPath newer =
        postSignals(
                id,
                """
                {"signals": [{"key": "active_users_ratio", "value": 0.7, "observedAt": "%s"}]}
                """
                    .formatted(now))
            .statusCode(200)
            .extract()
            .jsonPath();
    assertEquals("0.7", measure(newer, "active_users", "rawValue"));
    Database.assertConsistent();
  }

  @Test
  void a_signal_past_its_staleness_limit_is_reported_stale_not_missing() {
    String id = newAccountId("stale");
    Instant longAgo = Instant.now().minus(45, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    postSignals(
            id,
            """
            {"signals": [{"key": "active_users_ratio", "value": 0.7, "observedAt": "%s"},
                         {"key": "nps_response", "value": 9, "observedAt": "%s"}]}
            """
                .formatted(longAgo, Instant.now().minus(400, ChronoUnit.DAYS)))
        .statusCode(200);
    JsonPath health =
        postSignals(id, "{\"signals\": [{\"key\": \"csat\", \"value\": 4}]}")
            .statusCode(200)
            .extract()
            .jsonPath();
    // Active users go stale after 30 days; NPS responses count over 180 days.
    assertEquals("stale", measure(health, "active_users", "status"));
    assertEquals("0.7", measure(health, "active_users", "rawValue"));
    assertEquals(longAgo.toString(), measure(health, "active_users", "observedAt"));
    assertEquals("stale", measure(health, "nps_responses", "status"));
    assertEquals("missing", measure(health, "advocacy", "status"));
    assertEquals("present", measure(health, "csat", "status"));
  }

  @Test
  void rejects_invalid_signals_with_the_offending_field() {
    String id = newAccountId("invalid");
    assertProblem(
        postSignals(id, "{\"signals\": [{\"key\": \"no_such_key\", \"value\": 1}]}"),
        400,
        "signals[0].key");
    assertProblem(
        postSignals(id, "{\"signals\": [{\"key\": \"csat\", \"value\": \"great\"}]}"),
        400,
        "signals[0].value");
    assertProblem(
            postSignals(id, "{\"signals\": [{\"key\": \"csat\", \"value\": 9}]}"),
            400,
            "signals[0].value")
        .body("errors[0].message", equalTo("must be between 1 and 5"));
    assertProblem(
        postSignals(id, "{\"signals\": [{\"key\": \"csm_sentiment\", \"value\": \"ecstatic\"}]}"),
        400,
        "signals[0].value");
    assertProblem(postSignals(id, "{\"signals\": [{\"key\": \"csat\"}]}"), 400, "signals[0].value");
    assertProblem(
        postSignals(
            id,
            """
            {"signals": [{"key": "csat", "value": 4, "observedAt": "%s"}]}
            """
                .formatted(Instant.now().plus(1, ChronoUnit.HOURS))),
        400,
        "signals[0].observedAt");
    assertProblem(
        postSignals(
            id,
            """
            {"signals": [{"key": "csat", "value": 4, "observedAt": "2026-11-01 10:00"}]}
            """),
        400,
        "signals[0].observedAt");
    assertProblem(
        postSignals(
            id, "{\"signals\": [{\"key\": \"csat\", \"value\": 4, " + "\"colour\": \"red\"}]}"),
        400,
        "signals[0].colour");
    assertProblem(postSignals(id, "{\"signals\": []}"), 400, "signals");
    assertProblem(postSignals(id, "{\"signals\": [{\"key\": \"csat\", \"value\": 4}"), 400, null)
        .body("type", equalTo("urn:healthscore:problem:malformed-json"));
    assertProblem(postSignals(id, "{\"signals\": [], \"signals\": []}"), 400, null)
        .body("type", equalTo("urn:healthscore:problem:malformed-json"));
    assertProblem(
            postSignals(id, "{\"signals\": [{\"key\": \"csat\", \"value\": NaN}]}"), 400, null)
        .body("type", equalTo("urn:healthscore:problem:malformed-json"));
    assertProblem(
        postSignals(id, "{\"signals\": [{\"key\": \"csat\", \"value\": 1e400}]}"),
        400,
        "signals[0].value");
    assertProblem(postSignals(id, "{\"signals\": [null]}"), 400, "signals[0]");
    assertEquals(0, Database.count("select count(*) from account where account_id = ?", id));
  }

  @Test
  void json_is_read_as_strictly_as_the_document_types_it() {
    String id = newAccountId("strict");
    // A number is not text, an epoch number is not a date, and text may not carry NUL.
    assertProblem(
        postSignals(id, "{\"signals\": [{\"key\": \"csat\", \"value\": 4, " + "\"eventId\": 42}]}"),
        400,
        "signals[0].eventId");
    assertProblem(
        postSignals(
            id,
            "{\"signals\": [{\"key\": \"csat\", \"value\": 4, " + "\"observedAt\": 1764000000}]}"),
        400,
        "signals[0].observedAt");
    assertProblem(
        postSignals(
            id,
            "{\"signals\": [{\"key\": \"csat\", \"value\": 4, "
                + "\"observedAt\": \"\\u0005 \"}]}"),
        400,
        "signals[0].observedAt");
    assertProblem(
        postSignals(
            id,
            "{\"signals\": [{\"key\": \"csat\", \"value\": 4, " + "\"source\": \"crm\\u0000\"}]}"),
        400,
        "signals[0].source");
    // Text after the value, and bytes that are not UTF-8 (an overlong '/'), are malformed.
    assertProblem(
            postSignals(id, "{\"signals\": [{\"key\": \"csat\", \"value\": 4}]} x"), 400, null)
        .body("type", equalTo("urn:healthscore:problem:malformed-json"));
    byte[] overlong =
        "{\"signals\": [{\"key\": \"csat\", \"value\": 4, \"source\": \"a\u00c0\u00afb\"}]}"
            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    assertProblem(json().body(overlong).post("/v1/accounts/{id}/signals", id).then(), 400, null)
        .body("type", equalTo("urn:healthscore:problem:malformed-json"));
    // An id with a control character is refused by name, not passed to the database.
    assertProblem(
        json()
            .urlEncodingEnabled(false)
            .body("{\"signals\": [{\"key\": \"csat\", " + "\"value\": 4}]}")
            .post("/v1/accounts/a%00b/signals")
            .then(),
        400,
        "accountId");
    assertProblem(
        given().urlEncodingEnabled(false).get("/v1/health?segment=plan:a%00b").then(),
        400,
        "segment");
    assertProblem(
        given().urlEncodingEnabled(false).get("/v1/health?segment=plan:a%0ab").then(),
        400,
        "segment");
    assertProblem(
        given().urlEncodingEnabled(false).get("/v1/accounts/a%7Fb/health").then(),
        400,
        "accountId");
    assertEquals(0, Database.count("select count(*) from account where account_id = ?", id));
  }

  @Test
  void reports_every_invalid_field_at_once() {
    assertProblem(
            postSignals(
                newAccountId("many"),
                """
                {"signals": [{"key": "csat", "value": 0}, {"key": "x", "value": 1},
                             {"key": "advocacy", "value": 3, "eventId": ""}]}
                """),
            400,
            "signals[0].value")
        .body("errors.field", hasItems("signals[1].key", "signals[2].eventId"))
        .body("detail", equalTo("3 fields are not valid"));
  }

  @Test
  void batch_applies_valid_items_and_reports_invalid_ones_by_index() {
    String a = newAccountId("batch-a");
    String b = newAccountId("batch-b");
    json()
        .body(
            """
            {"signals": [
              {"accountId": "%1$s", "key": "active_users_ratio", "value": 0.5, "eventId": "e1"},
              {"accountId": "%1$s", "key": "tickets_30d", "value": -1},
              {"accountId": "%2$s", "key": "goals_met_ratio", "value": 0.9},
              {"accountId": "not valid!", "key": "goals_met_ratio", "value": 0.9},
              {"accountId": "%1$s", "key": "active_users_ratio", "value": 0.5, "eventId": "e1"}
            ]}
            """
                .formatted(a, b))
        .post("/v1/signals/batch")
        .then()
        .statusCode(200)
        .body("accepted", equalTo(2))
        .body("duplicates", equalTo(1))
        .body("accountsScored", equalTo(2))
        .body("rejected.index", equalTo(java.util.List.of(1, 3)))
        .body("rejected[0].errors[0].field", equalTo("signals[1].value"))
        .body("rejected[1].errors[0].field", equalTo("signals[3].accountId"));
    given()
        .get("/v1/accounts/{id}/health", a)
        .then()
        .statusCode(200)
        .body("trigger", equalTo("batch"));
    // A retried item re-scores nothing.
    json()
        .body(
            "{\"signals\": [{\"accountId\": \""
                + a
                + "\", \"key\": "
                + "\"active_users_ratio\", \"value\": 0.5, \"eventId\": \"e1\"}]}")
        .post("/v1/signals/batch")
        .then()
        .statusCode(200)
        .body("accepted", equalTo(0))
        .body("duplicates", equalTo(1))
        .body("accountsScored", equalTo(0));
    assertEquals(
        1,
        Database.count(
            "select count(*) from health_history where account_id = ?"
                + " and scorecard_id = 'default'",
            a));
    given()
        .get("/v1/accounts/{id}/health", b)
        .then()
        .statusCode(200)
        .body("groups.find { it.id == 'outcomes' }.score", equalTo(90.0f));
    assertEquals(
        0,
        Database.count(
            "select count(*) from signal where account_id = ? and key = 'tickets_30d'", a));
  }

  @Test
  void a_read_right_after_a_batch_sees_its_score_not_the_one_in_memory() {
    String a = newAccountId("batch-read");
    json()
        .body("{\"signals\": [{\"key\": \"active_users_ratio\", \"value\": 0.9}]}")
        .post("/v1/accounts/{id}/signals", a)
        .then()
        .statusCode(200)
        .body("health.sequence", equalTo(1));
    given().get("/v1/accounts/{id}/health", a).then().statusCode(200).body("sequence", equalTo(1));
    json()
        .body(
            "{\"signals\": [{\"accountId\": \""
                + a
                + "\", \"key\": "
                + "\"active_users_ratio\", \"value\": 0.1}]}")
        .post("/v1/signals/batch")
        .then()
        .statusCode(200)
        .body("accountsScored", equalTo(1));
    given()
        .get("/v1/accounts/{id}/health", a)
        .then()
        .statusCode(200)
        .body("sequence", equalTo(2))
        .body("trigger", equalTo("batch"));
  }

  @Test
  void batch_reports_unreadable_items_by_index_and_applies_the_rest() {
    String a = newAccountId("batch-unreadable");
    json()
        .body(
            """
            {"signals": [
              {"accountId": "%1$s", "key": "csat", "value": 4},
              {"accountId": "%1$s", "key": "csat", "value": 4, "observedAt": "yesterday"},
              {"accountId": "%1$s", "key": "csat", "value": 4, "colour": "red"},
              7,
              null
            ]}
            """
                .formatted(a))
        .post("/v1/signals/batch")
        .then()
        .statusCode(200)
        .body("accepted", equalTo(1))
        .body("rejected.index", equalTo(java.util.List.of(1, 2, 3, 4)))
        .body("rejected[0].errors[0].field", equalTo("signals[1].observedAt"))
        .body("rejected[1].errors[0].field", equalTo("signals[2].colour"))
        .body("rejected[2].errors[0].field", equalTo("signals[3]"));
    assertEquals(1, Database.count("select count(*) from signal where account_id = ?", a));
  }

  @Test
  void batch_of_more_than_1000_signals_is_rejected_whole() {
    String id = newAccountId("big");
    String items =
        IntStream.range(0, 1001)
            .mapToObj(
                i -> "{\"accountId\": \"" + id + "\", \"key\": \"tickets_30d\", \"value\": 1}")
            .collect(Collectors.joining(","));
    assertProblem(
        json().body("{\"signals\": [" + items + "]}").post("/v1/signals/batch").then(),
        400,
        "signals");
    assertEquals(0, Database.count("select count(*) from account where account_id = ?", id));
  }

  @Test
  void lists_the_standard_signal_keys() {
    given()
        .get("/v1/signal-keys")
        .then()
        .statusCode(200)
        .body(
            "items.key",
            hasItems(
                "csm_sentiment",
                "nps",
                "nps_response",
                "csat",
                "meetings_attended_ratio",
                "days_since_last_touch",
                "advocacy",
                "active_users_ratio",
                "feature_breadth",
                "licenses_activated_ratio",
                "goals_met_ratio",
                "tickets_30d",
                "urgent_tickets_30d",
                "invoice_overdue_days",
                "decision_maker_contacts"))
        .body("items.find { it.key == 'licenses_activated_ratio' }.dear", equalTo("deployment"))
        .body("items.find { it.key == 'csm_sentiment' }.labels", hasItem("very_negative"));
  }
}

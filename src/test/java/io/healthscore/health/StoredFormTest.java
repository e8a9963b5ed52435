package io.healthscore.health;

import static io.healthscore.support.Api.as;
import static io.healthscore.support.Api.given;
import static io.healthscore.support.Api.json;
import static io.healthscore.support.Api.jsonAs;
import static io.healthscore.support.Api.newAccountId;
import static io.healthscore.support.Api.newTenant;
import static io.healthscore.support.Api.postSignals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.healthscore.common.Examples;
import io.healthscore.support.Api.Tenant;
import io.healthscore.support.Database;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * History stores scores in a compact form and renders the explained score from it and the scorecard
 * version: what a read returns must be, field for field and in order, what the write replied.
 */
@QuarkusTest
class StoredFormTest {

  @Inject ObjectMapper mapper;

  @Test
  void history_renders_every_score_exactly_as_its_write_replied() throws Exception {
    String account = newAccountId("form");
    Instant old = Instant.now().minus(40, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MICROS);
    List<String> replies = new ArrayList<>();
    // Present numbers and labels, an NPS window, stale and missing measures, a disagreement
    // (very positive CSM, red score).
    replies.add(
        health(
            postSignals(
                    account,
                    """
                    {"signals": [{"key": "csm_sentiment", "value": "very_positive"},
                                 {"key": "active_users_ratio", "value": 0.05},
                                 {"key": "goals_met_ratio", "value": 0.1},
                                 {"key": "urgent_tickets_30d", "value": 9},
                                 {"key": "nps_response", "value": 2}, {"key": "nps_response", "value": 9},
                                 {"key": "tickets_30d", "value": 40, "observedAt": "%s"}]}
                    """
                        .formatted(old))
                .statusCode(200)
                .extract()
                .asString()));
    // A change section with movers.
    replies.add(
        health(
            postSignals(account, "{\"signals\": [{\"key\": \"goals_met_ratio\", \"value\": 0.95}]}")
                .statusCode(200)
                .extract()
                .asString()));
    // An override in force.
    replies.add(
        mapper
            .readTree(
                json()
                    .body(OverrideApiTest.override("green", Instant.now().plus(1, ChronoUnit.DAYS)))
                    .put("/v1/accounts/{id}/health/override", account)
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString())
            .toString());
    assertTrue(replies.get(0).contains("\"disagreement\""), replies.get(0));
    assertTrue(replies.get(0).contains("\"status\":\"stale\""), replies.get(0));
    assertTrue(replies.get(1).contains("\"movers\""), replies.get(1));

    JsonNode history =
        mapper
            .readTree(
                given()
                    .get("/v1/accounts/{id}/health/history", account)
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString())
            .get("items");
    assertEquals(3, history.size());
    for (int i = 0; i < 3; i++) {
      assertEquals(replies.get(2 - i), history.get(i).toString());
    }

    // Stored without what the scorecard says nor the measures without data.
    String stored =
        Database.string(
            "select result::text from health_history where account_id = ? and seq = 1", account);
    assertTrue(stored.contains("\"explanation\""), stored);
    assertFalse(stored.contains("\"groups\"") || stored.contains("\"meetings_attended\""), stored);
    assertTrue(
        stored.length() * 3 < replies.get(0).length(),
        stored.length() + " of " + replies.get(0).length());
  }

  @Test
  void with_the_compact_form_off_history_stores_the_api_form() throws Exception {
    String health =
        health(
            postSignals(
                    newAccountId("form-off"),
                    "{\"signals\": [{\"key\": \"active_users_ratio\", \"value\": 0.5}]}")
                .statusCode(200)
                .extract()
                .asString());
    HealthView view = mapper.readValue(health, HealthView.class);
    assertEquals(health, new ScoreForms(null, mapper, false).storedJson(view));
    assertTrue(new ScoreForms(null, mapper, true).storedJson(view).contains("\"explanation\""));
  }

  @Test
  void scores_of_a_segment_render_with_the_segment_weights_of_their_version() throws Exception {
    String scorecard =
        json()
            .body(
                Examples.SCORECARD.replace(
                    "\"id\": \"dear\"",
                    "\"id\": \"form-" + UUID.randomUUID().toString().substring(0, 8) + "\""))
            .post("/v1/scorecards")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    String account = newAccountId("form-segment");
    json()
        .body(
            """
            {"attributes": {"lifecycle_stage": "onboarding"},
             "signals": [{"key": "licenses_activated_ratio", "value": 0.7},
                         {"key": "active_users_ratio", "value": 0.4}]}
            """)
        .put("/v1/accounts/{id}", account)
        .then()
        .statusCode(200);
    // Straight after the write, the latest score is this instance's in-memory copy of it.
    String written =
        mapper
            .readTree(
                given()
                    .queryParam("scorecard", scorecard)
                    .get("/v1/accounts/{id}/health", account)
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString())
            .toString();
    assertTrue(written.contains("\"segment\":\"onboarding\""), written);
    String read =
        mapper
            .readTree(
                given()
                    .queryParam("scorecard", scorecard)
                    .get("/v1/accounts/{id}/health/history", account)
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString())
            .get("items")
            .get(0)
            .toString();
    assertEquals(written, read);
  }

  @Test
  void rows_in_the_api_form_written_before_read_as_they_are() throws Exception {
    Tenant tenant = newTenant("form");
    for (int i = 0; i < 3; i++) {
      jsonAs(tenant.adminKey())
          .body(
              """
              {"signals": [{"key": "active_users_ratio", "value": 0.%d},
                           {"key": "urgent_tickets_30d", "value": %d}]}\
              """
                  .formatted(i + 2, i))
          .post("/v1/accounts/{id}/signals", "acct-" + i)
          .then()
          .statusCode(200);
    }
    String drivers = read(tenant, "/v1/portfolio/drivers");
    assertTrue(mapper.readTree(drivers).get("unweighted").size() > 0, drivers);
    List<String> histories = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      histories.add(read(tenant, "/v1/accounts/acct-" + i + "/health/history"));
    }

    for (int i = 0; i < 3; i++) {
      String apiForm = mapper.readTree(histories.get(i)).get("items").get(0).toString();
      assertEquals(
          1,
          Database.execute(
              "update health_history set result = ?::json"
                  + " where tenant_id = ? and account_id = ?",
              apiForm,
              tenant.id(),
              "acct-" + i));
    }
    for (int i = 0; i < 3; i++) {
      assertEquals(histories.get(i), read(tenant, "/v1/accounts/acct-" + i + "/health/history"));
    }
    assertEquals(drivers, read(tenant, "/v1/portfolio/drivers"));
  }

  private String read(Tenant tenant, String path) {
    return as(tenant.adminKey()).get(path).then().statusCode(200).extract().asString();
  }

  private String health(String reply) throws Exception {
    return mapper.readTree(reply).get("health").toString();
  }
}

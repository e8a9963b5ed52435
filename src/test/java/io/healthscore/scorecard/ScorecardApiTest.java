package io.healthscore.scorecard;

import static io.healthscore.support.Api.assertProblem;
import static io.healthscore.support.Api.given;
import static io.healthscore.support.Api.json;
import static io.healthscore.support.Api.newAccountId;
import static io.healthscore.support.Api.postSignals;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.healthscore.common.Examples;
import io.healthscore.support.Database;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ScorecardApiTest {

  /** The DEAR example under a fresh id: scorecards are never deleted, tests must not collide. */
  static String dear() {
    return Examples.SCORECARD.replace(
        "\"id\": \"dear\"",
        "\"id\": \"dear-" + UUID.randomUUID().toString().substring(0, 8) + "\"");
  }

  static String create(String definition) {
    return json()
        .body(definition)
        .post("/v1/scorecards")
        .then()
        .statusCode(201)
        .header("ETag", "\"v1\"")
        .body("version", equalTo(1))
        .extract()
        .path("id");
  }

  @Test
  void a_created_scorecard_scores_every_account_beside_the_default_one() {
    String id = create(dear());
    given()
        .get("/v1/scorecards")
        .then()
        .statusCode(200)
        .body("items.id", hasItems("default", id))
        .body(
            "items.find { it.id == '" + id + "' }.segments",
            equalTo(List.of("onboarding", "enterprise")));
    given().get("/v1/engines").then().statusCode(200).body("items.id", hasItem("critical_gated"));
    String account = newAccountId("dear");
    postSignals(
            account,
            """
            {"signals": [{"key": "licenses_activated_ratio", "value": 0.9},
                         {"key": "meetings_attended_ratio", "value": 0.5},
                         {"key": "active_users_ratio", "value": 0.4},
                         {"key": "goals_met_ratio", "value": 0.7}]}
            """)
        .statusCode(200)
        .body("health.scorecard.id", equalTo("default"));
    // (90 + 50 + 50 + 70) / 4 = 65; no segment attributes: the scorecard as written.
    given()
        .get("/v1/accounts/{id}/health?scorecard={s}", account, id)
        .then()
        .statusCode(200)
        .body("scorecard.id", equalTo(id))
        .body("scorecard.version", equalTo(1))
        .body("engine", equalTo("critical_gated"))
        .body("score", equalTo(65.0f))
        .body("segment", nullValue());
    given()
        .get("/v1/accounts/{id}/health", account)
        .then()
        .statusCode(200)
        .body("scorecard.id", equalTo("default"));
    given()
        .get("/v1/health?scorecard={s}&minScore=65&maxScore=65&limit=500", id)
        .then()
        .statusCode(200)
        .body("items.accountId", hasItem(account));
    assertProblem(
        given().get("/v1/accounts/{id}/health?scorecard=nope", account).then(), 404, null);
    assertProblem(given().get("/v1/health?scorecard=nope").then(), 404, null);
    assertProblem(
        json().body(dear().replaceAll("dear-[0-9a-f]{8}", id)).post("/v1/scorecards").then(),
        409,
        null);
  }

  @Test
  void updates_need_the_current_etag_and_every_version_stays_readable() {
    String id = create(dear());
    String changed =
        dear()
            .replaceAll("dear-[0-9a-f]{8}", id)
            .replace("\"engine\": \"critical_gated\"", "\"engine\": \"weighted_geometric_mean\"");
    assertProblem(json().body(changed).put("/v1/scorecards/{id}", id).then(), 428, "If-Match");
    assertProblem(
        json().header("If-Match", "\"v7\"").body(changed).put("/v1/scorecards/{id}", id).then(),
        412,
        null);
    String etag =
        given().get("/v1/scorecards/{id}", id).then().statusCode(200).extract().header("ETag");
    assertEquals("\"v1\"", etag);
    String account = newAccountId("versions");
    postSignals(account, "{\"signals\": [{\"key\": \"goals_met_ratio\", \"value\": 0.5}]}")
        .statusCode(200);
    json()
        .header("If-Match", etag)
        .body(changed)
        .put("/v1/scorecards/{id}", id)
        .then()
        .statusCode(200)
        .header("ETag", "\"v2\"")
        .body("version", equalTo(2))
        .body("engine", equalTo("weighted_geometric_mean"));
    assertProblem(
        json().header("If-Match", etag).body(changed).put("/v1/scorecards/{id}", id).then(),
        412,
        null);
    postSignals(account, "{\"signals\": [{\"key\": \"goals_met_ratio\", \"value\": 0.6}]}")
        .statusCode(200);
    // Each history row names the version that made it (recompute rows of the background jobs
    // may interleave; the rows of the two writes are the ones compared).
    given()
        .get("/v1/accounts/{a}/health/history?scorecard={s}", account, id)
        .then()
        .statusCode(200)
        .body("items.findAll { it.trigger == 'signals' }.scorecard.version", equalTo(List.of(2, 1)))
        .body(
            "items.findAll { it.trigger == 'signals' }.engine",
            equalTo(List.of("weighted_geometric_mean", "critical_gated")));
    given()
        .get("/v1/scorecards/{id}/versions", id)
        .then()
        .statusCode(200)
        .body("items.version", equalTo(List.of(2, 1)))
        .body("items.current", equalTo(List.of(true, false)));
    given()
        .get("/v1/scorecards/{id}/versions/1", id)
        .then()
        .statusCode(200)
        .body("engine", equalTo("critical_gated"))
        .body("version", equalTo(1));
    assertProblem(given().get("/v1/scorecards/{id}/versions/9", id).then(), 404, null);
    assertProblem(given().get("/v1/scorecards/{id}/versions/x", id).then(), 404, null);
    assertProblem(
        json()
            .header("If-Match", "*")
            .body(changed.replace("\"id\": \"" + id, "\"id\": \"other"))
            .put("/v1/scorecards/{id}", id)
            .then(),
        400,
        "id");
    assertProblem(
        json()
            .header("If-Match", "*")
            .body(changed.replace(id, "no-such-card"))
            .put("/v1/scorecards/{id}", "no-such-card")
            .then(),
        404,
        null);
  }

  @Test
  void of_concurrent_updates_naming_one_version_exactly_one_wins() throws Exception {
    String id = create(dear());
    String body = dear().replaceAll("dear-[0-9a-f]{8}", id);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> replies = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        Callable<Integer> put =
            () ->
                json()
                    .header("If-Match", "\"v1\"")
                    .body(body)
                    .put("/v1/scorecards/{id}", id)
                    .then()
                    .extract()
                    .statusCode();
        replies.add(pool.submit(put));
      }
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> reply : replies) {
        statuses.add(reply.get());
      }
      assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
      assertEquals(7, statuses.stream().filter(s -> s == 412).count(), statuses.toString());
    } finally {
      pool.shutdownNow();
    }
    assertEquals(
        2, Database.count("select count(*) from scorecard_version where scorecard_id = ?", id));
  }

  @Test
  void invalid_scorecards_are_refused_with_every_field_named_and_nothing_stored() {
    String id = "broken-" + UUID.randomUUID().toString().substring(0, 8);
    String broken =
        dear()
            .replaceAll("dear-[0-9a-f]{8}", id)
            .replace(
                "{\"id\": \"deployment\", \"weight\": 25",
                "{\"id\": \"deployment\", \"weight\": -25")
            .replace("\"signal\": \"meetings_attended_ratio\"", "\"signal\": \"mood_ring\"")
            .replace("\"min\": 0, \"max\": 0.8", "\"min\": 1, \"max\": 0.8")
            .replace("\"engine\": \"critical_gated\"", "\"engine\": \"astrology\"")
            .replace("\"groupWeights\": {\"roi\": 40}", "\"groupWeights\": {\"nope\": 40}")
            .replace(
                "{\"attribute\": \"arr\", \"min\": 100000}",
                "{\"attribute\": \"arr\", \"min\": 100000, \"equals\": \"x\"}");
    assertProblem(json().body(broken).post("/v1/scorecards").then(), 400, "groups[0].weight")
        .body(
            "errors.field",
            hasItems(
                "groups[1].measures[0].signal",
                "groups[2].measures[0].normaliser.max",
                "engine",
                "segments[1].groupWeights.nope",
                "segments[1].when[1]"));
    assertProblem(
            json()
                .body(
                    "{\"id\": \""
                        + id
                        + "\", \"groups\": [], "
                        + "\"bands\": {\"yellowFrom\": 80, \"greenFrom\": 60}}")
                .post("/v1/scorecards")
                .then(),
            400,
            "groups")
        .body("errors.field", hasItem("bands"));
    assertEquals(0, Database.count("select count(*) from scorecard where scorecard_id = ?", id));
    assertProblem(
        json()
            .body(dear().replace("\"critical_gated\"", "\"formula\""))
            .post("/v1/scorecards")
            .then(),
        400,
        "engineSettings.formula");
  }

  @Test
  void segments_pick_the_weights_and_a_changed_attribute_reassigns_the_account() {
    String id = create(dear());
    String account = newAccountId("segment");
    String signals =
        """
        [{"key": "licenses_activated_ratio", "value": 1.0},
         {"key": "meetings_attended_ratio", "value": 0.5},
         {"key": "active_users_ratio", "value": 0.4},
         {"key": "goals_met_ratio", "value": 0.0}]
        """;
    json()
        .body(
            "{\"attributes\": {\"lifecycle_stage\": \"onboarding\"}, \"signals\": " + signals + "}")
        .put("/v1/accounts/{id}", account)
        .then()
        .statusCode(200);
    // Onboarding weights 50/25/25/5: (100*50 + 50*25 + 50*25 + 0*5) / 105 = 71.4
    given()
        .get("/v1/accounts/{id}/health?scorecard={s}", account, id)
        .then()
        .statusCode(200)
        .body("segment", equalTo("onboarding"))
        .body("score", equalTo(71.4f));
    json()
        .body(
            "{\"attributes\": {\"lifecycle_stage\": \"adoption\", \"plan\": \"enterprise\"},"
                + " \"arr\": {\"amount\": 250000, \"currency\": \"USD\"}}")
        .put("/v1/accounts/{id}", account)
        .then()
        .statusCode(200);
    // Enterprise with ARR >= 100k: roi weighs 40: (100*25 + 50*25 + 50*25 + 0*40) / 115 = 43.5
    given()
        .get("/v1/accounts/{id}/health?scorecard={s}", account, id)
        .then()
        .statusCode(200)
        .body("segment", equalTo("enterprise"))
        .body("score", equalTo(43.5f))
        .body("trigger", equalTo("account_upsert"));
    json()
        .body(
            "{\"attributes\": {\"plan\": \"enterprise\"},"
                + " \"arr\": {\"amount\": 50000, \"currency\": \"USD\"}}")
        .put("/v1/accounts/{id}", account)
        .then()
        .statusCode(200);
    given()
        .get("/v1/accounts/{id}/health?scorecard={s}", account, id)
        .then()
        .statusCode(200)
        .body("segment", nullValue())
        .body("score", equalTo(50.0f)); // (100 + 50 + 50 + 0) / 4
  }

  @Test
  void a_version_saved_by_another_instance_is_used_on_the_next_write() {
    String id = create(dear());
    String account = newAccountId("instances");
    postSignals(account, "{\"signals\": [{\"key\": \"goals_met_ratio\", \"value\": 0.5}]}")
        .statusCode(200);
    // What another instance's PUT leaves behind; this instance's memory still holds version 1.
    Database.execute(
        """
        insert into scorecard_version (tenant_id, scorecard_id, version, definition)
        select tenant_id, scorecard_id, 2,
               jsonb_set(definition, '{engine}', '"weighted_geometric_mean"')
        from scorecard_version where scorecard_id = ? and version = 1\
        """,
        id);
    Database.execute("update scorecard set current_version = 2 where scorecard_id = ?", id);
    postSignals(account, "{\"signals\": [{\"key\": \"goals_met_ratio\", \"value\": 0.6}]}")
        .statusCode(200);
    given()
        .get("/v1/accounts/{id}/health?scorecard={s}", account, id)
        .then()
        .statusCode(200)
        .body("scorecard.version", equalTo(2))
        .body("engine", equalTo("weighted_geometric_mean"));
    given()
        .get("/v1/scorecards")
        .then()
        .statusCode(200)
        .body("items.find { it.id == '" + id + "' }.version", equalTo(2));
  }
}

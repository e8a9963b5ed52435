package io.healthscore.health;

import static io.healthscore.support.Api.assertProblem;
import static io.healthscore.support.Api.given;
import static io.healthscore.support.Api.json;
import static io.healthscore.support.Api.newAccountId;
import static io.healthscore.support.Api.postSignals;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.healthscore.support.Database;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class HealthApiTest {

  @Test
  void latest_score_has_an_etag_and_answers_304_when_unchanged() {
    String id = newAccountId("etag");
    postSignals(id, "{\"signals\": [{\"key\": \"active_users_ratio\", \"value\": 0.7}]}")
        .statusCode(200);
    String etag =
        given()
            .get("/v1/accounts/{id}/health", id)
            .then()
            .statusCode(200)
            .body("accountId", equalTo(id))
            .body("sequence", equalTo(1))
            .body("groups.find { it.id == 'adoption' }.measures[0].rawValue", equalTo(0.7f))
            .extract()
            .header("ETag");
    given()
        .header("If-None-Match", etag)
        .get("/v1/accounts/{id}/health", id)
        .then()
        .statusCode(304);
    postSignals(id, "{\"signals\": [{\"key\": \"active_users_ratio\", \"value\": 0.2}]}")
        .statusCode(200);
    given()
        .header("If-None-Match", etag)
        .get("/v1/accounts/{id}/health", id)
        .then()
        .statusCode(200)
        .body("sequence", equalTo(2));
  }

  @Test
  void a_score_written_through_another_instance_is_read_within_twice_the_cache_time_to_live() {
    String id = newAccountId("instances");
    postSignals(id, "{\"signals\": [{\"key\": \"active_users_ratio\", \"value\": 0.7}]}")
        .statusCode(200);
    // What another instance's write leaves behind; this instance's memory holds sequence 1.
    Database.execute(
        """
        insert into health_history (tenant_id, account_id, scorecard_id, seq, scorecard_version,
                                    engine, segment, score, band, coverage, trigger, computed_at,
                                    result)
        select tenant_id, account_id, scorecard_id, 2, scorecard_version, engine, segment, 12.3,
               band, coverage, trigger, computed_at,
               jsonb_set(jsonb_set(result::jsonb, '{sequence}', '2'), '{score}', '12.3')::json
        from health_history where account_id = ? and seq = 1\
        """,
        id);
    Database.execute("update health_latest set seq = 2, score = 12.3 where account_id = ?", id);
    given().get("/v1/accounts/{id}/health", id).then().statusCode(200).body("sequence", equalTo(1));
    // Within twice the time to live (healthscore.read-cache.ttl, 1 s) a read answers the other
    // instance's score; that it is served from memory meanwhile, and checked once in the
    // background, LatestScoreCacheTest shows with a fake clock.
    JsonPath latest =
        await("the other instance's score is read")
            .atMost(Duration.ofSeconds(3))
            .pollInterval(Duration.ofMillis(50))
            .until(
                () ->
                    given()
                        .get("/v1/accounts/{id}/health", id)
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath(),
                view -> view.getInt("sequence") == 2);
    assertEquals(2, latest.getInt("sequence"));
    assertEquals(12.3f, latest.getFloat("score"));
  }

  @Test
  void unknown_account_health_and_history_are_404_problems() {
    assertProblem(given().get("/v1/accounts/{id}/health", "ghost-1").then(), 404, null);
    assertProblem(given().get("/v1/accounts/{id}/health/history", "ghost-1").then(), 404, null);
  }

  @Test
  void history_is_newest_first_and_pages_with_an_opaque_cursor() {
    String id = newAccountId("hist");
    for (int i = 1; i <= 7; i++) {
      postSignals(id, "{\"signals\": [{\"key\": \"tickets_30d\", \"value\": " + i + "}]}")
          .statusCode(200);
    }
    List<Integer> sequences = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      var request = given().queryParam("limit", 3);
      if (cursor != null) {
        request.queryParam("cursor", cursor);
      }
      JsonPath page =
          request
              .get("/v1/accounts/{id}/health/history", id)
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      sequences.addAll(page.getList("items.sequence", Integer.class));
      cursor = page.getString("nextCursor");
      pages++;
    } while (cursor != null);
    assertEquals(List.of(7, 6, 5, 4, 3, 2, 1), sequences);
    assertEquals(3, pages);
  }

  @Test
  void history_filters_by_time_and_rejects_bad_parameters() {
    String id = newAccountId("hist-filter");
    postSignals(id, "{\"signals\": [{\"key\": \"tickets_30d\", \"value\": 1}]}").statusCode(200);
    given()
        .queryParam("from", "2999-01-01T00:00:00Z")
        .get("/v1/accounts/{id}/health/history", id)
        .then()
        .statusCode(200)
        .body("items.size()", equalTo(0))
        .body("nextCursor", nullValue());
    given()
        .queryParam("to", "2999-01-01T00:00:00Z")
        .get("/v1/accounts/{id}/health/history", id)
        .then()
        .statusCode(200)
        .body("items.size()", equalTo(1));
    assertProblem(
        given().queryParam("from", "yesterday").get("/v1/accounts/{id}/health/history", id).then(),
        400,
        "from");
    assertProblem(
        given().queryParam("limit", 501).get("/v1/accounts/{id}/health/history", id).then(),
        400,
        "limit");
    assertProblem(
        given()
            .queryParam("cursor", "not-a-cursor")
            .get("/v1/accounts/{id}/health/history", id)
            .then(),
        400,
        "cursor");
  }

  @Test
  void portfolio_list_filters_sorts_and_pages_without_gaps_or_repeats() {
    String run = UUID.randomUUID().toString().substring(0, 8);
    // Five accounts with distinct ARR and adoption; one with a different plan.
    double[] usage = {0.1, 0.3, 0.5, 0.7, 0.9};
    for (int i = 0; i < usage.length; i++) {
      json()
          .body(
              """
              {"name": "Co %1$d", "attributes": {"run": "%2$s", "plan": "%3$s"},
               "arr": {"amount": %4$d, "currency": "EUR"},
               "signals": [{"key": "active_users_ratio", "value": %5$s},
                           {"key": "goals_met_ratio", "value": %5$s},
                           {"key": "feature_breadth", "value": %5$s},
                           {"key": "licenses_activated_ratio", "value": %5$s},
                           {"key": "csm_sentiment", "value": "neutral"}]}
              """
                  .formatted(i, run, i == 4 ? "starter" : "pro", (i + 1) * 10000, usage[i]))
          .put("/v1/accounts/{id}", "pf-" + run + "-" + i)
          .then()
          .statusCode(200);
    }
    List<String> byScore = new ArrayList<>();
    String cursor = null;
    do {
      var request = given().queryParam("segment", "run:" + run).queryParam("limit", 2);
      if (cursor != null) {
        request.queryParam("cursor", cursor);
      }
      JsonPath page = request.get("/v1/health").then().statusCode(200).extract().jsonPath();
      byScore.addAll(page.getList("items.accountId", String.class));
      cursor = page.getString("nextCursor");
    } while (cursor != null);
    assertEquals(
        List.of(0, 1, 2, 3, 4).stream().map(i -> "pf-" + run + "-" + i).toList(),
        byScore,
        "riskiest first");

    given()
        .queryParam("segment", "run:" + run)
        .queryParam("sort", "-arr")
        .queryParam("limit", 1)
        .get("/v1/health")
        .then()
        .statusCode(200)
        .body("items[0].accountId", equalTo("pf-" + run + "-4"))
        .body("items[0].arr.amount", equalTo(50000.0f))
        .body("nextCursor", notNullValue());
    given()
        .queryParam("segment", "run:" + run)
        .queryParam("segment", "plan:starter")
        .get("/v1/health")
        .then()
        .statusCode(200)
        .body("items.accountId", equalTo(List.of("pf-" + run + "-4")));
    given()
        .queryParam("segment", "run:" + run)
        .queryParam("band", "red")
        .get("/v1/health")
        .then()
        .statusCode(200)
        .body("items.band.unique()", equalTo(List.of("red")));
    JsonPath ranged =
        given()
            .queryParam("segment", "run:" + run)
            .queryParam("minScore", 40)
            .queryParam("maxScore", 70)
            .get("/v1/health")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    for (Float score : ranged.getList("items.score", Float.class)) {
      org.junit.jupiter.api.Assertions.assertTrue(score >= 40 && score <= 70, "score " + score);
    }
  }

  @Test
  void portfolio_list_rejects_bad_parameters() {
    assertProblem(given().queryParam("band", "purple").get("/v1/health").then(), 400, "band");
    assertProblem(given().queryParam("sort", "name").get("/v1/health").then(), 400, "sort");
    assertProblem(given().queryParam("minScore", "abc").get("/v1/health").then(), 400, "minScore");
    assertProblem(
        given().queryParam("segment", "novalue").get("/v1/health").then(), 400, "segment");
    assertProblem(given().queryParam("cursor", "MXx4").get("/v1/health").then(), 400, "cursor");
    assertProblem(given().queryParam("limit", "abc").get("/v1/health").then(), 400, "limit");
    assertProblem(
        given().queryParam("limit", "99999999999").get("/v1/health").then(), 400, "limit");
  }
}

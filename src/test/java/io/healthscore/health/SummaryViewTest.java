package io.healthscore.health;

import static io.healthscore.support.Api.assertProblem;
import static io.healthscore.support.Api.given;
import static io.healthscore.support.Api.newAccountId;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ?view=summary: the same score without its per-group breakdown, on every reply with a score. */
@QuarkusTest
class SummaryViewTest {

  static final String SIGNALS =
      "[{\"key\": \"nps\", \"value\": 40}, {\"key\": \"active_users_ratio\", \"value\": 0.3},"
          + " {\"key\": \"tickets_30d\", \"value\": 9}, {\"key\": \"csm_sentiment\","
          + " \"value\": \"negative\"}]";

  @Test
  void every_write_answers_a_summary_when_asked_and_the_full_score_by_default() {
    String id = newAccountId("summary");
    JsonPath full =
        given()
            .contentType("application/json")
            .body("{\"name\": \"Summary Ltd\", \"signals\": " + SIGNALS + "}")
            .put("/v1/accounts/{id}", id)
            .then()
            .statusCode(200)
            .body("health.groups", notNullValue())
            .extract()
            .jsonPath();
    String fullBody = full.prettify();
    JsonPath summary =
        given()
            .contentType("application/json")
            .queryParam("view", "summary")
            .body("{\"name\": \"Summary Ltd\", \"signals\": " + SIGNALS + "}")
            .put("/v1/accounts/{id}", id)
            .then()
            .statusCode(200)
            .body("health.groups", nullValue())
            .body("health.sequence", equalTo(2))
            .extract()
            .jsonPath();
    // The same score (no new signal): everything but the breakdown is there.
    for (String field : new String[] {"score", "band", "coverage", "drivers"}) {
      assertEquals((Object) full.get("health." + field), summary.get("health." + field), field);
    }
    assertTrue(summary.prettify().length() * 3 < fullBody.length(), "a summary is small");

    given()
        .contentType("application/json")
        .queryParam("view", "summary")
        .body("{\"signals\": [{\"key\": \"nps\", \"value\": 10}]}")
        .post("/v1/accounts/{id}/signals", id)
        .then()
        .statusCode(200)
        .body("health.groups", nullValue())
        .body("health.change.previousScore", notNullValue());
    given()
        .contentType("application/json")
        .queryParam("view", "summary")
        .body(
            Map.of(
                "band", "red",
                "score", 15,
                "reason", "exec sponsor left",
                "author", "cs@example.com",
                "expiresAt", Instant.now().plus(Duration.ofDays(30)).toString()))
        .put("/v1/accounts/{id}/health/override", id)
        .then()
        .statusCode(200)
        .body("groups", nullValue())
        .body("override.score", equalTo(15.0f));
    given()
        .queryParam("view", "summary")
        .delete("/v1/accounts/{id}/health/override", id)
        .then()
        .statusCode(200)
        .body("groups", nullValue())
        .body("override", nullValue());
  }

  @Test
  void reads_and_stateless_scores_have_a_summary_with_its_own_entity_tag() {
    String id = newAccountId("summary-read");
    given()
        .contentType("application/json")
        .body("{\"signals\": " + SIGNALS + "}")
        .post("/v1/accounts/{id}/signals", id)
        .then()
        .statusCode(200);
    String fullTag =
        given().get("/v1/accounts/{id}/health", id).then().statusCode(200).extract().header("ETag");
    String summaryTag =
        given()
            .queryParam("view", "summary")
            .get("/v1/accounts/{id}/health", id)
            .then()
            .statusCode(200)
            .body("groups", nullValue())
            .body("score", notNullValue())
            .extract()
            .header("ETag");
    assertNotEquals(fullTag, summaryTag);
    given()
        .queryParam("view", "summary")
        .header("If-None-Match", summaryTag)
        .get("/v1/accounts/{id}/health", id)
        .then()
        .statusCode(304);

    JsonPath full =
        given()
            .contentType("application/json")
            .body("{\"signals\": " + SIGNALS + "}")
            .post("/v1/score")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    given()
        .contentType("application/json")
        .queryParam("view", "summary")
        .body("{\"signals\": " + SIGNALS + "}")
        .post("/v1/score")
        .then()
        .statusCode(200)
        .body("groups", nullValue())
        .body("score", equalTo(full.getFloat("score")))
        .body("band", equalTo(full.getString("band")));
  }

  @Test
  void an_unknown_view_is_a_problem_naming_the_parameter_and_writes_nothing() {
    String id = newAccountId("summary-bad");
    assertProblem(
        given()
            .contentType("application/json")
            .queryParam("view", "brief")
            .body("{\"signals\": " + SIGNALS + "}")
            .post("/v1/accounts/{id}/signals", id)
            .then(),
        400,
        "view");
    assertProblem(given().get("/v1/accounts/{id}/health", id).then(), 404, null);
  }
}

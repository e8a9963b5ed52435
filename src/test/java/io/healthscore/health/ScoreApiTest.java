package io.healthscore.health;

import static io.healthscore.support.Api.assertProblem;
import static io.healthscore.support.Api.json;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.healthscore.support.Database;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ScoreApiTest {

  @Inject
  DataSource dataSource;

  static final String INLINE = """
      {"signals": [{"key": "active_users_ratio", "value": 0.25},
                   {"key": "urgent_tickets_30d", "value": 4}],
       "at": "2026-11-23T12:00:00Z",
       "scorecard": {"id": "trial", "minCoverage": 0.9, "bands": {"yellowFrom": 30, "greenFrom": 60},
         "groups": [
           {"id": "usage", "weight": 3, "measures": [
             {"id": "users", "signal": "active_users_ratio", "aggregation": "latest",
              "normaliser": {"type": "range", "min": 0, "max": 0.5}, "weight": 1}]},
           {"id": "support", "weight": 1, "measures": [
             {"id": "urgent", "signal": "urgent_tickets_30d", "aggregation": "latest",
              "normaliser": {"type": "steps", "steps": [{"from": 0, "score": 100},
                                                        {"from": 3, "score": 20}]},
              "weight": 1}]}]}}
      """;

  @Test
  void scores_with_the_default_scorecard_and_stores_nothing() {
    long histories = Database.count(dataSource, "select count(*) from health_history");
    long signals = Database.count(dataSource, "select count(*) from signal");
    json().body("""
        {"signals": [{"key": "csm_sentiment", "value": "negative"},
                     {"key": "active_users_ratio", "value": 0.4},
                     {"key": "goals_met_ratio", "value": 0.5},
                     {"key": "urgent_tickets_30d", "value": 3}]}
        """).post("/v1/score").then()
        .statusCode(200)
        .body("trigger", equalTo("stateless"))
        .body("scorecard.id", equalTo("default"))
        .body("coverage", equalTo(0.4667f))
        .body("band", equalTo("unknown"))
        .body("drivers.measureId", hasItem("csm_sentiment"));
    assertEquals(histories, Database.count(dataSource, "select count(*) from health_history"));
    assertEquals(signals, Database.count(dataSource, "select count(*) from signal"));
  }

  @Test
  void scores_with_an_inline_scorecard() {
    // users 0.25 of 0.5 -> 50 x 3/4 = 37.5; urgent 4 -> 20 x 1/4 = 5.
    json().body(INLINE).post("/v1/score").then()
        .statusCode(200)
        .body("scorecard.id", equalTo("trial"))
        .body("score", equalTo(42.5f))
        .body("band", equalTo("yellow"))
        .body("coverage", equalTo(1.0f))
        .body("computedAt", equalTo("2026-11-23T12:00:00Z"));
  }

  @Test
  void rejects_an_invalid_inline_scorecard_with_field_paths() {
    String broken = INLINE.replace("\"weight\": 3", "\"weight\": -3")
        .replace("\"max\": 0.5", "\"max\": 0")
        .replace("\"signal\": \"urgent_tickets_30d\"", "\"signal\": \"mystery\"")
        .replace("\"greenFrom\": 60", "\"greenFrom\": 20");
    assertProblem(json().body(broken).post("/v1/score").then(), 400,
        "scorecard.groups[0].weight")
        .body("errors.field", hasItem("scorecard.groups[0].measures[0].normaliser.max"))
        .body("errors.field", hasItem("scorecard.groups[1].measures[0].signal"))
        .body("errors.field", hasItem("scorecard.bands"));
    assertProblem(json().body(INLINE.replace("\"weight\": 3", "\"weight\": 1e308")
        .replace("\"min\": 0, \"max\": 0.5", "\"min\": -1e308, \"max\": 1e308"))
        .post("/v1/score").then(), 400, "scorecard.groups[0].weight")
        .body("errors.field", hasItem("scorecard.groups[0].measures[0].normaliser"));
    assertProblem(json().body(INLINE.replace("\"aggregation\": \"latest\"",
        "\"aggregation\": \"median\"")).post("/v1/score").then(), 400,
        "scorecard.groups[0].measures[0].aggregation");
  }

  @Test
  void serves_the_default_scorecard_in_the_form_score_accepts() {
    String definition = io.restassured.RestAssured.given().get("/v1/scorecards/default").then()
        .statusCode(200).body("groups.size()", equalTo(7))
        .body("groups[0].measures[0].staleAfter", equalTo("PT2160H"))
        .extract().asString();
    json().body("{\"signals\": [], \"scorecard\": " + definition + "}").post("/v1/score").then()
        .statusCode(200).body("band", equalTo("unknown"));
    assertProblem(io.restassured.RestAssured.given().get("/v1/scorecards/nope").then(), 404,
        null);
  }
}

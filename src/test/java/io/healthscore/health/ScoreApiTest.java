package io.healthscore.health;

import static io.healthscore.support.Api.assertProblem;
import static io.healthscore.support.Api.json;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.healthscore.support.Database;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ScoreApiTest {

  static final String INLINE =
      """
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
    long histories = Database.count("select count(*) from health_history");
    long signals = Database.count("select count(*) from signal");
    json()
        .body(
            """
            {"signals": [{"key": "csm_sentiment", "value": "negative"},
                         {"key": "active_users_ratio", "value": 0.4},
                         {"key": "goals_met_ratio", "value": 0.5},
                         {"key": "urgent_tickets_30d", "value": 3}]}
            """)
        .post("/v1/score")
        .then()
        .statusCode(200)
        .body("trigger", equalTo("stateless"))
        .body("scorecard.id", equalTo("default"))
        .body("coverage", equalTo(0.4667f))
        .body("band", equalTo("unknown"))
        .body("drivers.measureId", hasItem("csm_sentiment"));
    assertEquals(histories, Database.count("select count(*) from health_history"));
    assertEquals(signals, Database.count("select count(*) from signal"));
  }

  @Test
  void scores_with_an_inline_scorecard() {
    // users 0.25 of 0.5 -> 50 x 3/4 = 37.5; urgent 4 -> 20 x 1/4 = 5.
    json()
        .body(INLINE)
        .post("/v1/score")
        .then()
        .statusCode(200)
        .body("scorecard.id", equalTo("trial"))
        .body("score", equalTo(42.5f))
        .body("band", equalTo("yellow"))
        .body("coverage", equalTo(1.0f))
        .body("computedAt", equalTo("2026-11-23T12:00:00Z"));
  }

  @Test
  void rejects_an_invalid_inline_scorecard_with_field_paths() {
    String broken =
        INLINE
            .replace("\"weight\": 3", "\"weight\": -3")
            .replace("\"max\": 0.5", "\"max\": 0")
            .replace("\"signal\": \"urgent_tickets_30d\"", "\"signal\": \"mystery\"")
            .replace("\"greenFrom\": 60", "\"greenFrom\": 20");
    assertProblem(json().body(broken).post("/v1/score").then(), 400, "scorecard.groups[0].weight")
        .body("errors.field", hasItem("scorecard.groups[0].measures[0].normaliser.max"))
        .body("errors.field", hasItem("scorecard.groups[1].measures[0].signal"))
        .body("errors.field", hasItem("scorecard.bands"));
    assertProblem(
            json()
                .body(
                    INLINE
                        .replace("\"weight\": 3", "\"weight\": 1e308")
                        .replace("\"min\": 0, \"max\": 0.5", "\"min\": -1e308, \"max\": 1e308"))
                .post("/v1/score")
                .then(),
            400,
            "scorecard.groups[0].weight")
        .body("errors.field", hasItem("scorecard.groups[0].measures[0].normaliser"));
    assertProblem(
        json()
            .body(INLINE.replace("\"aggregation\": \"latest\"", "\"aggregation\": \"median\""))
            .post("/v1/score")
            .then(),
        400,
        "scorecard.groups[0].measures[0].aggregation");
  }

  @Test
  void serves_the_default_scorecard_in_the_form_score_accepts() {
    String definition =
        io.healthscore.support.Api.given()
            .get("/v1/scorecards/default")
            .then()
            .statusCode(200)
            .body("groups.size()", equalTo(7))
            .body("groups[0].measures[0].staleAfter", equalTo("P90D"))
            .extract()
            .asString();
    json()
        .body("{\"signals\": [], \"scorecard\": " + definition + "}")
        .post("/v1/score")
        .then()
        .statusCode(200)
        .body("band", equalTo("unknown"));
    assertProblem(io.healthscore.support.Api.given().get("/v1/scorecards/nope").then(), 404, null);
  }

  @Test
  void lists_the_engines_with_their_settings_including_one_a_jar_adds() {
    io.healthscore.support.Api.given()
        .get("/v1/engines")
        .then()
        .statusCode(200)
        .body(
            "items.id",
            equalTo(
                java.util.List.of(
                    "critical_gated",
                    "formula",
                    "test_best_measure",
                    "weighted_geometric_mean",
                    "weighted_mean")))
        .body("items.find { it.id == 'formula' }.parameters[0].name", equalTo("formula"))
        .body("items.find { it.id == 'formula' }.parameters[0].required", equalTo(true));
  }

  @Test
  void scores_end_to_end_with_an_engine_registered_by_a_test_service_file() {
    // Best measure: urgent 4 -> 20, users 0.25 of 0.5 -> 50; best is 50, plus a bonus of 7.
    json()
        .body(
            INLINE.replace(
                "\"minCoverage\"",
                "\"engine\": \"test_best_measure\", \"engineSettings\": {\"bonus\": \"7\"}, "
                    + "\"minCoverage\""))
        .post("/v1/score")
        .then()
        .statusCode(200)
        .body("engine", equalTo("test_best_measure"))
        .body("score", equalTo(57.0f))
        .body("groups[0].measures[0].contribution", equalTo(57.0f));
  }

  @Test
  void scores_with_a_formula_and_refuses_a_broken_one_with_its_position() {
    String formula =
        INLINE.replace(
            "\"minCoverage\"",
            "\"engine\": \"formula\", \"engineSettings\": {\"formula\": \"math.least(score,"
                + " measures.urgent) + 1.5\"}, \"minCoverage\"");
    assertProblem(
        json().body(formula).post("/v1/score").then(), 400, "scorecard.engineSettings.formula");
    json()
        .body(
            formula.replace(
                "math.least(score, measures.urgent) + 1.5",
                "has(groups.support) ? math.least(score, groups.support) + 1.5 : score"))
        .post("/v1/score")
        .then()
        .statusCode(200)
        .body("score", equalTo(21.5f)); // min(42.5, 20) + 1.5
    assertProblem(
            json()
                .body(formula.replace("math.least(score, measures.urgent) + 1.5", "score +"))
                .post("/v1/score")
                .then(),
            400,
            "scorecard.engineSettings.formula")
        .body("errors[0].message", org.hamcrest.Matchers.startsWith("line 1, column 8"));
  }

  @Test
  void flags_a_very_positive_csm_on_a_red_account() {
    json()
        .body(
            """
            {"signals": [{"key": "csm_sentiment", "value": "very_positive"},
                         {"key": "active_users_ratio", "value": 0.05},
                         {"key": "feature_breadth", "value": 0.05},
                         {"key": "licenses_activated_ratio", "value": 0.1},
                         {"key": "goals_met_ratio", "value": 0.0},
                         {"key": "urgent_tickets_30d", "value": 9},
                         {"key": "tickets_30d", "value": 60},
                         {"key": "nps_response", "value": 1},
                         {"key": "advocacy", "value": 0},
                         {"key": "days_since_last_touch", "value": 120}]}
            """)
        .post("/v1/score")
        .then()
        .statusCode(200)
        .body("band", equalTo("red"))
        .body("disagreement.csmSentiment", equalTo("very_positive"))
        .body("disagreement.direction", equalTo("csm_more_positive"));
  }

  @Test
  void the_documented_example_scores_with_a_real_band() {
    json()
        .body(io.healthscore.common.Examples.SCORE)
        .post("/v1/score")
        .then()
        .statusCode(200)
        .body("band", org.hamcrest.Matchers.oneOf("red", "yellow", "green"))
        .body("coverage", org.hamcrest.Matchers.greaterThanOrEqualTo(0.5f));
  }
}

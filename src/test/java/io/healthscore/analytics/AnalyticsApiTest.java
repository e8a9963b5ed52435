package io.healthscore.analytics;

import static io.healthscore.support.Api.as;
import static io.healthscore.support.Api.assertProblem;
import static io.healthscore.support.Api.jsonAs;
import static io.healthscore.support.Api.newTenantAdminKey;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AnalyticsApiTest {

  static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

  /** The tenant's churned accounts, as GET /v1/health?status=churned lists them. */
  static int churned(String key) {
    return as(key)
        .get("/v1/health?status=churned&limit=500")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("items")
        .size();
  }

  static void account(String key, String id, String plan, int arr) {
    jsonAs(key)
        .body(
            """
            {"name": "%s", "attributes": {"plan": "%s"},
             "arr": {"amount": %d, "currency": "USD"}}\
            """
                .formatted(id, plan, arr))
        .put("/v1/accounts/{id}", id)
        .then()
        .statusCode(200);
  }

  static void outcome(String key, String id, String kind, int before, int after) {
    jsonAs(key)
        .body(
            """
            {"eventId": "%s-1", "kind": "%s", "date": "%s", "arrBefore": %d, "arrAfter": %d}\
            """
                .formatted(id, kind, TODAY.minusDays(30), before, after))
        .post("/v1/accounts/{id}/outcomes", id)
        .then()
        .statusCode(201);
  }

  @Test
  void retention_figures_match_a_hand_computed_portfolio() {
    String key = newTenantAdminKey("retention");
    account(key, "a", "pro", 100000);
    outcome(key, "a", "renewed", 100000, 100000);
    account(key, "b", "pro", 50000);
    outcome(key, "b", "churned", 50000, 0);
    account(key, "c", "enterprise", 80000);
    outcome(key, "c", "contracted", 80000, 60000);
    account(key, "d", "enterprise", 40000);
    outcome(key, "d", "expanded", 40000, 70000);
    account(key, "e", "pro", 0);
    outcome(key, "e", "reactivated", 0, 30000);
    account(key, "f", "pro", 20000); // new this period, no outcome: not in the starting cohort

    // A 365-day period: the period's churn is the yearly churn.
    JsonPath report =
        as(key)
            .queryParam("from", TODAY.minusDays(364).toString())
            .queryParam("to", TODAY.plusDays(1).toString())
            .queryParam("groupBy", "plan")
            .get("/v1/analytics/retention")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    String usd = "currencies.find { it.currency == 'USD' }.";
    // start 270k; churned 50k; contraction 20k; expansion 30k; reactivation 30k (e).
    assertEquals(4, report.getInt(usd + "overall.startingAccounts"));
    assertEquals(270000.0, report.getDouble(usd + "overall.startingArr"));
    assertEquals(50000.0, report.getDouble(usd + "overall.churnedArr"));
    assertEquals(20000.0, report.getDouble(usd + "overall.contractionArr"));
    assertEquals(30000.0, report.getDouble(usd + "overall.expansionArr"));
    assertEquals(1, report.getInt(usd + "overall.reactivatedAccounts"));
    assertEquals(30000.0, report.getDouble(usd + "overall.reactivationArr"));
    assertEquals(0.7407, report.getDouble(usd + "overall.grossRevenueRetention"), 1e-4);
    assertEquals(0.8519, report.getDouble(usd + "overall.netRevenueRetention"), 1e-4);
    assertEquals(0.25, report.getDouble(usd + "overall.logoChurnRate"), 1e-4);
    assertEquals(0.2593, report.getDouble(usd + "overall.revenueChurnRate"), 1e-4);
    assertEquals(67500.0, report.getDouble(usd + "overall.averageRevenuePerAccount"));
    // 67,500 x 0.8 / (70,000 / 270,000)
    assertEquals(208285.71, report.getDouble(usd + "overall.lifetimeValue"), 0.01);
    // pro: a + b (start 150k, churned 50k); enterprise: c + d (120k, -20k, +30k).
    String pro = usd + "segments.find { it.value == 'pro' }.figures.";
    String enterprise = usd + "segments.find { it.value == 'enterprise' }.figures.";
    assertEquals(0.6667, report.getDouble(pro + "netRevenueRetention"), 1e-4);
    assertEquals(1.0833, report.getDouble(enterprise + "netRevenueRetention"), 1e-4);
    assertEquals(0.8333, report.getDouble(enterprise + "grossRevenueRetention"), 1e-4);

    assertProblem(
        as(key).queryParam("from", "2026-13-01").get("/v1/analytics/retention").then(),
        400,
        "from");
    assertProblem(
        as(key)
            .queryParam("from", "2026-10-01")
            .queryParam("to", "2026-09-01")
            .get("/v1/analytics/retention")
            .then(),
        400,
        "to");
  }

  @Test
  void with_few_outcomes_the_forecast_uses_each_bands_churn_rate() {
    String key = newTenantAdminKey("forecast");
    jsonAs(key)
        .body(
            """
            {"id": "usage", "minCoverage": 0, "groups": [{"id": "adoption", "weight": 1,
              "measures": [{"id": "active", "signal": "active_users_ratio", "aggregation": "latest",
               "normaliser": {"type": "range", "min": 0, "max": 1}, "weight": 1}]}]}\
            """)
        .post("/v1/scorecards")
        .then()
        .statusCode(201);
    String past = TODAY.minusDays(200) + "T00:00:00Z";
    for (String[] a :
        new String[][] {{"lost", "0.1", "churned", "0"}, {"kept", "0.9", "renewed", "100"}}) {
      jsonAs(key)
          .body(
              """
              {"arr": {"amount": 100, "currency": "USD"}, "signals": [{"key": "active_users_ratio",
               "value": %s, "observedAt": "%s"}]}\
              """
                  .formatted(a[1], past))
          .put("/v1/accounts/{id}", a[0])
          .then()
          .statusCode(200);
      jsonAs(key)
          .body(
              """
              {"eventId": "e", "kind": "%s", "date": "%s", "arrBefore": 100, "arrAfter": %s}\
              """
                  .formatted(a[2], TODAY.minusDays(10), a[3]))
          .post("/v1/accounts/{id}/outcomes", a[0])
          .then()
          .statusCode(201);
    }
    for (String[] a : new String[][] {{"risky", "0.1"}, {"safe", "0.9"}}) {
      jsonAs(key)
          .body(
              """
              {"arr": {"amount": 1000, "currency": "USD"}, "renewalDate": "%s",
               "signals": [{"key": "active_users_ratio", "value": %s}]}\
              """
                  .formatted(TODAY.plusDays(30), a[1]))
          .put("/v1/accounts/{id}", a[0])
          .then()
          .statusCode(200);
    }
    // Red churned 1 of 1, green 0 of 1: risky keeps nothing, safe all, kept (no renewal in
    // the period) its 100.
    JsonPath forecast =
        as(key)
            .queryParam("scorecard", "usage")
            .queryParam("period", "P90D")
            .get("/v1/analytics/forecast")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertEquals("bands", forecast.getString("basis"));
    assertEquals(2, forecast.getInt("outcomes"));
    assertEquals(3, forecast.getInt("currencies[0].overall.accounts"));
    assertEquals(2, forecast.getInt("currencies[0].overall.renewing"));
    assertEquals(1100.0, forecast.getDouble("currencies[0].overall.expectedRetainedArr"));
    assertEquals(0.5238, forecast.getDouble("currencies[0].overall.expectedRetention"), 1e-4);
  }

  @Test
  void learning_weights_needs_enough_outcomes() {
    String key = newTenantAdminKey("few");
    assertProblem(jsonAs(key).post("/v1/scorecards/default/calibrate").then(), 422, "outcomes");
    assertProblem(
        jsonAs(key).post("/v1/scorecards/default/calibrate?folds=20").then(), 400, "folds");
  }

  @Test
  void calibration_reads_the_score_before_the_outcome_never_after() {
    String key = newTenantAdminKey("lookahead");
    String id = "x";
    account(key, id, "pro", 50000);
    LocalDate churn = TODAY.minusDays(5);
    // Poor usage well before the horizon, excellent usage after it: only the first may count.
    jsonAs(key)
        .body(
            """
            {"signals": [
              {"accountId": "x", "key": "active_users_ratio", "value": 0.05,
               "observedAt": "%sT00:00:00Z"},
              {"accountId": "x", "key": "active_users_ratio", "value": 0.99,
               "observedAt": "%sT00:00:00Z"}]}\
            """
                .formatted(churn.minusDays(100), churn.minusDays(20)))
        .post("/v1/signals/batch")
        .then()
        .statusCode(200)
        .body("accepted", equalTo(2));
    jsonAs(key)
        .body(
            """
            {"eventId": "x-1", "kind": "churned", "date": "%s", "arrBefore": 50000, "arrAfter": 0}\
            """
                .formatted(churn))
        .post("/v1/accounts/{id}/outcomes", id)
        .then()
        .statusCode(201);
    JsonPath report =
        as(key)
            .queryParam("horizon", "P90D")
            .get("/v1/analytics/calibration")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertEquals(1, report.getInt("outcomes"));
    assertEquals(0, report.getInt("excluded"));
    assertTrue(
        report.getDouble("reliability.find { it.churn.accounts == 1 }.meanScore") < 20,
        "scored from 0.05, not from 0.99: " + report.getList("reliability"));
    // 200 days before, the account had no signal yet: excluded, not guessed.
    as(key)
        .queryParam("horizon", "P200D")
        .get("/v1/analytics/calibration")
        .then()
        .statusCode(200)
        .body("outcomes", equalTo(1))
        .body("excluded", equalTo(1));
    assertProblem(
        as(key).queryParam("horizon", "ninety days").get("/v1/analytics/calibration").then(),
        400,
        "horizon");
    assertProblem(
        as(key).queryParam("horizon", "P11Y").get("/v1/analytics/calibration").then(),
        400,
        "horizon");
  }

  @Test
  void on_the_demo_portfolio_the_score_predicts_churn_and_shuffled_outcomes_do_not() {
    String key = newTenantAdminKey("demo");
    jsonAs(key)
        .post("/v1/demo-data?accounts=300&seed=7")
        .then()
        .statusCode(201)
        .body("accounts", equalTo(300))
        .body("outcomes", equalTo(300));
    assertProblem(jsonAs(key).post("/v1/demo-data").then(), 409, null);

    JsonPath report =
        as(key).get("/v1/analytics/calibration").then().statusCode(200).extract().jsonPath();
    int outcomes = report.getInt("outcomes");
    int scored = outcomes - report.getInt("excluded");
    assertEquals(300, outcomes);
    assertTrue(scored > 250, "scored " + scored);
    double auc = report.getDouble("auc");
    double shuffled = report.getDouble("aucWithShuffledOutcomes");
    assertTrue(auc > 0.75, "AUC " + auc);
    assertTrue(Math.abs(shuffled - 0.5) < 0.1, "shuffled AUC " + shuffled);
    assertTrue(report.getDouble("redLift") > 1.5, "red lift " + report.getDouble("redLift"));
    int perBand =
        report.getInt("bands.red.accounts")
            + report.getInt("bands.yellow.accounts")
            + report.getInt("bands.green.accounts")
            + report.getInt("bands.unknown.accounts");
    assertEquals(scored, perBand);
    double red = report.getDouble("bands.red.churnRate");
    double green = report.getDouble("bands.green.churnRate");
    assertTrue(red > green, "red churns more than green: " + red + " vs " + green);
    System.out.printf(
        "calibration on demo data: outcomes=%d scored=%d auc=%.3f shuffled=%.3f "
            + "redLift=%.2f red=%.3f green=%.3f%n",
        outcomes, scored, auc, shuffled, report.getDouble("redLift"), red, green);

    JsonPath proposal =
        jsonAs(key)
            .post("/v1/scorecards/default/calibrate?folds=5&save=true")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    double current = proposal.getDouble("currentAuc");
    double learned = proposal.getDouble("proposedAuc");
    System.out.printf(
        "learned weights on demo data: current AUC %.3f, proposed AUC %.3f " + "(5-fold)%n",
        current, learned);
    assertEquals(5, proposal.getList("foldAucs").size());
    assertTrue(learned > 0.75, "proposed AUC " + learned);
    assertEquals(
        1.0,
        proposal.getList("measures.proposedWeight", Float.class).stream()
            .mapToDouble(Float::doubleValue)
            .sum(),
        0.01);
    // The proposal is a scorecard the preview accepts as it is.
    String definition =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .valueToTree(proposal.getMap("proposal"))
            .toString();
    jsonAs(key)
        .body(definition)
        .post("/v1/scorecards/default/preview")
        .then()
        .statusCode(200)
        // The active book: the demo's churned accounts keep their last score.
        .body("accounts", equalTo(300 - churned(key)))
        // Beside the band moves, how draft and version in force would have predicted renewals.
        .body("prediction.outcomes", equalTo(300))
        .body("prediction.horizon", equalTo("P90D"))
        .body("prediction.inForce.scored", equalTo(scored))
        .body("prediction.inForce.auc", equalTo((float) auc))
        .body("prediction.draft.auc", org.hamcrest.Matchers.notNullValue());
    // Kept as a draft: reviewable later, used for nothing until saved as a version.
    long draft = proposal.getLong("draftId");
    as(key)
        .get("/v1/scorecards/default/drafts")
        .then()
        .statusCode(200)
        .body("items.id", equalTo(List.of((int) draft)));
    String kept =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .valueToTree(
                as(key)
                    .get("/v1/scorecards/default/drafts/{d}", draft)
                    .then()
                    .statusCode(200)
                    .body("source", equalTo("calibrate"))
                    .body("basedOn", equalTo(1))
                    .extract()
                    .jsonPath()
                    .getMap("definition"))
            .toString();
    as(key).get("/v1/scorecards/default").then().body("version", equalTo(1));
    jsonAs(key)
        .header("If-Match", "\"v1\"")
        .body(kept)
        .put("/v1/scorecards/default")
        .then()
        .statusCode(200)
        .body("version", equalTo(2));

    JsonPath forecast =
        as(key)
            .queryParam("period", "P1Y")
            .queryParam("groupBy", "plan")
            .get("/v1/analytics/forecast")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertEquals("logistic", forecast.getString("basis"));
    assertEquals(scored, forecast.getInt("outcomes"));
    double expected = forecast.getDouble("currencies[0].overall.expectedRetention");
    assertTrue(expected > 0.5 && expected < 1, "expected retention " + expected);
    assertEquals(3, forecast.getList("currencies[0].segments").size());

    JsonPath retention =
        as(key).get("/v1/analytics/retention").then().statusCode(200).extract().jsonPath();
    assertEquals(300, retention.getInt("currencies[0].overall.startingAccounts"));
    assertTrue(retention.getInt("currencies[0].overall.churnedAccounts") > 20);
  }
}

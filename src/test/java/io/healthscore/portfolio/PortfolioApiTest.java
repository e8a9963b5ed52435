package io.healthscore.portfolio;

import static io.healthscore.support.Api.as;
import static io.healthscore.support.Api.assertProblem;
import static io.healthscore.support.Api.jsonAs;
import static io.healthscore.support.Api.newTenantAdminKey;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.healthscore.support.Database;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PortfolioApiTest {

  static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

  /** A tenant with scorecard "usage": score = active_users_ratio x 100, coverage always 1. */
  static String tenant(String prefix, String extraGroup) {
    String key = newTenantAdminKey(prefix);
    jsonAs(key)
        .body(
            """
            {"id": "usage", "minCoverage": 0, "groups": [
              {"id": "adoption", "weight": 1, "measures": [{"id": "active", "signal":
               "active_users_ratio", "aggregation": "latest",
               "normaliser": {"type": "range", "min": 0, "max": 1}, "weight": 1}]}%s]}
            """
                .formatted(extraGroup))
        .post("/v1/scorecards")
        .then()
        .statusCode(201);
    return key;
  }

  static void account(
      String key,
      String id,
      String plan,
      int arr,
      String currency,
      LocalDate renewal,
      String signals) {
    jsonAs(key)
        .body(
            """
            {"name": "%s", "attributes": {"plan": "%s"}, "arr": {"amount": %d, "currency": "%s"},
             "renewalDate": "%s", "signals": %s}\
            """
                .formatted(id, plan, arr, currency, renewal, signals))
        .put("/v1/accounts/{id}", id)
        .then()
        .statusCode(200);
  }

  static String usage(double ratio) {
    return "[{\"key\": \"active_users_ratio\", \"value\": " + ratio + "}]";
  }

  @Test
  void summary_renewals_and_matrix_add_up_per_band_and_currency() {
    String key = tenant("pf", "");
    account(key, "r1", "enterprise", 100000, "USD", TODAY.plusDays(30), usage(0.2));
    account(key, "y1", "pro", 50000, "USD", TODAY.plusDays(200), usage(0.5));
    account(key, "g1", "pro", 30000, "USD", TODAY.plusDays(10), usage(0.9));
    account(key, "g2", "starter", 10000, "EUR", TODAY.plusDays(60), usage(0.8));

    JsonPath summary =
        as(key)
            .queryParam("scorecard", "usage")
            .queryParam("groupBy", "plan")
            .get("/v1/portfolio/summary")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertEquals(4, summary.getInt("overall.accounts"));
    assertEquals(60.0, summary.getDouble("overall.meanScore"));
    assertEquals(1, summary.getInt("overall.bands.red.accounts"));
    assertEquals(100000.0, summary.getDouble("overall.bands.red.arr.USD"));
    assertEquals(2, summary.getInt("overall.bands.green.accounts"));
    assertEquals(10000.0, summary.getDouble("overall.bands.green.arr.EUR"));
    assertEquals(150000.0, summary.getDouble("overall.arrAtRisk.USD"));
    assertEquals(4, summary.getInt("overall.coverage.from75"));
    assertEquals(2, summary.getInt("segments.find { it.value == 'pro' }.figures.accounts"));

    as(key)
        .queryParam("scorecard", "usage")
        .queryParam("within", "P90D")
        .get("/v1/portfolio/renewals")
        .then()
        .statusCode(200)
        .body("items.accountId", equalTo(List.of("r1", "g1", "g2")));
    // The same list one item per page, by the cursor of each page (keyset in the list's order).
    List<String> paged = new java.util.ArrayList<>();
    String cursor = null;
    do {
      var request =
          as(key)
              .queryParam("scorecard", "usage")
              .queryParam("within", "P90D")
              .queryParam("limit", 1);
      JsonPath page =
          (cursor == null ? request : request.queryParam("cursor", cursor))
              .get("/v1/portfolio/renewals")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      paged.addAll(page.getList("items.accountId", String.class));
      cursor = page.getString("nextCursor");
    } while (cursor != null);
    assertEquals(List.of("r1", "g1", "g2"), paged);

    JsonPath matrix =
        as(key)
            .queryParam("scorecard", "usage")
            .queryParam("arrThreshold", 40000)
            .get("/v1/portfolio/matrix")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertEquals(2, matrix.getInt("cells.protect.accounts"));
    assertEquals(150000.0, matrix.getDouble("cells.protect.arr.USD"));
    assertEquals(2, matrix.getInt("cells.grow.accounts"));
    assertEquals(0, matrix.getInt("cells.nurture.accounts"));

    assertProblem(
        as(key).queryParam("scorecard", "nope").get("/v1/portfolio/summary").then(), 404, null);
    assertProblem(
        as(key).queryParam("loyalty", "vibes").get("/v1/portfolio/matrix").then(), 400, "loyalty");
  }

  @Test
  void a_problem_of_big_accounts_ranks_first_when_weighted_by_arr() {
    String key =
        tenant(
            "drivers",
            """
            , {"id": "support", "weight": 1, "measures": [{"id": "urgent", "signal":
               "urgent_tickets_30d", "aggregation": "latest",
               "normaliser": {"type": "inverted_range", "min": 0, "max": 10}, "weight": 1}]}\
            """);
    for (int i = 0; i < 10; i++) {
      account(
          key,
          "small-" + i,
          "starter",
          1000,
          "USD",
          TODAY.plusDays(300),
          "[{\"key\": \"active_users_ratio\", \"value\": 0.1},"
              + " {\"key\": \"urgent_tickets_30d\", \"value\": 0}]");
    }
    account(
        key,
        "whale",
        "enterprise",
        1000000,
        "USD",
        TODAY.plusDays(300),
        "[{\"key\": \"active_users_ratio\", \"value\": 1.0},"
            + " {\"key\": \"urgent_tickets_30d\", \"value\": 10}]");
    JsonPath drivers =
        as(key)
            .queryParam("scorecard", "usage")
            .get("/v1/portfolio/drivers")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertEquals("active", drivers.getString("unweighted[0].measureId"));
    assertEquals("urgent", drivers.getString("arrWeighted[0].measureId"));
    // active: 10 accounts lose 0.5 x 90 = 45 points, the whale 0 -> mean 45 x 10 / 11.
    assertEquals(40.91, drivers.getDouble("unweighted[0].meanPointsLost"), 0.01);
  }

  @Test
  void coverage_gaps_name_what_falls_short_biggest_arr_first() {
    String key = tenant("coverage", "");
    account(
        key,
        "big",
        "enterprise",
        300000,
        "USD",
        TODAY.plusDays(300),
        """
        [{"key": "decision_maker_contacts", "value": 1}, {"key": "influencer_contacts",
          "value": 2}, {"key": "user_contacts", "value": 5},
         {"key": "days_since_last_touch", "value": 3}]\
        """);
    account(
        key,
        "small",
        "starter",
        10000,
        "USD",
        TODAY.plusDays(300),
        """
        [{"key": "decision_maker_contacts", "value": 1}, {"key": "user_contacts", "value": 1},
         {"key": "days_since_last_touch", "value": 60}]\
        """);
    account(
        key,
        "fine",
        "pro",
        60000,
        "USD",
        TODAY.plusDays(300),
        """
        [{"key": "decision_maker_contacts", "value": 1}, {"key": "influencer_contacts",
          "value": 1}, {"key": "user_contacts", "value": 3},
         {"key": "days_since_last_touch", "value": 2}]\
        """);
    as(key)
        .get("/v1/portfolio/coverage-gaps")
        .then()
        .statusCode(200)
        .body("items.accountId", equalTo(List.of("big", "small")))
        .body("items[0].gaps", equalTo(List.of("decision_maker")))
        .body("items[0].required.decision_maker", equalTo(2))
        .body("items[1].gaps", equalTo(List.of("no_touch")))
        .body("items[1].daysSinceLastTouch", equalTo(60));
  }

  @Test
  void movers_and_trend_compare_with_the_score_as_it_was() {
    String key = tenant("movers", "");
    account(key, "m1", "pro", 50000, "USD", TODAY.plusDays(300), usage(0.9));
    account(key, "m2", "pro", 40000, "USD", TODAY.plusDays(300), usage(0.3));
    // Their first scores were computed 40 days ago.
    String tenant =
        Database.string(
            "select tenant_id from account where account_id = 'm1' "
                + "and name = 'm1' order by created_at desc limit 1");
    Database.execute(
        "update health_history set computed_at = now() - interval '40 days' "
            + "where tenant_id = ? and seq = 1",
        tenant);
    jsonAs(key)
        .body("{\"signals\": " + usage(0.3) + "}")
        .post("/v1/accounts/{id}/signals", "m1")
        .then()
        .statusCode(200);
    jsonAs(key)
        .body("{\"signals\": " + usage(0.9) + "}")
        .post("/v1/accounts/{id}/signals", "m2")
        .then()
        .statusCode(200);

    JsonPath movers =
        as(key)
            .queryParam("scorecard", "usage")
            .queryParam("since", "P30D")
            .get("/v1/portfolio/movers")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertEquals("m1", movers.getString("fallers[0].accountId"));
    assertEquals(-60.0, movers.getDouble("fallers[0].delta"), 0.01);
    assertEquals("green", movers.getString("fallers[0].bandBefore"));
    assertEquals("red", movers.getString("fallers[0].bandAfter"));
    assertEquals("active", movers.getString("fallers[0].drivers[0].measureId"));
    assertEquals(-60.0, movers.getDouble("fallers[0].drivers[0].points"), 0.01);
    assertEquals("m2", movers.getString("climbers[0].accountId"));
    assertEquals(2, movers.getList("bandChanges").size());

    JsonPath trend =
        as(key)
            .queryParam("scorecard", "usage")
            .queryParam("interval", "week")
            .queryParam("points", 2)
            .get("/v1/portfolio/trend")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    // A week ago: m1 green, m2 red; now: m1 red, m2 green.
    assertEquals(1, trend.getInt("points[0].bands.green.accounts"));
    assertEquals(50000.0, trend.getDouble("points[0].bands.green.arr.USD"));
    assertEquals(1, trend.getInt("points[1].bands.green.accounts"));
    assertEquals(40000.0, trend.getDouble("points[1].bands.green.arr.USD"));
    assertProblem(
        as(key).queryParam("interval", "year").get("/v1/portfolio/trend").then(), 400, "interval");
  }
}

package io.healthscore.portfolio;

import static io.healthscore.support.Api.as;
import static io.healthscore.support.Api.assertProblem;
import static io.healthscore.support.Api.jsonAs;
import static io.healthscore.support.Api.newTenant;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.healthscore.job.RecomputeJobTest;
import io.healthscore.support.Api;
import io.healthscore.support.Database;
import io.healthscore.support.WebhookReceiver;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An account whose newest outcome is a churn leaves the active book: portfolio views leave it out
 * unless asked, recomputes skip it and its scores raise no webhook; a reactivation brings it back.
 */
@QuarkusTest
class ChurnedAccountsTest {

  Api.Tenant tenant;

  @BeforeEach
  void newBook() {
    tenant = newTenant("churn");
  }

  void account(String id, int arr, double ratio) {
    jsonAs(tenant.adminKey())
        .body(
            "{\"name\": \"%s\", \"arr\": {\"amount\": %d, \"currency\": \"EUR\"}, \"renewalDate\": \"%s\"}"
                .formatted(id, arr, java.time.LocalDate.now().plusDays(30)))
        .put("/v1/accounts/{id}", id)
        .then()
        .statusCode(200);
    signal(id, ratio);
  }

  void signal(String id, double ratio) {
    jsonAs(tenant.adminKey())
        .body("{\"signals\": [{\"key\": \"active_users_ratio\", \"value\": " + ratio + "}]}")
        .post("/v1/accounts/{id}/signals", id)
        .then()
        .statusCode(200);
  }

  void outcome(String id, String eventId, String kind, String date, int before, int after) {
    jsonAs(tenant.adminKey())
        .body(
            """
            {"eventId": "%s", "kind": "%s", "date": "%s", "arrBefore": %d, "arrAfter": %d}\
            """
                .formatted(eventId, kind, date, before, after))
        .post("/v1/accounts/{id}/outcomes", id)
        .then()
        .statusCode(201);
  }

  List<String> listed(String query) {
    return as(tenant.adminKey())
        .get("/v1/health" + query)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("items.accountId", String.class);
  }

  int summaryAccounts(String query) {
    return as(tenant.adminKey())
        .get("/v1/portfolio/summary" + query)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getInt("overall.accounts");
  }

  @Test
  void churned_accounts_leave_the_active_book_until_reactivated() throws Exception {
    account("stays", 50_000, 0.9);
    account("leaves", 80_000, 0.1);
    outcome("leaves", "c1", "churned", "2026-10-31", 80_000, 0);
    as(tenant.adminKey()).get("/v1/accounts/leaves").then().body("status", equalTo("churned"));
    as(tenant.adminKey()).get("/v1/accounts/stays").then().body("status", equalTo("active"));

    assertEquals(List.of("stays"), listed(""));
    assertEquals(List.of("leaves"), listed("?status=churned"));
    assertEquals(List.of("leaves", "stays"), listed("?status=all"));
    assertEquals(1, summaryAccounts(""));
    assertEquals(2, summaryAccounts("?status=all"));
    as(tenant.adminKey())
        .get("/v1/portfolio/renewals?status=churned")
        .then()
        .statusCode(200)
        .body("items.accountId", equalTo(List.of("leaves")));
    assertProblem(as(tenant.adminKey()).get("/v1/health?status=gone").then(), 400, "status");
    assertProblem(as(tenant.adminKey()).get("/v1/portfolio/matrix?status=x").then(), 400, "status");

    // An older renewal recorded later does not undo the churn: the newest by date decides.
    outcome("leaves", "r0", "expanded", "2025-10-31", 70_000, 80_000);
    as(tenant.adminKey()).get("/v1/accounts/leaves").then().body("status", equalTo("churned"));

    // No webhook for a churned account's new score; the active one's raises one.
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      jsonAs(tenant.adminKey())
          .body(
              "{\"url\": \"%s\", \"eventTypes\": [\"health.score_updated\"]}"
                  .formatted(receiver.url()))
          .post("/v1/webhooks")
          .then()
          .statusCode(201);
      signal("leaves", 0.2);
      signal("stays", 0.8);
      assertEquals(0, deliveries("leaves"));
      assertEquals(1, deliveries("stays"));
    }

    // A recompute re-scores the active account only.
    String scorecard = "churn-" + tenant.id().substring(tenant.id().length() - 8);
    long job =
        RecomputeJobTest.jobOf(
            jsonAs(tenant.adminKey())
                .body(
                    """
                    {"id": "%s", "minCoverage": 0, "groups": [{"id": "g", "weight": 1,
                      "measures": [{"id": "u", "signal": "active_users_ratio",
                        "aggregation": "latest", "weight": 1,
                        "normaliser": {"type": "range", "min": 0, "max": 1}}]}]}\
                    """
                        .formatted(scorecard))
                .post("/v1/scorecards")
                .then()
                .statusCode(201)
                .extract()
                .header("Link"));
    Api.await(
        "recompute done",
        60,
        () ->
            "done"
                .equals(
                    as(tenant.adminKey())
                        .get("/v1/jobs/{id}", job)
                        .then()
                        .extract()
                        .path("status")));
    as(tenant.adminKey())
        .get("/v1/jobs/{id}", job)
        .then()
        .body("total", equalTo(1))
        .body("processed", equalTo(1));
    assertEquals(
        List.of("stays"),
        Database.strings(
            "select account_id from health_history where tenant_id = ? and scorecard_id = ?",
            tenant.id(),
            scorecard));

    outcome("leaves", "back", "reactivated", "2026-11-30", 0, 40_000);
    as(tenant.adminKey()).get("/v1/accounts/leaves").then().body("status", equalTo("active"));
    assertEquals(List.of("leaves", "stays"), listed(""));
  }

  long deliveries(String accountId) {
    return Database.count(
        "select count(*) from webhook_delivery where tenant_id = ? and account_id = ?",
        tenant.id(),
        accountId);
  }
}

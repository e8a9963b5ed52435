package io.healthscore.security;

import static io.healthscore.support.Api.as;
import static io.healthscore.support.Api.assertProblem;
import static io.healthscore.support.Api.await;
import static io.healthscore.support.Api.jsonAs;
import static io.healthscore.support.Api.newTenantAdminKey;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.healthscore.common.Examples;
import io.healthscore.support.Database;
import io.healthscore.support.WebhookReceiver;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Tenant B's admin key walks every endpoint against tenant A's data: nothing of A shows in items,
 * lists, counts, history, jobs or webhooks, and nothing B writes touches A.
 */
@QuarkusTest
class TenantIsolationTest {

  @Test
  void another_tenants_key_sees_and_touches_nothing_of_ours() throws Exception {
    try (WebhookReceiver receiverA = new WebhookReceiver();
        WebhookReceiver receiverB = new WebhookReceiver()) {
      String a = newTenantAdminKey("tenant-a");
      String b = newTenantAdminKey("tenant-b");
      String run = UUID.randomUUID().toString().substring(0, 8);
      String account = "shared-id-" + run;

      // Tenant A: an account with signals and a score, a scorecard (and its job), a custom
      // key, an override, a webhook with deliveries, an idempotent write.
      jsonAs(a)
          .body(
              """
              {"name": "A's secret customer", "attributes": {"run": "%s"},
               "arr": {"amount": 100000, "currency": "EUR"}, "renewalDate": "%s",
               "signals": [{"key": "active_users_ratio", "value": 0.9, "eventId": "e1"}]}
              """
                  .formatted(run, java.time.LocalDate.now().plusDays(30)))
          .put("/v1/accounts/{id}", account)
          .then()
          .statusCode(200);
      String definition =
          Examples.SCORECARD.replace("\"id\": \"dear\"", "\"id\": \"dear-" + run + "\"");
      String scorecard =
          jsonAs(a)
              .body(definition)
              .post("/v1/scorecards")
              .then()
              .statusCode(201)
              .extract()
              .path("id");
      String jobLink =
          jsonAs(a).get("/v1/jobs").then().statusCode(200).extract().path("items[0].id").toString();
      jsonAs(a)
          .body(Examples.SIGNAL_KEY)
          .put("/v1/signal-keys/{k}", "a_only_" + run)
          .then()
          .statusCode(200);
      jsonAs(a)
          .body(
              """
              {"band": "red", "reason": "A's judgement", "author": "a@example.com",
               "expiresAt": "%s"}\
              """
                  .formatted(Instant.now().plus(1, ChronoUnit.DAYS)))
          .put("/v1/accounts/{id}/health/override", account)
          .then()
          .statusCode(200);
      JsonPath hookA =
          jsonAs(a)
              .body(
                  """
                  {"url": "%s", "eventTypes": ["health.score_updated"]}\
                  """
                      .formatted(receiverA.url()))
              .post("/v1/webhooks")
              .then()
              .statusCode(201)
              .extract()
              .jsonPath();
      receiverA.trust(hookA.getString("secret"));
      String webhook = hookA.getString("id");
      JsonPath hookB =
          jsonAs(b)
              .body(
                  """
                  {"url": "%s", "eventTypes": ["health.score_updated"]}\
                  """
                      .formatted(receiverB.url()))
              .post("/v1/webhooks")
              .then()
              .statusCode(201)
              .extract()
              .jsonPath();
      receiverB.trust(hookB.getString("secret"));
      jsonAs(a)
          .body(
              """
              {"eventId": "renewal-1", "kind": "renewed", "date": "2026-10-01",
               "arrBefore": 100000, "arrAfter": 100000}\
              """)
          .post("/v1/accounts/{id}/outcomes", account)
          .then()
          .statusCode(201);
      jsonAs(a)
          .header("Idempotency-Key", "shared-key-" + run)
          .body("{\"signals\": [{\"key\": \"csat\", \"value\": 4}]}")
          .post("/v1/accounts/{id}/signals", account)
          .then()
          .statusCode(200);
      // Wait until A is quiet: its recompute job done, every event of A's delivered.
      await(
          "A's job done",
          15,
          () -> "done".equals(as(a).get("/v1/jobs/{id}", jobLink).path("status")));
      String aDeliveries = "select count(*) from webhook_delivery where subscription_id = ?";
      await(
          "A's events delivered",
          15,
          () ->
              !receiverA.unique().isEmpty()
                  && receiverA.unique().size() == Database.count(aDeliveries, webhook)
                  && Database.count(aDeliveries + " and status <> 'delivered'", webhook) == 0);
      long eventsOfA = Database.count(aDeliveries, webhook);
      long delivery =
          jsonAs(a)
              .get("/v1/webhooks/{id}/deliveries", webhook)
              .then()
              .extract()
              .jsonPath()
              .getLong("items[0].id");
      String keyA = jsonAs(a).get("/v1/api-keys").then().extract().path("items[0].id");

      // Items: 404, never 403 (existence is not revealed).
      for (String path :
          new String[] {
            "/v1/accounts/{id}",
            "/v1/accounts/{id}/health",
            "/v1/accounts/{id}/health/history",
            "/v1/accounts/{id}/health/overrides"
          }) {
        assertProblem(as(b).get(path, account).then(), 404, null);
      }
      assertProblem(as(b).get("/v1/scorecards/{id}", scorecard).then(), 404, null);
      assertProblem(as(b).get("/v1/scorecards/{id}/versions", scorecard).then(), 404, null);
      assertProblem(as(b).get("/v1/scorecards/{id}/versions/1", scorecard).then(), 404, null);
      assertProblem(as(b).get("/v1/scorecards/{id}/drafts", scorecard).then(), 404, null);
      assertProblem(as(b).get("/v1/scorecards/{id}/drafts/1", scorecard).then(), 404, null);
      assertProblem(as(b).post("/v1/scorecards/{id}/calibrate", scorecard).then(), 404, null);
      assertProblem(as(b).get("/v1/jobs/{id}", jobLink).then(), 404, null);
      assertProblem(as(b).get("/v1/webhooks/{id}", webhook).then(), 404, null);
      assertProblem(as(b).get("/v1/webhooks/{id}/deliveries", webhook).then(), 404, null);
      assertProblem(
          as(b).get("/v1/webhooks/{id}/deliveries/{d}", webhook, delivery).then(), 404, null);
      assertProblem(
          as(b).post("/v1/webhooks/{id}/deliveries/{d}/redeliver", webhook, delivery).then(),
          404,
          null);
      assertProblem(as(b).post("/v1/webhooks/{id}/test", webhook).then(), 404, null);
      assertProblem(
          jsonAs(b).body("{}").post("/v1/webhooks/{id}/rotate-secret", webhook).then(), 404, null);
      assertProblem(
          jsonAs(b)
              .body(
                  """
                  {"url": "%s", "eventTypes": ["health.score_updated"]}\
                  """
                      .formatted(receiverB.url()))
              .put("/v1/webhooks/{id}", webhook)
              .then(),
          404,
          null);
      assertProblem(as(b).delete("/v1/webhooks/{id}", webhook).then(), 404, null);
      assertProblem(as(b).delete("/v1/api-keys/{id}", keyA).then(), 404, null);
      assertProblem(as(b).delete("/v1/accounts/{id}/health/override", account).then(), 404, null);

      assertProblem(as(b).get("/v1/accounts/{id}/outcomes", account).then(), 404, null);
      assertProblem(
          jsonAs(b)
              .body(
                  """
                  {"eventId": "renewal-1", "kind": "churned", "date": "2026-10-01",
                   "arrBefore": 1, "arrAfter": 0}\
                  """)
              .post("/v1/accounts/{id}/outcomes", account)
              .then(),
          404,
          null);

      // Lists and counts.
      as(b).get("/v1/health?segment=run:" + run).then().statusCode(200).body("items", empty());
      as(b).get("/v1/health").then().statusCode(200).body("items.accountId", not(hasItem(account)));
      as(b).get("/v1/scorecards").then().statusCode(200).body("items.id", not(hasItem(scorecard)));
      as(b).get("/v1/analytics/retention").then().statusCode(200).body("currencies", empty());
      as(b)
          .get("/v1/portfolio/summary")
          .then()
          .statusCode(200)
          .body("overall.accounts", equalTo(0));
      for (String report : new String[] {"renewals?within=P3650D", "coverage-gaps"}) {
        as(b).get("/v1/portfolio/" + report).then().statusCode(200).body("items", empty());
      }
      as(b)
          .get("/v1/portfolio/matrix")
          .then()
          .statusCode(200)
          .body("unplaced", equalTo(0))
          .body("cells.protect.accounts", equalTo(0));
      as(b).get("/v1/portfolio/drivers").then().statusCode(200).body("unweighted", empty());
      as(b).get("/v1/portfolio/movers").then().statusCode(200).body("bandChanges", empty());
      as(b).get("/v1/analytics/calibration").then().statusCode(200).body("outcomes", equalTo(0));
      as(b)
          .get("/v1/analytics/forecast")
          .then()
          .statusCode(200)
          .body("outcomes", equalTo(0))
          .body("currencies", empty());
      as(b)
          .get("/v1/jobs")
          .then()
          .statusCode(200)
          .body("items.scorecardId", not(hasItem(scorecard)));
      as(b)
          .get("/v1/signal-keys")
          .then()
          .statusCode(200)
          .body("items.key", not(hasItem("a_only_" + run)));
      as(b).get("/v1/webhooks").then().statusCode(200).body("items.id", not(hasItem(webhook)));
      as(b).get("/v1/api-keys").then().statusCode(200).body("items.id", not(hasItem(keyA)));
      jsonAs(b)
          .body(definition)
          .post("/v1/scorecards/{id}/preview", scorecard)
          .then()
          .statusCode(200)
          .body("accounts", equalTo(0));

      // Writes under the same ids land in B's own space; A's data and events are untouched.
      jsonAs(b)
          .body(
              """
              {"name": "B's customer", "signals": [{"key": "active_users_ratio", "value": 0.1,
               "eventId": "e1"}]}\
              """)
          .put("/v1/accounts/{id}", account)
          .then()
          .statusCode(200)
          .body("health.sequence", equalTo(1));
      jsonAs(b)
          .header("Idempotency-Key", "shared-key-" + run)
          .body("{\"signals\": [{\"key\": \"csat\", \"value\": 1}]}")
          .post("/v1/accounts/{id}/signals", account)
          .then()
          .statusCode(200)
          .header("Idempotent-Replayed", org.hamcrest.Matchers.nullValue());
      as(a)
          .get("/v1/accounts/{id}", account)
          .then()
          .statusCode(200)
          .body("name", equalTo("A's secret customer"));
      as(a)
          .get("/v1/accounts/{id}/health", account)
          .then()
          .statusCode(200)
          .body("override.reason", equalTo("A's judgement"));
      assertEquals(
          2,
          Database.count(
              "select count(*) from signal where account_id = ? and tenant_id = (select tenant_id"
                  + " from account where account_id = ? and name like 'A%')",
              account, account));
      await("B's own events", 10, () -> receiverB.unique().size() == 2);
      assertTrue(
          receiverB.unique().values().stream()
              .allMatch(r -> JsonPath.from(r.body()).getInt("data.sequence") <= 2));
      assertEquals(
          eventsOfA,
          Database.count(aDeliveries, webhook),
          "B's writes raised no event for A's webhook");
      assertEquals(eventsOfA, receiverA.unique().size());
    }
  }
}

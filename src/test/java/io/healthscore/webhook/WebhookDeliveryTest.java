package io.healthscore.webhook;

import static io.healthscore.support.Api.assertProblem;
import static io.healthscore.support.Api.await;
import static io.healthscore.support.Api.jsonAs;
import static io.healthscore.support.Api.newAccountId;
import static io.healthscore.support.Api.newTenantAdminKey;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.healthscore.support.Database;
import io.healthscore.support.WebhookReceiver;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Webhooks against a real receiver that checks signatures and de-duplicates by webhook-id. */
@QuarkusTest
class WebhookDeliveryTest {

  WebhookReceiver receiver;
  String key;
  String scorecard;

  @BeforeEach
  void setUp() throws Exception {
    receiver = new WebhookReceiver();
    key = newTenantAdminKey("hooks");
    // Score = active_users_ratio x 100: bands follow from the value sent.
    scorecard = "usage-" + UUID.randomUUID().toString().substring(0, 6);
    jsonAs(key)
        .body(
            """
            {"id": "%s", "name": "Usage", "minCoverage": 0,
             "groups": [{"id": "adoption", "weight": 1, "measures": [{"id": "active",
               "signal": "active_users_ratio", "aggregation": "latest",
               "normaliser": {"type": "range", "min": 0, "max": 1}, "weight": 1}]}]}
            """
                .formatted(scorecard))
        .post("/v1/scorecards")
        .then()
        .statusCode(201);
  }

  @AfterEach
  void tearDown() {
    receiver.close();
  }

  String subscribe(String events) {
    JsonPath created =
        jsonAs(key)
            .body(
                """
                {"url": "%s", "eventTypes": %s, "scoreDropThreshold": 10, "scorecards": ["%s"]}
                """
                    .formatted(receiver.url(), events, scorecard))
            .post("/v1/webhooks")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    receiver.trust(created.getString("secret"));
    return created.getString("id");
  }

  @Test
  void the_webhook_list_pages_by_cursor_and_refuses_a_cursor_whose_webhook_is_gone() {
    List<String> created =
        List.of(
            subscribe("[\"health.band_changed\"]"),
            subscribe("[\"health.band_changed\"]"),
            subscribe("[\"health.band_changed\"]"));
    JsonPath first =
        jsonAs(key)
            .queryParam("limit", 2)
            .get("/v1/webhooks")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    JsonPath second =
        jsonAs(key)
            .queryParam("limit", 2)
            .queryParam("cursor", first.getString("nextCursor"))
            .get("/v1/webhooks")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    List<String> paged = new java.util.ArrayList<>(first.getList("items.id", String.class));
    paged.addAll(second.getList("items.id", String.class));
    assertEquals(created, paged);
    assertNull(second.getString("nextCursor"));

    String cursor = first.getString("nextCursor"); // names the second webhook
    jsonAs(key).delete("/v1/webhooks/{id}", created.get(1)).then().statusCode(204);
    assertProblem(
        jsonAs(key).queryParam("cursor", cursor).get("/v1/webhooks").then(), 400, "cursor");
  }

  void usage(String account, double ratio) {
    jsonAs(key)
        .body(
            """
            {"signals": [{"key": "active_users_ratio", "value": %s}]}\
            """
                .formatted(ratio))
        .post("/v1/accounts/{id}/signals", account)
        .then()
        .statusCode(200);
  }

  @Test
  void a_band_change_arrives_signed_with_its_sequence_and_is_logged() throws Exception {
    String webhook = subscribe("[\"health.band_changed\", \"health.score_dropped\"]");
    // Filtered to a segment the account is not in: gets nothing.
    String filtered =
        jsonAs(key)
            .body(
                """
                {"url": "%s", "eventTypes": ["health.score_updated"], "segments": ["enterprise"]}
                """
                    .formatted(receiver.url()))
            .post("/v1/webhooks")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    // The receiver takes 150 ms to answer: the delivery log's latency must show it.
    receiver.answerAfter(150);
    String account = newAccountId("hook");
    usage(account, 0.9); // first score: green, nothing changed yet
    usage(account, 0.85); // a 5-point drop: below the threshold
    usage(account, 0.2); // red: band changed and a 65-point drop
    await("two events", 10, () -> receiver.unique().size() == 2);
    List<JsonPath> events =
        receiver.unique().values().stream().map(r -> JsonPath.from(r.body())).toList();
    JsonPath changed =
        events.stream()
            .filter(e -> e.getString("type").equals("health.band_changed"))
            .findFirst()
            .orElseThrow();
    assertEquals(account, changed.getString("data.accountId"));
    assertEquals("green", changed.getString("data.previousBand"));
    assertEquals("red", changed.getString("data.band"));
    assertEquals(3, changed.getInt("data.sequence"));
    assertEquals(-65.0, changed.getDouble("data.delta"), 0.01);
    assertTrue(receiver.badSignatures().isEmpty());

    jsonAs(key)
        .get("/v1/webhooks/{id}/deliveries", filtered)
        .then()
        .statusCode(200)
        .body("items", hasSize(0));
    // The receiver has the events 150 ms before the sender has their answers: wait for those.
    await(
        "both deliveries recorded",
        10,
        () ->
            jsonAs(key)
                .get("/v1/webhooks/{id}/deliveries", webhook)
                .then()
                .extract()
                .jsonPath()
                .getList("items.status")
                .equals(List.of("delivered", "delivered")));
    jsonAs(key)
        .get("/v1/webhooks/{id}/deliveries", webhook)
        .then()
        .statusCode(200)
        .body("items", hasSize(2))
        .body("items.status", equalTo(List.of("delivered", "delivered")))
        .body("items.sequence", equalTo(List.of(3, 3)));
    long id =
        jsonAs(key)
            .get("/v1/webhooks/{id}/deliveries", webhook)
            .then()
            .extract()
            .jsonPath()
            .getLong("items[0].id");
    jsonAs(key)
        .get("/v1/webhooks/{id}/deliveries/{d}", webhook, id)
        .then()
        .statusCode(200)
        .body("attempts", equalTo(1))
        .body("attemptLog[0].status", equalTo(204))
        .body(
            "attemptLog[0].latencyMs",
            org.hamcrest.Matchers.allOf(
                org.hamcrest.Matchers.greaterThanOrEqualTo(150),
                org.hamcrest.Matchers.lessThan(10_000)));
    receiver.answerAfter(0);
  }

  @Test
  void a_receiver_answering_500_three_times_still_gets_the_event_once() throws Exception {
    String webhook = subscribe("[\"health.score_updated\"]");
    receiver.failNext(3, 500);
    usage(newAccountId("hook"), 0.5);
    await("delivered after retries", 15, () -> receiver.unique().size() == 1);
    assertEquals(4, receiver.all().size(), "three failures and one success");
    assertEquals(
        1,
        receiver.all().stream().map(WebhookReceiver.Received::id).distinct().count(),
        "every retry carries the same webhook-id");
    await(
        "logged",
        5,
        () ->
            "delivered"
                .equals(
                    jsonAs(key)
                        .get("/v1/webhooks/{id}/deliveries", webhook)
                        .path("items[0].status")));
    jsonAs(key)
        .get("/v1/webhooks/{id}/deliveries", webhook)
        .then()
        .body("items[0].attempts", equalTo(4));
  }

  @Test
  void a_receiver_that_goes_away_gets_every_event_when_it_comes_back() throws Exception {
    String webhook = subscribe("[\"health.score_updated\"]");
    receiver.stop();
    String account = newAccountId("hook");
    for (int i = 1; i <= 5; i++) {
      usage(account, i / 10.0);
    }
    await(
        "every event refused twice",
        20,
        () ->
            Database.count(
                    "select count(*) from webhook_delivery where subscription_id = ?"
                        + " and attempts >= 2 and status = 'pending'",
                    webhook)
                == 5);
    receiver.restart();
    await("all five", 20, () -> receiver.unique().size() == 5);
    List<Integer> sequences =
        receiver.unique().values().stream()
            .map(r -> JsonPath.from(r.body()).getInt("data.sequence"))
            .sorted()
            .toList();
    assertEquals(List.of(1, 2, 3, 4, 5), sequences);
  }

  @Test
  void a_worker_killed_mid_delivery_loses_nothing_and_duplicates_nothing() throws Exception {
    String webhook = subscribe("[\"health.score_updated\"]");
    String secret =
        jsonAs(key)
            .body("{\"gracePeriod\": \"PT0S\"}")
            .post("/v1/webhooks/{id}/rotate-secret", webhook)
            .then()
            .statusCode(200)
            .extract()
            .path("secret");
    receiver.trust(secret);
    // A worker leased this event, sent it, and died before recording the attempt.
    String tenant =
        Database.string(
            "select tenant_id from webhook_subscription where subscription_id = ?", webhook);
    String messageId = "msg_killed_" + UUID.randomUUID().toString().replace("-", "");
    String body = "{\"type\": \"health.score_updated\", \"data\": {\"accountId\": \"x\"}}";
    Database.execute(
        """
        insert into webhook_delivery (tenant_id, subscription_id, message_id, event_type,
          payload, leased_by, lease_until)
        values (?, ?, ?, 'health.score_updated', ?::jsonb, 'dead-worker',
                now() + interval '1 second')\
        """,
        tenant,
        webhook,
        messageId,
        body);
    String stored =
        Database.string(
            "select payload::text from webhook_delivery where message_id = ?", messageId);
    long timestamp = Instant.now().getEpochSecond();
    HttpResponse<Void> sent =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(receiver.url()))
                    .header("webhook-id", messageId)
                    .header("webhook-timestamp", Long.toString(timestamp))
                    .header(
                        "webhook-signature",
                        "v1,"
                            + WebhookReceiver.hmac(
                                secret, messageId, Long.toString(timestamp), stored))
                    .POST(HttpRequest.BodyPublishers.ofString(stored))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
    assertEquals(204, sent.statusCode());

    await(
        "sent again after the lease expired",
        15,
        () -> receiver.all().stream().filter(r -> r.id().equals(messageId)).count() == 2);
    await(
        "recorded",
        5,
        () ->
            Database.count(
                    "select count(*) from webhook_delivery "
                        + "where message_id = ? and status = 'delivered' and attempts = 1",
                    messageId)
                == 1);
    assertEquals(1, receiver.unique().keySet().stream().filter(messageId::equals).count());
    assertTrue(receiver.badSignatures().isEmpty());
  }

  @Test
  void a_permanent_refusal_fails_at_once_and_redeliver_sends_it_again() throws Exception {
    String webhook = subscribe("[\"health.score_updated\"]");
    receiver.failNext(1, 410);
    usage(newAccountId("hook"), 0.5);
    await(
        "failed",
        10,
        () ->
            "failed"
                .equals(
                    jsonAs(key)
                        .get("/v1/webhooks/{id}/deliveries", webhook)
                        .path("items[0].status")));
    JsonPath failed =
        jsonAs(key)
            .get("/v1/webhooks/{id}/deliveries?status=failed", webhook)
            .then()
            .extract()
            .jsonPath();
    assertEquals(410, failed.getInt("items[0].lastStatus"));
    assertEquals(1, failed.getInt("items[0].attempts"));
    jsonAs(key)
        .post("/v1/webhooks/{id}/deliveries/{d}/redeliver", webhook, failed.getLong("items[0].id"))
        .then()
        .statusCode(202)
        .body("status", equalTo("pending"));
    await("redelivered", 10, () -> receiver.unique().size() == 1);
  }

  @Test
  void a_deleted_webhook_keeps_its_log_and_sends_nothing_more() throws Exception {
    String webhook = subscribe("[\"health.score_updated\"]");
    receiver.stop();
    usage(newAccountId("hook"), 0.5);
    jsonAs(key).delete("/v1/webhooks/{id}", webhook).then().statusCode(204);
    jsonAs(key)
        .get("/v1/webhooks/{id}/deliveries", webhook)
        .then()
        .statusCode(200)
        .body("items[0].status", equalTo("failed"))
        .body("items[0].lastError", equalTo("webhook deleted"));
    long delivery =
        jsonAs(key)
            .get("/v1/webhooks/{id}/deliveries", webhook)
            .then()
            .extract()
            .jsonPath()
            .getLong("items[0].id");
    assertProblem(
        jsonAs(key).post("/v1/webhooks/{id}/deliveries/{d}/redeliver", webhook, delivery).then(),
        404,
        null);
    assertProblem(jsonAs(key).post("/v1/webhooks/{id}/test", webhook).then(), 404, null);
    assertProblem(jsonAs(key).get("/v1/webhooks/{id}", webhook).then(), 404, null);
  }

  @Test
  void an_event_older_than_the_maximum_age_is_marked_failed() throws Exception {
    String webhook = subscribe("[\"health.score_updated\"]");
    receiver.stop();
    usage(newAccountId("hook"), 0.5);
    Database.execute(
        "update webhook_delivery set created_at = now() - interval '25 hours' "
            + "where subscription_id = ?",
        webhook);
    await(
        "failed",
        10,
        () ->
            Database.count(
                    "select count(*) from webhook_delivery "
                        + "where subscription_id = ? and status = 'failed'",
                    webhook)
                == 1);
  }

  @Test
  void test_events_carry_both_signatures_during_a_rotation() throws Exception {
    String webhook = subscribe("[\"health.band_changed\"]");
    String old =
        jsonAs(key)
            .get("/v1/webhooks/{id}", webhook)
            .then()
            .statusCode(200)
            .body("secret", org.hamcrest.Matchers.nullValue())
            .extract()
            .path("id");
    assertEquals(webhook, old);
    String oldSecret =
        jsonAs(key)
            .body("{\"gracePeriod\": \"PT0S\"}")
            .post("/v1/webhooks/{id}/rotate-secret", webhook)
            .then()
            .extract()
            .path("secret");
    String newSecret =
        jsonAs(key)
            .body("{\"gracePeriod\": \"PT1H\"}")
            .post("/v1/webhooks/{id}/rotate-secret", webhook)
            .then()
            .statusCode(200)
            .body("previousSecretExpiresAt", org.hamcrest.Matchers.notNullValue())
            .extract()
            .path("secret");
    receiver.trust(oldSecret, newSecret);
    jsonAs(key)
        .post("/v1/webhooks/{id}/test", webhook)
        .then()
        .statusCode(202)
        .body("eventType", equalTo("webhook.test"));
    await("test event", 10, () -> receiver.unique().size() == 1);
    assertEquals(2, receiver.unique().values().iterator().next().signatures().size());
    assertTrue(receiver.badSignatures().isEmpty());
  }

  @Test
  void urls_that_reach_inside_the_network_are_refused() {
    for (String url :
        List.of(
            "http://169.254.169.254/latest/meta-data",
            "http://10.1.2.3/hook",
            "http://[::1]:8080/hook",
            "ftp://hooks.example.com/x",
            "not a url",
            "http://user:pw@127.0.0.1/hook")) {
      assertProblem(
          jsonAs(key)
              .body(
                  """
                  {"url": "%s", "eventTypes": ["health.band_changed"]}\
                  """
                      .formatted(url))
              .post("/v1/webhooks")
              .then(),
          400,
          "url");
    }
    assertProblem(
        jsonAs(key)
            .body(
                """
                {"url": "%s", "eventTypes": ["health.score_dropped"]}\
                """
                    .formatted(receiver.url()))
            .post("/v1/webhooks")
            .then(),
        400,
        "scoreDropThreshold");
    assertProblem(
        jsonAs(key)
            .body(
                """
                {"url": "%s", "eventTypes": ["health.everything"]}\
                """
                    .formatted(receiver.url()))
            .post("/v1/webhooks")
            .then(),
        400,
        "eventTypes[0]");
  }
}

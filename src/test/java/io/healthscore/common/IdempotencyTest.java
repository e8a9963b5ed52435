package io.healthscore.common;

import static io.healthscore.support.Api.assertProblem;
import static io.healthscore.support.Api.json;
import static io.healthscore.support.Api.newAccountId;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.healthscore.support.Database;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@QuarkusTest
class IdempotencyTest {

  static final int RETRIES = 20;

  private static String signal(double value) {
    // No eventId: only the Idempotency-Key keeps a retry from counting twice.
    return """
    {"signals": [{"key": "active_users_ratio", "value": %s}]}
    """
        .formatted(value);
  }

  @Test
  void twenty_concurrent_retries_write_once_and_get_one_reply() throws Exception {
    String account = newAccountId("idem");
    String key = UUID.randomUUID().toString();
    ExecutorService pool = Executors.newFixedThreadPool(RETRIES);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<String>> replies = new ArrayList<>();
    for (int i = 0; i < RETRIES; i++) {
      replies.add(
          pool.submit(
              () -> {
                start.await();
                // A CRM retries a 409 ("still running") until it gets the reply.
                for (int attempt = 0; attempt < 200; attempt++) {
                  Response reply =
                      json()
                          .header("Idempotency-Key", key)
                          .body(signal(0.5))
                          .post("/v1/accounts/{id}/signals", account);
                  if (reply.statusCode() == 409) {
                    assertEquals("1", reply.header("Retry-After"));
                    Thread.sleep(50);
                    continue;
                  }
                  assertEquals(200, reply.statusCode(), reply.asString());
                  return reply.asString();
                }
                throw new AssertionError("still 409 after 200 attempts");
              }));
    }
    start.countDown();
    Set<String> distinct = new HashSet<>();
    for (Future<String> reply : replies) {
      distinct.add(reply.get());
    }
    pool.shutdown();
    assertEquals(1, distinct.size(), "every retry gets the first reply");
    assertEquals(1, Database.count("select count(*) from signal where account_id = ?", account));
    assertEquals(
        1,
        Database.count(
            "select count(*) from health_history where account_id = ? and scorecard_id = 'default'",
            account));
  }

  @Test
  void a_replay_says_so_and_keeps_status_and_headers() {
    String key = UUID.randomUUID().toString();
    String body =
        """
        {"name": "replayed key", "scopes": ["health:read"]}
        """;
    Response first = json().header("Idempotency-Key", key).body(body).post("/v1/api-keys");
    first.then().statusCode(201);
    Response again = json().header("Idempotency-Key", key).body(body).post("/v1/api-keys");
    again
        .then()
        .statusCode(201)
        .header("Idempotent-Replayed", "true")
        .header("Location", first.header("Location"))
        .body("id", equalTo(first.path("id")));
    assertEquals(first.asString(), again.asString());
    assertEquals(1, Database.count("select count(*) from api_key where name = 'replayed key'"));
  }

  @Test
  void the_same_key_with_another_payload_is_a_422_problem() {
    String account = newAccountId("idem");
    String key = UUID.randomUUID().toString();
    json()
        .header("Idempotency-Key", key)
        .body(signal(0.5))
        .post("/v1/accounts/{id}/signals", account)
        .then()
        .statusCode(200);
    assertProblem(
        json()
            .header("Idempotency-Key", key)
            .body(signal(0.9))
            .post("/v1/accounts/{id}/signals", account)
            .then(),
        422,
        "Idempotency-Key");
    assertEquals(1, Database.count("select count(*) from signal where account_id = ?", account));
  }

  @Test
  void a_rejected_request_is_answered_the_same_on_retry_and_writes_nothing() {
    String account = newAccountId("idem");
    String key = UUID.randomUUID().toString();
    String bad =
        """
        {"signals": [{"key": "active_users_ratio", "value": 7}]}
        """;
    assertProblem(
        json()
            .header("Idempotency-Key", key)
            .body(bad)
            .post("/v1/accounts/{id}/signals", account)
            .then(),
        400,
        "signals[0].value");
    assertProblem(
            json()
                .header("Idempotency-Key", key)
                .body(bad)
                .post("/v1/accounts/{id}/signals", account)
                .then(),
            400,
            "signals[0].value")
        .header("Idempotent-Replayed", "true");
    assertEquals(0, Database.count("select count(*) from signal where account_id = ?", account));
  }

  @Test
  void a_retry_that_runs_again_after_a_lost_reply_counts_no_signal_twice() {
    String account = newAccountId("idem");
    String key = UUID.randomUUID().toString();
    json()
        .header("Idempotency-Key", key)
        .body(signal(0.5))
        .post("/v1/accounts/{id}/signals", account)
        .then()
        .statusCode(200)
        .body("accepted", equalTo(1));
    // The instance died after the write and before keeping its reply: the claim is gone.
    Database.execute("delete from idempotency_key where idempotency_key = ?", key);
    json()
        .header("Idempotency-Key", key)
        .body(signal(0.5))
        .post("/v1/accounts/{id}/signals", account)
        .then()
        .statusCode(200)
        .body("accepted", equalTo(0))
        .body("duplicates", equalTo(1));
    assertEquals(1, Database.count("select count(*) from signal where account_id = ?", account));
  }

  @Test
  void a_retry_while_the_first_request_still_runs_is_a_409_with_retry_after() {
    String account = newAccountId("idem");
    String key = UUID.randomUUID().toString();
    json()
        .header("Idempotency-Key", key)
        .body(signal(0.5))
        .post("/v1/accounts/{id}/signals", account)
        .then()
        .statusCode(200);
    // As if the first request were still being processed by another instance.
    Database.execute(
        "update idempotency_key set state = 'running', response_status = null, "
            + "locked_until = now() + interval '1 minute' where idempotency_key = ?",
        key);
    assertProblem(
            json()
                .header("Idempotency-Key", key)
                .body(signal(0.5))
                .post("/v1/accounts/{id}/signals", account)
                .then(),
            409,
            null)
        .header("Retry-After", "1");
    assertEquals(1, Database.count("select count(*) from signal where account_id = ?", account));
  }

  @Test
  void a_malformed_key_is_a_400_problem_naming_the_header() {
    assertProblem(
        json()
            .header("Idempotency-Key", "x".repeat(300))
            .body(signal(0.5))
            .post("/v1/accounts/{id}/signals", newAccountId("idem"))
            .then(),
        400,
        "Idempotency-Key");
  }

  @Test
  void without_a_key_every_request_is_a_new_write() {
    String account = newAccountId("idem");
    json().body(signal(0.5)).post("/v1/accounts/{id}/signals", account).then().statusCode(200);
    json().body(signal(0.5)).post("/v1/accounts/{id}/signals", account).then().statusCode(200);
    assertEquals(2, Database.count("select count(*) from signal where account_id = ?", account));
  }
}

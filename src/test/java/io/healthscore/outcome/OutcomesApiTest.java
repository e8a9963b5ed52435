package io.healthscore.outcome;

import static io.healthscore.support.Api.assertProblem;
import static io.healthscore.support.Api.given;
import static io.healthscore.support.Api.json;
import static io.healthscore.support.Api.newAccountId;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.healthscore.support.Database;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OutcomesApiTest {

  static String account(int arr) {
    String id = newAccountId("outcome");
    json()
        .body("{\"name\": \"x\", \"arr\": {\"amount\": " + arr + ", \"currency\": \"EUR\"}}")
        .put("/v1/accounts/{id}", id)
        .then()
        .statusCode(200);
    return id;
  }

  static String outcome(String eventId, String kind, String date, int before, int after) {
    return """
    {"eventId": "%s", "kind": "%s", "date": "%s", "arrBefore": %d, "arrAfter": %d}\
    """
        .formatted(eventId, kind, date, before, after);
  }

  @Test
  void a_churn_sets_the_arr_to_zero_once_however_often_it_is_sent() {
    String id = account(120000);
    for (int status : new int[] {201, 200}) {
      json()
          .body(outcome("r-1", "churned", "2026-10-31", 120000, 0))
          .post("/v1/accounts/{id}/outcomes", id)
          .then()
          .statusCode(status)
          .body("kind", equalTo("churned"))
          .body("currency", equalTo("EUR"));
    }
    assertEquals(
        1, Database.count("select count(*) from account_outcome where account_id = ?", id));
    given().get("/v1/accounts/{id}", id).then().body("arr.amount", equalTo(0.0f));
    given()
        .get("/v1/accounts/{id}/outcomes", id)
        .then()
        .statusCode(200)
        .body("items.size()", equalTo(1));
  }

  @Test
  void the_newest_outcome_by_date_sets_the_arr() {
    String id = account(80000);
    json()
        .body(outcome("c", "contracted", "2026-09-30", 80000, 60000))
        .post("/v1/accounts/{id}/outcomes", id)
        .then()
        .statusCode(201);
    json()
        .body(outcome("old", "expanded", "2025-09-30", 50000, 80000))
        .post("/v1/accounts/{id}/outcomes", id)
        .then()
        .statusCode(201);
    given().get("/v1/accounts/{id}", id).then().body("arr.amount", equalTo(60000.0f));
    given()
        .get("/v1/accounts/{id}/outcomes", id)
        .then()
        .body("items.eventId", equalTo(java.util.List.of("c", "old")));
  }

  @Test
  void movements_must_match_their_kind_and_accounts_must_exist() {
    String id = account(50000);
    assertProblem(
        json()
            .body(outcome("a", "churned", "2026-10-01", 50000, 10))
            .post("/v1/accounts/{id}/outcomes", id)
            .then(),
        400,
        "arrAfter");
    assertProblem(
        json()
            .body(outcome("b", "expanded", "2026-10-01", 50000, 40000))
            .post("/v1/accounts/{id}/outcomes", id)
            .then(),
        400,
        "arrAfter");
    assertProblem(
        json()
            .body(outcome("c", "renewed", "2026-10-01", 50000, 60000))
            .post("/v1/accounts/{id}/outcomes", id)
            .then(),
        400,
        "arrAfter");
    assertProblem(
        json()
            .body(outcome("d", "reactivated", "2026-10-01", 5, 60000))
            .post("/v1/accounts/{id}/outcomes", id)
            .then(),
        400,
        "arrBefore");
    assertProblem(
        json()
            .body(outcome("e", "lost", "2026-10-01", 5, 0))
            .post("/v1/accounts/{id}/outcomes", id)
            .then(),
        400,
        "kind");
    assertProblem(
        json()
            .body(outcome("f", "churned", "2026-10-01", 5, 0))
            .post("/v1/accounts/{id}/outcomes", "no-such-account-x")
            .then(),
        404,
        null);
    assertEquals(
        0, Database.count("select count(*) from account_outcome where account_id = ?", id));
  }
}

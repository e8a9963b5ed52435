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

  @Test
  void a_batch_records_the_valid_outcomes_reports_the_others_by_index_and_adds_nothing_twice() {
    String churning = account(120000);
    String growing = account(50000);
    String batch =
        """
        {"outcomes": [
          {"accountId": "%1$s", "eventId": "b-1", "kind": "churned", "date": "2026-10-31",
           "arrBefore": 120000, "arrAfter": 0},
          {"accountId": "%2$s", "eventId": "b-2", "kind": "expanded", "date": "2026-11-01",
           "arrBefore": 50000, "arrAfter": 65000, "currency": "EUR"},
          {"accountId": "%1$s", "eventId": "b-1", "kind": "churned", "date": "2026-10-31",
           "arrBefore": 120000, "arrAfter": 0},
          {"accountId": "nobody-%1$s", "eventId": "b-3", "kind": "renewed", "date": "2026-10-31",
           "arrBefore": 1, "arrAfter": 1},
          {"accountId": "%2$s", "eventId": "b-4", "kind": "lost", "date": "2026-10-31",
           "arrBefore": 1, "arrAfter": 0},
          {"accountId": "%2$s", "eventId": "b-5", "kind": "churned", "date": "2026-10-31",
           "arrBefore": 100, "arrAfter": 5},
          {"accountId": "%2$s", "eventId": "b-6", "kind": "renewed", "date": "31/10/2026",
           "arrBefore": 1, "arrAfter": 1},
          "not an object",
          {"accountId": "bad id!", "eventId": "b-7", "kind": "renewed", "date": "2026-10-31",
           "arrBefore": 1, "arrAfter": 1}
        ]}
        """
            .formatted(churning, growing);
    json()
        .body(batch)
        .post("/v1/outcomes/batch")
        .then()
        .statusCode(200)
        .body("recorded", equalTo(2))
        .body("duplicates", equalTo(1))
        .body("rejected.index", equalTo(java.util.List.of(3, 4, 5, 6, 7, 8)))
        .body("rejected[0].errors[0].field", equalTo("outcomes[3].accountId"))
        .body("rejected[1].errors[0].field", equalTo("outcomes[4].kind"))
        .body("rejected[2].errors[0].field", equalTo("outcomes[5].arrAfter"))
        .body("rejected[3].errors[0].field", equalTo("outcomes[6].date"))
        .body("rejected[4].errors[0].field", equalTo("outcomes[7]"))
        .body("rejected[5].errors[0].field", equalTo("outcomes[8].accountId"));
    given().get("/v1/accounts/{id}", churning).then().body("arr.amount", equalTo(0.0f));
    given().get("/v1/accounts/{id}", growing).then().body("arr.amount", equalTo(65000.0f));

    // The same file again: nothing new.
    json()
        .body(batch)
        .post("/v1/outcomes/batch")
        .then()
        .statusCode(200)
        .body("recorded", equalTo(0))
        .body("duplicates", equalTo(3));
    given()
        .get("/v1/accounts/{id}/outcomes", churning)
        .then()
        .body("items.eventId", equalTo(java.util.List.of("b-1")));
    assertProblem(
        json().body("{\"outcomes\": []}").post("/v1/outcomes/batch").then(), 400, "outcomes");
  }
}

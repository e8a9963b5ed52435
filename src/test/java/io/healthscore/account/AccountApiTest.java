package io.healthscore.account;

import static io.healthscore.support.Api.assertProblem;
import static io.healthscore.support.Api.given;
import static io.healthscore.support.Api.json;
import static io.healthscore.support.Api.newAccountId;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.healthscore.support.Database;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AccountApiTest {

  static final String ACME =
      """
      {"name": "Acme Corp",
       "attributes": {"plan": "enterprise", "lifecycleStage": "adoption"},
       "arr": {"amount": 120000, "currency": "USD"},
       "renewalDate": "2027-03-31",
       "signals": [
         {"key": "csm_sentiment", "value": "positive"},
         {"key": "active_users_ratio", "value": 0.62},
         {"key": "goals_met_ratio", "value": 0.5},
         {"key": "urgent_tickets_30d", "value": 2},
         {"key": "nps_response", "value": 9}
       ]}
      """;

  @Test
  void upsert_creates_the_account_and_returns_its_new_score() {
    String id = newAccountId("acme");
    json()
        .body(ACME)
        .put("/v1/accounts/{id}", id)
        .then()
        .statusCode(200)
        .body("account.accountId", equalTo(id))
        .body("account.name", equalTo("Acme Corp"))
        .body("account.attributes.plan", equalTo("enterprise"))
        .body("account.arr.currency", equalTo("USD"))
        .body("account.renewalDate", equalTo("2027-03-31"))
        .body("health.accountId", equalTo(id))
        .body("health.sequence", equalTo(1))
        .body("health.scorecard.id", equalTo("default"))
        .body("health.trigger", equalTo("account_upsert"))
        .body("health.score", notNullValue())
        .body("health.groups.size()", equalTo(7))
        .body("health", not(hasKey("change")));

    given()
        .get("/v1/accounts/{id}", id)
        .then()
        .statusCode(200)
        .body("name", equalTo("Acme Corp"))
        .body("arr.amount", equalTo(120000.0f));
  }

  @Test
  void put_replaces_attributes_and_rescoring_explains_the_change() {
    String id = newAccountId("acme");
    json().body(ACME).put("/v1/accounts/{id}", id).then().statusCode(200);
    json()
        .body(
            """
            {"name": "Acme Inc", "attributes": {"plan": "pro"},
             "signals": [{"key": "urgent_tickets_30d", "value": 6}]}
            """)
        .put("/v1/accounts/{id}", id)
        .then()
        .statusCode(200)
        .body("account.name", equalTo("Acme Inc"))
        .body("account.attributes", equalTo(java.util.Map.of("plan", "pro")))
        .body("account", not(hasKey("arr")))
        .body("health.sequence", equalTo(2))
        .body("health.change.delta", org.hamcrest.Matchers.lessThan(0f))
        .body("health.change.movers[0].measureId", equalTo("urgent_tickets"));
  }

  @Test
  void a_request_with_one_invalid_signal_writes_nothing() {
    String id = newAccountId("atomic");
    assertProblem(
        json()
            .body(
                """
                {"name": "Atomic", "signals": [
                  {"key": "active_users_ratio", "value": 0.5},
                  {"key": "active_users_ratio", "value": 1.5}]}
                """)
            .put("/v1/accounts/{id}", id)
            .then(),
        400,
        "signals[1].value");
    assertEquals(0, Database.count("select count(*) from account where account_id = ?", id));
    assertEquals(0, Database.count("select count(*) from signal where account_id = ?", id));
    assertProblem(given().get("/v1/accounts/{id}", id).then(), 404, null);
  }

  @Test
  void rejects_bad_account_fields_with_their_paths() {
    String id = newAccountId("bad");
    assertProblem(
            json()
                .body(
                    """
                    {"arr": {"amount": -5, "currency": "dollars"}, "attributes": {"9bad": "x"}}
                    """)
                .put("/v1/accounts/{id}", id)
                .then(),
            400,
            "arr.currency")
        .body("errors.field", org.hamcrest.Matchers.hasItem("arr.amount"));
    assertProblem(
        json().body("{\"name\": \"a\\u0000b\"}").put("/v1/accounts/{id}", id).then(), 400, "name");
    assertProblem(
        json().body("{\"renewalDate\": \"next year\"}").put("/v1/accounts/{id}", id).then(),
        400,
        "renewalDate");
    assertProblem(
        json().body("{\"name\": \"x\"}").put("/v1/accounts/{id}", "bad id with spaces").then(),
        400,
        "accountId");
  }

  @Test
  void unknown_account_is_a_404_problem() {
    assertProblem(given().get("/v1/accounts/{id}", "nobody-here").then(), 404, null)
        .body("detail", equalTo("No account nobody-here"));
  }

  @Test
  void a_batch_applies_the_valid_accounts_scores_them_once_and_reports_the_others_by_index() {
    String a = newAccountId("batch");
    String b = newAccountId("batch");
    String batch =
        """
        {"accounts": [
          {"accountId": "%1$s", "name": "A", "attributes": {"plan": "pro"},
           "arr": {"amount": 1000, "currency": "EUR"}, "renewalDate": "2027-03-31"},
          {"accountId": "%2$s", "name": "B"},
          {"accountId": "bad id!", "name": "C"},
          {"accountId": "%2$s-x", "arr": {"amount": 5, "currency": "euro"}},
          {"accountId": "%2$s-y", "colour": "blue"},
          42
        ]}
        """
            .formatted(a, b);
    json()
        .body(batch)
        .post("/v1/accounts/batch")
        .then()
        .statusCode(200)
        .body("upserted", equalTo(2))
        .body("accountsScored", equalTo(2))
        .body("rejected.index", equalTo(java.util.List.of(2, 3, 4, 5)))
        .body("rejected[0].errors[0].field", equalTo("accounts[2].accountId"))
        .body("rejected[1].errors[0].field", equalTo("accounts[3].arr.currency"))
        .body("rejected[2].errors[0].field", equalTo("accounts[4].colour"))
        .body("rejected[3].errors[0].field", equalTo("accounts[5]"));
    given()
        .get("/v1/accounts/{id}", a)
        .then()
        .statusCode(200)
        .body("arr.currency", equalTo("EUR"))
        .body("attributes.plan", equalTo("pro"));
    given().get("/v1/accounts/{id}/health", b).then().statusCode(200).body("sequence", equalTo(1));
    assertProblem(given().get("/v1/accounts/{id}", b + "-x").then(), 404, null);
    assertProblem(
        json().body("{\"accounts\": []}").post("/v1/accounts/batch").then(), 400, "accounts");
  }
}

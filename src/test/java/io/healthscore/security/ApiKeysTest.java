package io.healthscore.security;

import static io.healthscore.support.Api.as;
import static io.healthscore.support.Api.assertProblem;
import static io.healthscore.support.Api.given;
import static io.healthscore.support.Api.json;
import static io.healthscore.support.Api.jsonAs;
import static io.healthscore.support.Api.newAccountId;
import static io.healthscore.support.Api.newTenantAdminKey;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.healthscore.support.Api;
import io.healthscore.support.Database;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ApiKeysTest {

  static final String SIGNAL =
      """
      {"signals": [{"key": "active_users_ratio", "value": 0.5}]}\
      """;

  static JsonPath newKey(String adminKey, String scopes, Integer rateLimit) {
    return jsonAs(adminKey)
        .body(
            """
            {"name": "test key", "scopes": %s%s}\
            """
                .formatted(scopes, rateLimit == null ? "" : ", \"rateLimit\": " + rateLimit))
        .post("/v1/api-keys")
        .then()
        .statusCode(201)
        .header("Location", org.hamcrest.Matchers.containsString("/v1/api-keys/key_"))
        .body("key", org.hamcrest.Matchers.startsWith("hs_"))
        .extract()
        .jsonPath();
  }

  @Test
  void a_missing_malformed_or_unknown_key_is_a_401_problem() {
    for (Response reply :
        List.of(
            RestAssured.given().get("/v1/signal-keys"),
            RestAssured.given()
                .header("Authorization", "Basic dXNlcjpwdw==")
                .get("/v1/signal-keys"),
            as("hs_not_a_key_anyone_was_ever_given_0000000").get("/v1/signal-keys"),
            RestAssured.given().get("/v1/accounts/{id}/health", "anything"))) {
      assertProblem(reply.then(), 401, "Authorization")
          .header("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Bearer"));
    }
    // The probes and the contract stay open.
    RestAssured.given().get("/q/health/ready").then().statusCode(200);
    RestAssured.given().get("/q/openapi").then().statusCode(200);
  }

  @Test
  void a_key_may_do_what_its_scopes_allow_and_nothing_else() {
    String account = newAccountId("scopes");
    String reader = newKey(Api.ADMIN_KEY, "[\"health:read\"]", null).getString("key");
    String writer = newKey(Api.ADMIN_KEY, "[\"signals:write\"]", null).getString("key");
    jsonAs(writer).body(SIGNAL).post("/v1/accounts/{id}/signals", account).then().statusCode(200);
    as(reader).get("/v1/accounts/{id}/health", account).then().statusCode(200);
    assertProblem(
            jsonAs(reader).body(SIGNAL).post("/v1/accounts/{id}/signals", account).then(),
            403,
            null)
        .body("detail", org.hamcrest.Matchers.containsString("signals:write"));
    assertProblem(as(writer).get("/v1/accounts/{id}/health", account).then(), 403, null);
    assertProblem(as(writer).get("/v1/api-keys").then(), 403, null);
    assertProblem(
        jsonAs(reader)
            .body("{\"type\": \"number\"}")
            .put("/v1/signal-keys/{key}", "custom_scope_check")
            .then(),
        403,
        null);
    assertEquals(1, Database.count("select count(*) from signal where account_id = ?", account));
  }

  @Test
  void keys_are_listed_without_secrets_and_a_revoked_key_stops_at_once() {
    JsonPath created = newKey(Api.ADMIN_KEY, "[\"health:read\"]", null);
    String key = created.getString("key");
    as(key).get("/v1/signal-keys").then().statusCode(200);
    Api.given()
        .get("/v1/api-keys")
        .then()
        .statusCode(200)
        .body(
            "items.find { it.id == '" + created.getString("id") + "' }.prefix",
            equalTo(key.substring(0, 11)))
        .body("items.key", everyItem(nullValue()));
    Api.given().delete("/v1/api-keys/{id}", created.getString("id")).then().statusCode(204);
    assertProblem(as(key).get("/v1/signal-keys").then(), 401, "Authorization");
    Api.given()
        .get("/v1/api-keys")
        .then()
        .body(
            "items.find { it.id == '" + created.getString("id") + "' }.revokedAt", notNullValue());
    assertProblem(
        Api.given().delete("/v1/api-keys/{id}", created.getString("id")).then(), 404, null);
    // Stored as a hash only: the secret is nowhere in the database.
    assertEquals(
        0,
        Database.count(
            "select count(*) from api_key where prefix = ? and "
                + "position(convert_to(?, 'UTF8') in key_hash) > 0",
            key.substring(0, 11),
            key));
  }

  @Test
  void every_location_a_creation_answers_can_be_read() {
    String admin = Api.newTenantAdminKey("locations");
    io.restassured.response.Response created =
        jsonAs(admin)
            .body("{\"name\": \"reader\", \"scopes\": [\"health:read\"]}")
            .post("/v1/api-keys");
    created.then().statusCode(201);
    as(admin)
        .get(java.net.URI.create(created.header("Location")).getPath())
        .then()
        .statusCode(200)
        .body("id", equalTo(created.jsonPath().getString("id")))
        .body("name", equalTo("reader"))
        .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("key")));
    String tenant = "loc-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    io.restassured.response.Response tenantCreated =
        json().body("{\"id\": \"" + tenant + "\", \"name\": \"Loc\"}").post("/v1/tenants");
    tenantCreated.then().statusCode(201);
    given()
        .get(java.net.URI.create(tenantCreated.header("Location")).getPath())
        .then()
        .statusCode(200)
        .body("id", equalTo(tenant));
    assertProblem(as(admin).get("/v1/api-keys/key_nope").then(), 404, null);
    assertProblem(given().get("/v1/tenants/nope-nope").then(), 404, null);
  }

  @Test
  void a_method_a_path_does_not_allow_is_a_405_problem_naming_the_allowed_ones() {
    assertProblem(given().delete("/v1/health").then(), 405, null)
        .header("Allow", org.hamcrest.Matchers.containsString("GET"));
  }

  @Test
  void a_tenant_cannot_revoke_its_last_admin_key() {
    String admin = newTenantAdminKey("last");
    String id = as(admin).get("/v1/api-keys").then().extract().path("items[0].id");
    assertProblem(as(admin).delete("/v1/api-keys/{id}", id).then(), 409, null);
    as(admin).get("/v1/api-keys").then().statusCode(200);
  }

  @Test
  void only_the_operator_manages_tenants() {
    String admin = newTenantAdminKey("notop");
    assertProblem(
        jsonAs(admin)
            .body("{\"id\": \"other-tenant\", \"name\": \"x\"}")
            .post("/v1/tenants")
            .then(),
        403,
        null);
    assertProblem(as(admin).get("/v1/tenants").then(), 403, null);
    Api.given().get("/v1/tenants").then().statusCode(200).body("items.id", hasItem("default"));
    assertProblem(
        json().body("{\"id\": \"default\", \"name\": \"again\"}").post("/v1/tenants").then(),
        409,
        null);
    assertProblem(
        json().body("{\"id\": \"Not Valid!\", \"name\": \"x\"}").post("/v1/tenants").then(),
        400,
        "id");
  }

  @Test
  void a_key_over_its_rate_limit_gets_429_with_retry_after_and_ratelimit_headers() {
    String key = newKey(Api.ADMIN_KEY, "[\"health:read\"]", 2).getString("key");
    // Bursts up to twice the rate, then refused until tokens come back.
    as(key)
        .get("/v1/signal-keys")
        .then()
        .statusCode(200)
        // The limit is the burst the remaining requests count down from: never fewer than them.
        .header("RateLimit-Limit", "4")
        .header("RateLimit-Remaining", "3")
        .header("RateLimit-Policy", "4;w=2");
    List<Integer> statuses = new ArrayList<>();
    Response limited = null;
    for (int i = 0; i < 10 && limited == null; i++) {
      Response reply = as(key).get("/v1/signal-keys");
      statuses.add(reply.statusCode());
      if (reply.statusCode() == 429) {
        limited = reply;
      }
    }
    assertTrue(limited != null, "never limited: " + statuses);
    assertProblem(limited.then(), 429, null)
        .header("Retry-After", notNullValue())
        .header("RateLimit-Remaining", "0")
        .header("RateLimit-Limit", "4");
    assertTrue(statuses.size() <= 5, "bursts of at most 4 pass: " + statuses);
  }

  @Test
  void a_new_tenant_scores_statelessly_with_its_own_default_scorecard() {
    String admin = newTenantAdminKey("stateless");
    for (int i = 0; i < 2; i++) { // the first loads the tenant's catalog, the second reuses it
      jsonAs(admin)
          .body(
              """
              {"signals": [{"key": "active_users_ratio", "value": 0.8}]}\
              """)
          .post("/v1/score")
          .then()
          .statusCode(200)
          .body("scorecard.id", equalTo("default"))
          .body("trigger", equalTo("stateless"));
    }
  }

  @Test
  void every_operation_names_the_scope_it_needs() throws Exception {
    List<String> missing = new ArrayList<>();
    for (Class<?> resource :
        List.of(
            io.healthscore.account.AccountResource.class,
            io.healthscore.health.HealthResource.class,
            io.healthscore.health.OverrideResource.class,
            io.healthscore.signal.ScoreResource.class,
            io.healthscore.job.JobResource.class,
            io.healthscore.scorecard.ScorecardResource.class,
            io.healthscore.signal.SignalResource.class,
            ApiKeyResource.class,
            io.healthscore.webhook.WebhookResource.class,
            io.healthscore.outcome.OutcomeResource.class,
            io.healthscore.analytics.AnalyticsResource.class,
            io.healthscore.demo.DemoResource.class,
            io.healthscore.portfolio.PortfolioResource.class,
            io.healthscore.analytics.CalibrateResource.class)) {
      for (Method method : resource.getDeclaredMethods()) {
        boolean operation =
            method.isAnnotationPresent(GET.class)
                || method.isAnnotationPresent(POST.class)
                || method.isAnnotationPresent(PUT.class)
                || method.isAnnotationPresent(DELETE.class);
        if (operation && !method.isAnnotationPresent(RequiresScope.class)) {
          missing.add(resource.getSimpleName() + "." + method.getName());
        }
      }
    }
    assertEquals(List.of(), missing);
  }
}

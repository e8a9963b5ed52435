package io.healthscore.support;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;

/** Small helpers shared by the API tests. */
public final class Api {

  static {
    RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    // Every response any test receives is checked against the committed OpenAPI document.
    RestAssured.filters(new ContractFilter());
  }

  /** The operator's admin key the test profile bootstraps (application.properties). */
  public static final String ADMIN_KEY = "hs_test_suite_admin_key_0000000000000000";

  private Api() {}

  /** A request with the test suite's admin key. */
  public static RequestSpecification given() {
    return as(ADMIN_KEY);
  }

  /** A request with the given API key. */
  public static RequestSpecification as(String key) {
    return RestAssured.given().header("Authorization", "Bearer " + key);
  }

  /** Waits up to {@code seconds} for the condition; fails with the message when it never holds. */
  public static void await(String message, int seconds, java.util.function.BooleanSupplier done) {
    org.awaitility.Awaitility.await(message)
        .atMost(java.time.Duration.ofSeconds(seconds))
        .pollInterval(java.time.Duration.ofMillis(50))
        .until(done::getAsBoolean);
  }

  /** A new tenant with its own admin key: a clean slate that no other test writes to. */
  public static String newTenantAdminKey(String prefix) {
    return newTenant(prefix).adminKey();
  }

  /** A tenant and its first admin key. */
  public record Tenant(String id, String adminKey) {}

  /** A new tenant: a clean slate that no other test writes to. */
  public static Tenant newTenant(String prefix) {
    String id = (prefix + "-" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase();
    return new Tenant(
        id,
        json()
            .body("{\"id\": \"" + id + "\", \"name\": \"" + id + "\"}")
            .post("/v1/tenants")
            .then()
            .statusCode(201)
            .extract()
            .path("adminKey.key"));
  }

  /** A JSON request with the given API key. */
  public static RequestSpecification jsonAs(String key) {
    return as(key).contentType(ContentType.JSON).accept(ContentType.JSON);
  }

  /** An account id no other test uses. */
  public static String newAccountId(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  public static RequestSpecification json() {
    return given().contentType(ContentType.JSON).accept(ContentType.JSON);
  }

  public static ValidatableResponse postSignals(String accountId, String body) {
    return json().body(body).post("/v1/accounts/{id}/signals", accountId).then();
  }

  /** Asserts an RFC 9457 problem with the given status that names the field. */
  public static ValidatableResponse assertProblem(
      ValidatableResponse response, int status, String field) {
    response
        .statusCode(status)
        .contentType("application/problem+json")
        .body("status", equalTo(status))
        .body("type", org.hamcrest.Matchers.startsWith("urn:healthscore:problem:"))
        .body("title", org.hamcrest.Matchers.notNullValue())
        .body("instance", org.hamcrest.Matchers.startsWith("/v1/"));
    if (field != null) {
      response.body("errors.field", hasItem(field));
    }
    return response;
  }
}

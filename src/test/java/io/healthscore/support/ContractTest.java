package io.healthscore.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The response checker itself: it passes what the document says and catches drift. */
class ContractTest {

  static final Contract CONTRACT = Contract.committed();
  static final String PROBLEM = "application/problem+json";
  static final String NOT_FOUND =
      """
      {"type": "urn:healthscore:problem:not-found", "title": "Not found", "status": 404,
       "detail": "No account acme-404", "instance": "/v1/accounts/acme-404/health"}\
      """;

  @Test
  void a_documented_problem_conforms() {
    assertEquals(
        List.of(),
        CONTRACT.violations(
            "GET", "/v1/accounts/acme-404/health", 404, PROBLEM + ";charset=UTF-8", NOT_FOUND));
  }

  @Test
  void an_undocumented_property_is_drift() {
    List<String> violations =
        CONTRACT.violations(
            "GET",
            "/v1/accounts/a/health",
            404,
            PROBLEM,
            NOT_FOUND.replace("\"status\": 404", "\"status\": 404, \"hint\": \"x\""));
    assertEquals(1, violations.size(), violations.toString());
    assertTrue(violations.get(0).contains("hint"), violations.toString());
  }

  @Test
  void a_wrong_type_an_undocumented_status_and_media_type_are_drift() {
    assertEquals(
        1,
        CONTRACT
            .violations(
                "GET", "/v1/accounts/a/health", 404, PROBLEM, NOT_FOUND.replace("404,", "\"404\","))
            .size());
    assertTrue(
        CONTRACT
            .violations("GET", "/v1/accounts/a/health", 418, PROBLEM, NOT_FOUND)
            .get(0)
            .contains("status not documented"));
    assertTrue(
        CONTRACT
            .violations("GET", "/v1/accounts/a/health", 404, "text/html", "<html/>")
            .get(0)
            .contains("media type"));
  }

  @Test
  void literal_paths_win_over_templates_and_other_paths_are_not_checked() {
    assertEquals("/v1/signals/batch", CONTRACT.operationPath("/v1/signals/batch").orElseThrow());
    assertEquals(
        "/v1/accounts/{accountId}/signals",
        CONTRACT.operationPath("/v1/accounts/a%2Fb/signals").orElseThrow());
    assertEquals(
        List.of(),
        CONTRACT.violations(
            "GET",
            "/q/health/ready",
            200,
            "application/json",
            "{\"status\": \"UP\", \"checks\": []}"));
  }
}

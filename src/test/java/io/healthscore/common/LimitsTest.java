package io.healthscore.common;

import static io.healthscore.support.Api.assertProblem;
import static io.healthscore.support.Api.json;
import static io.healthscore.support.Api.newAccountId;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class LimitsTest {

  @Test
  void a_body_over_the_size_limit_is_a_413_problem() {
    String huge = "{\"signals\": [{\"key\": \"active_users_ratio\", \"value\": 0.5, \"source\": \""
        + "x".repeat(3 * 1024 * 1024) + "\"}]}";
    assertProblem(json().body(huge).post("/v1/accounts/{id}/signals", newAccountId("big"))
        .then(), 413, null);
  }

  @Test
  void a_page_over_the_cap_is_a_400_problem_naming_limit() {
    assertProblem(json().queryParam("limit", 501).get("/v1/health").then(), 400, "limit");
  }
}

package io.healthscore.common;

import static io.healthscore.support.Api.ADMIN_KEY;
import static io.healthscore.support.Api.assertProblem;
import static io.healthscore.support.Api.given;
import static io.healthscore.support.Api.json;
import static io.healthscore.support.Api.newAccountId;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@QuarkusTest
class LimitsTest {

  @TestHTTPResource("/")
  URI root;

  @Test
  void a_body_over_the_size_limit_is_a_413_problem() {
    String huge =
        "{\"signals\": [{\"key\": \"active_users_ratio\", \"value\": 0.5, \"source\": \""
            + "x".repeat(3 * 1024 * 1024)
            + "\"}]}";
    assertProblem(
        json().body(huge).post("/v1/accounts/{id}/signals", newAccountId("big")).then(), 413, null);
  }

  @Test
  void a_chunked_body_over_the_size_limit_is_a_413_problem_too() throws Exception {
    byte[] huge =
        ("{\"signals\": [{\"key\": \"active_users_ratio\", \"value\": 0.5, "
                + "\"source\": \""
                + "x".repeat(3 * 1024 * 1024)
                + "\"}]}")
            .getBytes(UTF_8);
    HttpResponse<String> response =
        postChunked("v1/accounts/" + newAccountId("big") + "/signals", huge);
    assertEquals(413, response.statusCode());
    assertEquals(
        "application/problem+json", response.headers().firstValue("content-type").orElse(""));
    assertTrue(response.body().contains("urn:healthscore:problem:too-large"), response.body());
  }

  @Test
  void a_chunked_body_within_the_limit_is_read_whole() throws Exception {
    String account = newAccountId("chunked");
    HttpResponse<String> response =
        postChunked(
            "v1/accounts/" + account + "/signals",
            "{\"signals\": [{\"key\": \"active_users_ratio\", \"value\": 0.5}]}".getBytes(UTF_8));
    assertEquals(200, response.statusCode(), response.body());
    given()
        .get("/v1/accounts/{id}/health", account)
        .then()
        .statusCode(200)
        .body("groups.measures.flatten().find { it.id == 'active_users' }.rawValue", equalTo(0.5f));
  }

  @Test
  void an_empty_chunked_body_is_a_400_problem_not_a_hang() throws Exception {
    HttpResponse<String> response = postChunked("v1/signals/batch", new byte[0]);
    assertEquals(400, response.statusCode(), response.body());
    assertTrue(response.body().contains("must be a JSON object"), response.body());
  }

  // A body of unknown length goes out chunked: there is no content-length to refuse it by.
  private HttpResponse<String> postChunked(String path, byte[] body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(root.resolve(path))
            .header("Authorization", "Bearer " + ADMIN_KEY)
            .header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(10))
            .POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
            .build();
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10))
        .build()
        .send(request, BodyHandlers.ofString());
  }

  @Test
  void a_page_over_the_cap_is_a_400_problem_naming_limit() {
    assertProblem(json().queryParam("limit", 501).get("/v1/health").then(), 400, "limit");
  }
}

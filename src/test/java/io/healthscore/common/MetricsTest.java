package io.healthscore.common;

import static io.healthscore.support.Api.given;
import static io.healthscore.support.Api.json;
import static io.healthscore.support.Api.newAccountId;
import static io.healthscore.support.Api.postSignals;
import static io.healthscore.support.Metrics.sample;
import static io.healthscore.support.Metrics.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.healthscore.job.RecomputeJobTest;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class MetricsTest {

  static double delivered(String metrics) {
    try {
      return sample(metrics, "healthscore_webhook_deliveries_total", "outcome=\"delivered\"");
    } catch (AssertionError notYet) {
      return 0;
    }
  }

  /** A sample's value, 0 when it does not exist yet. */
  @Test
  void exposes_http_jvm_pool_and_business_metrics_with_plausible_values() throws Exception {
    // Counters are compared with their values before this test: other tests' traffic must not
    // be what satisfies them.
    String start = given().get("/q/metrics").then().statusCode(200).extract().asString();
    String account = newAccountId("metrics");
    Instant hourAgo = Instant.now().minusSeconds(3600);
    postSignals(
            account,
            "{\"signals\": [{\"key\": \"active_users_ratio\", \"value\": 0.1, "
                + "\"observedAt\": \""
                + hourAgo
                + "\"}]}")
        .statusCode(200);
    // A new scorecard: its recompute job scores the account (red), the next signal turns it green.
    String scorecard = "metrics-" + UUID.randomUUID().toString().substring(0, 8);
    long job =
        RecomputeJobTest.jobOf(
            json()
                .body(
                    """
                    {"id": "%s", "minCoverage": 0, "groups": [{"id": "g", "weight": 1, "measures": [
                      {"id": "users", "signal": "active_users_ratio", "aggregation": "latest",
                       "normaliser": {"type": "range", "min": 0, "max": 1}, "weight": 1}]}]}
                    """
                        .formatted(scorecard))
                .post("/v1/scorecards")
                .then()
                .statusCode(201)
                .extract()
                .header("Link"));
    RecomputeJobTest.awaitFinished(job);
    try (var receiver = new io.healthscore.support.WebhookReceiver()) {
      var hook =
          json()
              .body(
                  "{\"url\": \""
                      + receiver.url()
                      + "\", \"eventTypes\": "
                      + "[\"health.score_updated\"], \"scorecards\": [\""
                      + scorecard
                      + "\"]}")
              .post("/v1/webhooks")
              .then()
              .statusCode(201)
              .extract()
              .jsonPath();
      receiver.trust(hook.getString("secret"));
      postSignals(account, "{\"signals\": [{\"key\": \"active_users_ratio\", \"value\": 0.9}]}")
          .statusCode(200);
      io.healthscore.support.Api.await(
          "webhook delivered", 10, () -> receiver.unique().size() == 1);
      // The dispatcher counts a delivery once the receiver's reply is back and recorded, a moment
      // after the receiver has seen it.
      io.healthscore.support.Api.await(
          "webhook delivery counted",
          10,
          () -> delivered(given().get("/q/metrics").then().extract().asString()) >= 1);
      given().delete("/v1/webhooks/{id}", hook.getString("id")).then().statusCode(204);
    }

    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    java.util.function.BiFunction<String, String[], Double> grew =
        (name, labels) -> value(metrics, name, labels) - value(start, name, labels);
    // Two signal writes, each scoring the account with both scorecards.
    assertTrue(
        grew.apply("healthscore_scores_computed_total", new String[] {"trigger=\"signals\""}) >= 3);
    assertTrue(
        grew.apply("healthscore_scores_computed_total", new String[] {"trigger=\"recompute\""})
            >= 1);
    assertTrue(
        grew.apply(
                "healthscore_band_transitions_total", new String[] {"from=\"red\"", "to=\"green\""})
            >= 1);
    assertEquals(
        2.0,
        grew.apply(
            "healthscore_signals_ingested_total", new String[] {"key=\"active_users_ratio\""}));
    assertEquals(2.0, grew.apply("healthscore_ingest_lag_seconds_count", new String[0]));
    // One signal an hour old, one new: the lag sums to about an hour.
    double lag = grew.apply("healthscore_ingest_lag_seconds_sum", new String[0]);
    assertTrue(lag >= 3600 && lag < 3600 + 600, "ingest lag " + lag);
    assertTrue(
        grew.apply("healthscore_webhook_deliveries_total", new String[] {"outcome=\"delivered\""})
            >= 1);
    assertTrue(
        grew.apply("healthscore_recompute_accounts_total", new String[] {"outcome=\"processed\""})
            >= 1);
    assertEquals(
        2.0,
        grew.apply(
            "http_server_requests_seconds_count",
            new String[] {"uri=\"/v1/accounts/{accountId}/signals\"", "status=\"200\""}));
    assertTrue(sample(metrics, "jvm_memory_used_bytes") > 0);
    double max = sample(metrics, "agroal_max_used_count");
    assertTrue(max >= 1, "the pool was used: " + max);
    assertTrue(
        sample(metrics, "agroal_available_count") + sample(metrics, "agroal_active_count") <= 32,
        "pool within its size");
  }

  @Test
  void requests_refused_before_routing_are_labelled_with_the_route_template_not_the_path()
      throws Exception {
    String account = newAccountId("metrics-unrouted");
    String huge = "{\"signals\": [], \"pad\": \"" + "x".repeat(3 * 1024 * 1024) + "\"}";
    json().body(huge).post("/v1/accounts/{id}/signals", account).then().statusCode(413);
    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    assertFalse(metrics.contains(account), "an account id became a label");
    assertTrue(
        value(
                metrics,
                "http_server_requests_seconds_count",
                "uri=\"/v1/accounts/{accountId}/signals\"",
                "status=\"413\"")
            >= 1);
    // Every templated path of the contract has its pattern.
    String patterns =
        org.eclipse.microprofile.config.ConfigProvider.getConfig()
            .getValue("quarkus.micrometer.binder.http-server.match-patterns", String.class);
    java.util.Set<String> templates = new java.util.TreeSet<>();
    for (String pattern : patterns.split(",")) {
      templates.add(pattern.substring(pattern.indexOf('=') + 1).trim());
    }
    java.util.Set<String> documented = new java.util.TreeSet<>();
    OpenApiContractTest.served()
        .get("paths")
        .fieldNames()
        .forEachRemaining(
            path -> {
              if (path.contains("{")) {
                documented.add(path);
              }
            });
    assertEquals(documented, templates);
  }
}

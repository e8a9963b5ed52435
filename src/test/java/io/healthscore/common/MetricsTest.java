package io.healthscore.common;

import static io.healthscore.support.Api.given;
import static io.healthscore.support.Api.json;
import static io.healthscore.support.Api.newAccountId;
import static io.healthscore.support.Api.postSignals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.healthscore.job.RecomputeJobTest;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

@QuarkusTest
class MetricsTest {

  /** The value of the first sample whose line starts with the name and has all the labels. */
  static double sample(String metrics, String name, String... labels) {
    for (String line : metrics.split("\n")) {
      if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) {
        continue;
      }
      boolean all = true;
      for (String label : labels) {
        all &= line.contains(label);
      }
      if (all) {
        Matcher m = Pattern.compile(" ([0-9.eE+-]+)$").matcher(line);
        assertTrue(m.find(), line);
        return Double.parseDouble(m.group(1));
      }
    }
    throw new AssertionError("no sample " + name + " with " + String.join(",", labels));
  }

  static double delivered(String metrics) {
    try {
      return sample(metrics, "healthscore_webhook_deliveries_total", "outcome=\"delivered\"");
    } catch (AssertionError notYet) {
      return 0;
    }
  }

  @Test
  void exposes_http_jvm_pool_and_business_metrics_with_plausible_values() throws Exception {
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
    assertTrue(sample(metrics, "healthscore_scores_computed_total", "trigger=\"signals\"") >= 3);
    assertTrue(sample(metrics, "healthscore_scores_computed_total", "trigger=\"recompute\"") >= 1);
    assertTrue(
        sample(metrics, "healthscore_band_transitions_total", "from=\"red\"", "to=\"green\"") >= 1);
    assertTrue(
        sample(metrics, "healthscore_signals_ingested_total", "key=\"active_users_ratio\"") >= 2);
    assertTrue(sample(metrics, "healthscore_ingest_lag_seconds_count") >= 2);
    assertTrue(sample(metrics, "healthscore_ingest_lag_seconds_sum") >= 3600);
    assertTrue(sample(metrics, "healthscore_ingest_lag_seconds_max") < 86_400 * 400);
    assertTrue(delivered(metrics) >= 1);
    assertTrue(
        sample(metrics, "healthscore_recompute_accounts_total", "outcome=\"processed\"") >= 1);
    assertTrue(
        sample(
                metrics,
                "http_server_requests_seconds_count",
                "uri=\"/v1/accounts/{accountId}/signals\"",
                "status=\"200\"")
            >= 2);
    assertTrue(sample(metrics, "jvm_memory_used_bytes") > 0);
    assertTrue(sample(metrics, "agroal_available_count") >= 0);
  }
}

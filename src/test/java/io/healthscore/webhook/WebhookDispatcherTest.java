package io.healthscore.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.healthscore.support.Configs;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The dispatcher's own decisions, without a database. */
class WebhookDispatcherTest {

  static WebhookDispatcher dispatcher(UrlGuard guard) {
    WebhookConfig config =
        Configs.of(
                Map.of("healthscore.webhooks.threads", "1", "healthscore.webhooks.timeout", "PT2S"))
            .getConfigMapping(WebhookConfig.class);
    return new WebhookDispatcher(null, guard, new SimpleMeterRegistry(), config);
  }

  @Test
  void a_url_that_now_resolves_inside_the_network_is_not_sent_and_not_retried() {
    // Saved while allowed; the check before delivery refuses it (e.g. DNS changed since).
    WebhookDispatcher.Attempt attempt =
        dispatcher(new UrlGuard(false, Optional.empty()))
            .send(
                new WebhookDispatcher.Message(
                    "msg_1",
                    "{}",
                    0,
                    Instant.now(),
                    "https://127.0.0.1:9/hook",
                    Signatures.newSecret(),
                    null));
    assertNull(attempt.status());
    assertFalse(attempt.retry());
    assertTrue(attempt.error().startsWith("not sent"), attempt.error());
  }

  @Test
  void backoff_doubles_with_jitter_up_to_the_cap_and_honours_retry_after() {
    WebhookDispatcher dispatcher = dispatcher(new UrlGuard(false, Optional.empty()));
    for (int attempt = 1; attempt <= 12; attempt++) {
      long full = Math.min(5_000L << (attempt - 1), 3_600_000L);
      long delay = dispatcher.backoff(attempt, null).toMillis();
      assertTrue(delay >= full / 2 && delay <= full, attempt + ": " + delay);
    }
    assertEquals(Duration.ofSeconds(120), dispatcher.backoff(1, Duration.ofSeconds(120)));
    assertEquals(Duration.ofHours(1), dispatcher.backoff(1, Duration.ofDays(2)));
  }
}

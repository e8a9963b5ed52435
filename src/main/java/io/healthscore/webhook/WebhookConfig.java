package io.healthscore.webhook;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.hibernate.validator.constraints.time.DurationMin;

/** Webhook delivery. */
@ConfigMapping(prefix = "healthscore.webhooks")
public interface WebhookConfig {

  /**
   * How often each instance looks for due deliveries (a new event waits for it). At least a second:
   * the scheduler runs a shorter interval late.
   */
  @WithDefault("1s")
  @DurationMin(seconds = 1)
  Duration pollInterval();

  /** Accept http URLs (local testing). */
  @WithDefault("false")
  boolean allowHttp();

  /** CIDRs webhooks may reach although private (e.g. an internal receiver's network). */
  Optional<List<String>> allowedNetworks();

  /** A delivery whose worker is silent this long is sent by another. */
  @WithDefault("PT30S")
  Duration lease();

  /** Deliveries leased at once. */
  @WithDefault("20")
  @Positive
  @Max(1000)
  int batchSize();

  /** Deliveries sent in parallel per instance. */
  @WithDefault("4")
  @Positive
  @Max(256)
  int threads();

  /** Connect and response timeout per attempt. */
  @WithDefault("PT10S")
  Duration timeout();

  /** Backoff base, doubled per attempt. */
  @WithDefault("PT5S")
  Duration retryBase();

  /** Backoff cap. */
  @WithDefault("PT1H")
  Duration retryMaxDelay();

  /** Events older than this are marked failed instead of retried. */
  @WithDefault("PT24H")
  Duration maxAge();
}

package io.healthscore.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import jakarta.validation.constraints.Positive;
import java.time.Duration;

/** API keys and rate limits. */
@ConfigMapping(prefix = "healthscore")
public interface SecurityConfig {

  @WithName("api-keys")
  ApiKeys apiKeys();

  @WithName("rate-limit")
  RateLimit rateLimit();

  /** API keys. */
  interface ApiKeys {

    /** Valid keys are remembered this long: revocations reach other instances within it. */
    @WithDefault("PT10S")
    Duration cacheTtl();
  }

  /** Per-key rate limits. */
  interface RateLimit {

    @WithDefault("true")
    boolean enabled();

    /** Default rate per key and instance; bursts of twice that. */
    @WithDefault("200")
    @Positive
    int requestsPerSecond();
  }
}

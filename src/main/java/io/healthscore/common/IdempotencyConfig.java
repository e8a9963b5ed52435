package io.healthscore.common;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Idempotency keys. */
@ConfigMapping(prefix = "healthscore.idempotency")
public interface IdempotencyConfig {

  /** How long a write's reply is kept for retries with its Idempotency-Key. */
  @WithDefault("PT24H")
  Duration retention();

  /** How often expired keys are deleted. */
  @WithDefault("10m")
  Duration purgeInterval();

  /** A key claimed by a request that died is free again after this. */
  @WithDefault("PT1M")
  Duration lock();
}

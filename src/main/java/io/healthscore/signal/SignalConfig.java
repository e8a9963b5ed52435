package io.healthscore.signal;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Signal validation. */
@ConfigMapping(prefix = "healthscore.signals")
public interface SignalConfig {

  /** How far in the future observedAt may be (clock skew between callers and this service). */
  @WithDefault("PT5M")
  Duration maxFutureSkew();
}

package io.healthscore.consistency;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The consistency check. */
@ConfigMapping(prefix = "healthscore.consistency")
public interface ConsistencyConfig {

  /** Webhook deliveries and job leases standing still longer than this are reported. */
  @WithDefault("PT5M")
  Duration stallAfter();
}

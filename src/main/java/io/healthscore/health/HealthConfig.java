package io.healthscore.health;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;

/**
 * The read cache of latest scores, the form history stores, the override sweep. Its prefix is the
 * service's root, so a healthscore.* setting no mapping knows (a typo) stops the start.
 */
@ConfigMapping(prefix = "healthscore")
public interface HealthConfig {

  @WithName("read-cache")
  ReadCache readCache();

  History history();

  Overrides overrides();

  /** Latest scores served from memory (see docs/architecture.md, Reads). */
  interface ReadCache {

    /**
     * Served from memory this long, then checked in the background and served meanwhile for up to
     * as long again: a write through another instance shows within twice this ({@code PT0S}: off).
     */
    @WithDefault("PT1S")
    Duration ttl();

    /** Bound of that cache. */
    @WithDefault("100000")
    @PositiveOrZero
    long maxEntries();

    /** Memory for scores rendered from history's stored form ({@code 0}: off). */
    @WithDefault("33554432")
    @PositiveOrZero
    long renderedMaxBytes();
  }

  /** Manual overrides. */
  interface Overrides {

    /** How often each instance ends overrides past their expiry (and re-scores the account). */
    @WithDefault("10s")
    Duration sweepInterval();
  }

  /** History rows. */
  interface History {

    /** Store new scores in history's compact form; false stores the API form. */
    @WithDefault("true")
    boolean compact();
  }
}

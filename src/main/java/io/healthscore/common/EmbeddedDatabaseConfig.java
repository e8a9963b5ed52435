package io.healthscore.common;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/**
 * The embedded PostgreSQL of the quick start. Main reads these before the service starts (they
 * decide whether it starts a database at all); declared here so that the start checks them like
 * every other healthscore.* setting.
 */
@ConfigMapping(prefix = "healthscore.embedded-postgres")
public interface EmbeddedDatabaseConfig {

  /** The data directory (default data/postgres; kept across restarts). */
  Optional<String> dataDir();

  /** The port it listens on, on localhost (default: a free one). */
  Optional<Integer> port();
}

package io.healthscore.tenant;

import io.smallrye.config.ConfigMapping;
import jakarta.validation.constraints.Size;
import java.nio.file.Path;
import java.util.Optional;

/** The operator's first admin key. */
@ConfigMapping(prefix = "healthscore.bootstrap")
public interface BootstrapConfig {

  /** The first admin key; generated and logged once when unset. */
  Optional<@Size(min = 32, message = "must be at least 32 characters long") String> adminKey();

  /** Where a generated first key is also saved (owner-only). */
  Optional<Path> keyFile();
}

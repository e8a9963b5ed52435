package io.healthscore.imports;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;

/** File imports. */
@ConfigMapping(prefix = "healthscore.imports")
public interface ImportConfig {

  /** Lines merged per transaction: the unit of progress a crash or an outage resumes after. */
  @WithDefault("20000")
  @Positive
  @Max(1_000_000)
  int chunkLines();

  /** Bytes of one line, at most; a longer line is rejected (and skipped to its end). */
  @WithDefault("65536")
  @Positive
  int maxLineBytes();

  /** Bytes of one upload as sent (compressed or not), at most. */
  @WithDefault("20000000000")
  @Positive
  long maxFileBytes();

  /** Rejected lines shown on the import itself; the download has all. */
  @WithDefault("100")
  @Positive
  @Max(1000)
  int rejectedShown();

  /** An import whose worker is silent this long is taken over by another instance. */
  @WithDefault("PT10S")
  Duration lease();

  /**
   * How often an idle instance looks for imports to merge. At least a second: the scheduler runs a
   * shorter interval late (work committed in this instance starts at once anyway).
   */
  @WithDefault("1s")
  @DurationMin(seconds = 1)
  Duration pollInterval();
}

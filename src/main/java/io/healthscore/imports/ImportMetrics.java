package io.healthscore.imports;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Import lines in Prometheus terms, by what became of them: counted once committed (rejected while
 * reading when the upload commits, the others as each merge chunk commits).
 */
@ApplicationScoped
public class ImportMetrics {

  private final Counter applied;
  private final Counter unchanged;
  private final Counter rejected;

  public ImportMetrics(MeterRegistry registry) {
    this.applied = counter(registry, "applied");
    this.unchanged = counter(registry, "unchanged");
    this.rejected = counter(registry, "rejected");
  }

  private static Counter counter(MeterRegistry registry, String result) {
    return Counter.builder("healthscore.import.lines")
        .description("Lines of imported files by result: applied, unchanged or rejected")
        .tag("result", result)
        .register(registry);
  }

  void counted(long appliedLines, long unchangedLines, long rejectedLines) {
    applied.increment(appliedLines);
    unchanged.increment(unchangedLines);
    rejected.increment(rejectedLines);
  }
}

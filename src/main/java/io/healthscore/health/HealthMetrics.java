package io.healthscore.health;

import io.healthscore.scoring.StandardSignals;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The business in Prometheus terms: scores computed by trigger, band transitions, signals ingested
 * by key and how late they arrive. Recorded after commit, so only what was stored counts.
 */
@ApplicationScoped
public class HealthMetrics {

  /** Keys a tenant defines are counted together: their names would make series unbounded. */
  static final String CUSTOM_KEY = "custom";

  private final MeterRegistry registry;
  private final DistributionSummary ingestLag;
  // Meters by their tag values: looked up on every write, built once.
  private final Map<String, Counter> scores = new ConcurrentHashMap<>();
  private final Map<String, Counter> transitions = new ConcurrentHashMap<>();
  private final Map<String, Counter> signals = new ConcurrentHashMap<>();

  public HealthMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.ingestLag =
        DistributionSummary.builder("healthscore.ingest.lag")
            .description("Seconds from a signal's observedAt to its storage")
            .baseUnit("seconds")
            .serviceLevelObjectives(1, 10, 60, 600, 3600, 86_400, 604_800)
            .register(registry);
  }

  /** One stored score: what triggered it and the band it moved from (null: first score). */
  public record Scored(String trigger, String previousBand, String band) {}

  public void recorded(List<Scored> scored, List<NewSignal> stored, Instant storedAt) {
    for (Scored s : scored) {
      this.scores
          .computeIfAbsent(
              s.trigger(),
              trigger ->
                  Counter.builder("healthscore.scores.computed")
                      .description("Scores computed and stored")
                      .tag("trigger", trigger)
                      .register(registry))
          .increment();
      if (s.previousBand() != null && !s.previousBand().equals(s.band())) {
        transitions
            .computeIfAbsent(
                s.previousBand() + '>' + s.band(),
                fromTo ->
                    Counter.builder("healthscore.band.transitions")
                        .description("Band changes of accounts")
                        .tag("from", s.previousBand())
                        .tag("to", s.band())
                        .register(registry))
            .increment();
      }
    }
    for (NewSignal signal : stored) {
      String key = StandardSignals.find(signal.key()).isPresent() ? signal.key() : CUSTOM_KEY;
      signals
          .computeIfAbsent(
              key,
              k ->
                  Counter.builder("healthscore.signals.ingested")
                      .description("Signals stored")
                      .tag("key", k)
                      .register(registry))
          .increment();
      ingestLag.record(
          Math.max(0, Duration.between(signal.observedAt(), storedAt).toMillis() / 1000.0));
    }
  }

  /** Accounts a recompute job re-scored (outcome processed) or could not (failed). */
  public void recomputed(int accounts, String outcome) {
    Counter.builder("healthscore.recompute.accounts")
        .description("Accounts handled by recompute jobs")
        .tag("outcome", outcome)
        .register(registry)
        .increment(accounts);
  }
}

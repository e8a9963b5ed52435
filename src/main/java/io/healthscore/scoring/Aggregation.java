package io.healthscore.scoring;

import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** How the observations of one signal key inside a measure's window become one raw value. */
public enum Aggregation {
  /** The newest observation; the only aggregation that works for labels. */
  LATEST,
  MEAN,
  SUM,
  COUNT,
  MIN,
  MAX,
  /** Net Promoter Score of 0-10 answers: % promoters (9-10) minus % detractors (0-6). */
  NPS;

  // Computed once: every score written names one per measure.
  private final String wireName = name().toLowerCase(java.util.Locale.ROOT);

  /** The name as the API and scorecard files write it. */
  public String wireName() {
    return wireName;
  }

  /** Whether an empty window is a real value (zero) rather than missing data. */
  public boolean emptyWindowIsZero() {
    return this == SUM || this == COUNT;
  }

  public boolean acceptsLabels() {
    return this == LATEST;
  }

  /**
   * Aggregates non-empty observations (or empty ones for SUM and COUNT). Returns a number for every
   * aggregation except LATEST over a label, which returns null (the caller reads the label).
   */
  public Double apply(List<Observation> observations) {
    return apply(observations, o -> 1);
  }

  /** Whether observations can weigh differently (time decay): not for a single or extreme one. */
  public boolean weighsObservations() {
    return this == MEAN || this == SUM || this == COUNT || this == NPS;
  }

  /**
   * As {@link #apply(List)}, each observation counting {@code weight} times (e.g. less when
   * older); LATEST, MIN and MAX ignore the weights.
   */
  public Double apply(List<Observation> observations, ToDoubleFunction<Observation> weight) {
    switch (this) {
      case LATEST:
        return newest(observations).number();
      case COUNT:
        return observations.stream().mapToDouble(weight).sum();
      case SUM:
        return observations.stream().filter(o -> o.number() != null)
            .mapToDouble(o -> weight.applyAsDouble(o) * o.number()).sum();
      case MEAN:
        return observations.stream().filter(o -> o.number() != null)
            .mapToDouble(o -> weight.applyAsDouble(o) * o.number()).sum()
            / observations.stream().filter(o -> o.number() != null).mapToDouble(weight).sum();
      case MIN:
        return numbers(observations).min().orElseThrow();
      case MAX:
        return numbers(observations).max().orElseThrow();
      case NPS:
        return netPromoterScore(observations, weight);
      default:
        throw new IllegalStateException("unhandled aggregation " + this);
    }
  }

  static Observation newest(List<Observation> observations) {
    return observations.stream()
        .max(Comparator.comparing(Observation::observedAt))
        .orElseThrow(() -> new IllegalArgumentException("no observations"));
  }

  private static java.util.stream.DoubleStream numbers(List<Observation> observations) {
    return observations.stream().filter(o -> o.number() != null).mapToDouble(Observation::number);
  }

  private static double netPromoterScore(List<Observation> answers,
      ToDoubleFunction<Observation> weight) {
    double promoters = answers.stream().filter(o -> o.number() != null && o.number() >= 9)
        .mapToDouble(weight).sum();
    double detractors = answers.stream().filter(o -> o.number() != null && o.number() <= 6)
        .mapToDouble(weight).sum();
    return 100.0 * (promoters - detractors) / answers.stream().mapToDouble(weight).sum();
  }
}

package io.healthscore.scoring;

import java.util.Comparator;
import java.util.List;

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
    switch (this) {
      case LATEST:
        return newest(observations).number();
      case COUNT:
        return (double) observations.size();
      case SUM:
        return numbers(observations).sum();
      case MEAN:
        return numbers(observations).average().orElseThrow();
      case MIN:
        return numbers(observations).min().orElseThrow();
      case MAX:
        return numbers(observations).max().orElseThrow();
      case NPS:
        return netPromoterScore(observations);
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

  private static double netPromoterScore(List<Observation> answers) {
    long promoters = answers.stream().filter(o -> o.number() != null && o.number() >= 9).count();
    long detractors = answers.stream().filter(o -> o.number() != null && o.number() <= 6).count();
    return 100.0 * (promoters - detractors) / answers.size();
  }
}

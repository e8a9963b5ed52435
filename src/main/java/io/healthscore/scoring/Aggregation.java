package io.healthscore.scoring;

import java.util.List;
import java.util.NoSuchElementException;
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
   * As {@link #apply(List)}, each observation counting {@code weight} times (e.g. less when older);
   * LATEST, MIN and MAX ignore the weights.
   */
  public Double apply(List<Observation> observations, ToDoubleFunction<Observation> weight) {
    // Loops rather than streams: this runs for every measure of every score (recomputes score
    // millions of accounts), and a stream pipeline costs more than the arithmetic it carries.
    switch (this) {
      case LATEST:
        return newest(observations).number();
      case COUNT:
        {
          double count = 0;
          for (Observation o : observations) {
            count += weight.applyAsDouble(o);
          }
          return count;
        }
      case SUM:
      case MEAN:
        {
          double sum = 0;
          double weights = 0;
          for (Observation o : observations) {
            if (o.number() != null) {
              double w = weight.applyAsDouble(o);
              sum += w * o.number();
              weights += w;
            }
          }
          return this == SUM ? sum : sum / weights;
        }
      case MIN:
      case MAX:
        return extreme(observations, this == MAX);
      case NPS:
        return netPromoterScore(observations, weight);
      default:
        throw new IllegalStateException("unhandled aggregation " + this);
    }
  }

  /**
   * The newest observation; of two observed at the same instant, the one listed last. Callers list
   * observations in the order they were stored, new ones last, so that ties go to the signal stored
   * last, as in the database's newest signal per key (V14).
   */
  static Observation newest(List<Observation> observations) {
    if (observations.isEmpty()) {
      throw new IllegalArgumentException("no observations");
    }
    Observation newest = observations.get(0);
    for (Observation o : observations) {
      if (!o.observedAt().isBefore(newest.observedAt())) {
        newest = o;
      }
    }
    return newest;
  }

  private static double extreme(List<Observation> observations, boolean max) {
    Double extreme = null;
    for (Observation o : observations) {
      if (o.number() != null
          && (extreme == null || (max ? o.number() > extreme : o.number() < extreme))) {
        extreme = o.number();
      }
    }
    if (extreme == null) {
      throw new NoSuchElementException("no numbers");
    }
    return extreme;
  }

  private static double netPromoterScore(
      List<Observation> answers, ToDoubleFunction<Observation> weight) {
    double promoters = 0;
    double detractors = 0;
    double all = 0;
    for (Observation o : answers) {
      double w = weight.applyAsDouble(o);
      all += w;
      if (o.number() != null && o.number() >= 9) {
        promoters += w;
      } else if (o.number() != null && o.number() <= 6) {
        detractors += w;
      }
    }
    return 100.0 * (promoters - detractors) / all;
  }
}

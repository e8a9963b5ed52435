package io.healthscore.scoring;

import java.time.Duration;

/**
 * One ingredient of a score: a signal key, aggregated over a window, normalised to 0-100, weighted
 * inside its group.
 *
 * @param window how far back observations are aggregated (null: every fresh observation)
 * @param staleAfter observations older than this do not count (null: never stale)
 * @param critical a red critical measure is flagged (engines may cap the score on it)
 * @param halfLife with mean, sum, count or nps: an observation this old counts half as much as a
 *     new one, and half again per further half-life (null: all count the same)
 */
public record Measure(
    String id,
    String signal,
    Aggregation aggregation,
    Duration window,
    Duration staleAfter,
    Normaliser normaliser,
    double weight,
    boolean critical,
    Duration halfLife) {

  /** Observations older than this many half-lives weigh under 0.1 % and are not read. */
  public static final int HALF_LIVES_READ = 10;

  public Measure(
      String id,
      String signal,
      Aggregation aggregation,
      Duration window,
      Duration staleAfter,
      Normaliser normaliser,
      double weight,
      boolean critical) {
    this(id, signal, aggregation, window, staleAfter, normaliser, weight, critical, null);
  }

  /** The same measure with another weight. */
  public Measure withWeight(double newWeight) {
    return new Measure(
        id, signal, aggregation, window, staleAfter, normaliser, newWeight, critical, halfLife);
  }

  /** How far back observations matter (null: all of them). */
  public Duration horizon() {
    Duration horizon =
        window == null
            ? staleAfter
            : staleAfter == null || window.compareTo(staleAfter) > 0 ? window : staleAfter;
    if (halfLife != null) {
      Duration decayed = halfLife.multipliedBy(HALF_LIVES_READ);
      horizon = horizon == null || decayed.compareTo(horizon) < 0 ? decayed : horizon;
    }
    return horizon;
  }
}

package io.healthscore.scoring;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which observations of one signal key a scorecard can use at a given moment, so that storage reads
 * only those: every observation since {@code since}, or only the newest when {@code latestOnly}.
 * The newest observation before {@code since} is always wanted too: it tells stale from missing.
 */
public record DataNeed(String key, Instant since, boolean latestOnly) {

  public static Map<String, DataNeed> of(Scorecard scorecard, Instant now) {
    return of(List.of(scorecard), now);
  }

  /** What several scorecards need together, by signal key (see {@link #union}). */
  public static Map<String, DataNeed> of(Collection<Scorecard> scorecards, Instant now) {
    Map<String, DataNeed> needs = new LinkedHashMap<>();
    for (Scorecard scorecard : scorecards) {
      for (Measure measure : scorecard.measures()) {
        Duration horizon = measure.horizon();
        Instant since = horizon == null ? Instant.EPOCH : now.minus(horizon);
        boolean latestOnly = measure.aggregation() == Aggregation.LATEST;
        needs.merge(
            measure.signal(), new DataNeed(measure.signal(), since, latestOnly), DataNeed::union);
      }
    }
    return needs;
  }

  /** What two needs of one key want together: the earlier start, and all if either wants it. */
  public DataNeed union(DataNeed other) {
    return new DataNeed(
        key, since.isBefore(other.since) ? since : other.since, latestOnly && other.latestOnly);
  }
}

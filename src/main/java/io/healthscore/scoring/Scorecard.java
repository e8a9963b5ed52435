package io.healthscore.scoring;

import java.util.List;
import java.util.Map;

/**
 * A versioned recipe for a health score.
 *
 * @param minCoverage share of total weight (0-1) that must be present for a band other than unknown
 * @param engine id of the weighting engine that combines the measures
 * @param engineSettings the engine's settings, by name (see {@link WeightingEngine#parameters})
 * @param segments variants for groups of accounts, tried in order (see {@link Segment})
 */
public record Scorecard(
    String id,
    int version,
    String name,
    List<MeasureGroup> groups,
    Bands bands,
    double minCoverage,
    String engine,
    Map<String, String> engineSettings,
    List<Segment> segments) {

  public static final double DEFAULT_MIN_COVERAGE = 0.5;

  public Scorecard {
    groups = groups == null ? List.of() : List.copyOf(groups);
    bands = bands == null ? Bands.DEFAULT : bands;
    engine = engine == null ? WeightedMeanEngine.ID : engine;
    engineSettings = engineSettings == null ? Map.of() : Map.copyOf(engineSettings);
    segments = segments == null ? List.of() : List.copyOf(segments);
  }

  /** The first segment the account matches, or null: the scorecard applies as written. */
  public Segment segmentFor(AccountFacts account) {
    return segments.stream().filter(s -> s.matches(account)).findFirst().orElse(null);
  }

  /** The same scorecard with other bands. */
  public Scorecard withBands(Bands newBands) {
    return new Scorecard(
        id, version, name, groups, newBands, minCoverage, engine, engineSettings, segments);
  }

  /** The same scorecard with other segments. */
  public Scorecard withSegments(List<Segment> newSegments) {
    return new Scorecard(
        id, version, name, groups, bands, minCoverage, engine, engineSettings, newSegments);
  }

  public List<Measure> measures() {
    return groups.stream().flatMap(g -> g.measures().stream()).toList();
  }
}

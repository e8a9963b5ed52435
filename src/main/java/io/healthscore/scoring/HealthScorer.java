package io.healthscore.scoring;

import io.healthscore.scoring.HealthResult.Change;
import io.healthscore.scoring.HealthResult.Driver;
import io.healthscore.scoring.HealthResult.GroupResult;
import io.healthscore.scoring.HealthResult.MeasureResult;
import io.healthscore.scoring.HealthResult.Mover;
import io.healthscore.scoring.HealthResult.Previous;
import io.healthscore.scoring.WeightingEngine.Combination;
import io.healthscore.scoring.WeightingEngine.PresentMeasure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Pure function from (scorecard, observations, now, previous score) to an explained score. */
public final class HealthScorer {

  private static final int DRIVERS = 3;
  private static final int MOVERS = 3;
  private static final String CSM_SENTIMENT = "csm_sentiment";
  private static final int NEGATIVE = StandardSignals.SENTIMENT_LABELS.indexOf("negative");
  private static final int POSITIVE = StandardSignals.SENTIMENT_LABELS.indexOf("positive");

  private final Map<String, WeightingEngine> engines;

  public HealthScorer(List<WeightingEngine> engines) {
    this.engines =
        engines.stream().collect(Collectors.toUnmodifiableMap(WeightingEngine::id, e -> e));
  }

  public Set<String> engineIds() {
    return engines.keySet();
  }

  /** Scores with the variant of the scorecard for the account's segment (see {@link Segment}). */
  public HealthResult score(
      Scorecard scorecard,
      AccountFacts account,
      List<Observation> observations,
      Instant now,
      Previous previous) {
    Segment segment = scorecard.segmentFor(account);
    return scoreVariant(
        segment == null ? scorecard : segment.applyTo(scorecard),
        segment == null ? null : segment.id(),
        observations,
        now,
        previous);
  }

  /** Scores with the scorecard as written, whatever its segments. */
  public HealthResult score(
      Scorecard scorecard, List<Observation> observations, Instant now, Previous previous) {
    return scoreVariant(scorecard, null, observations, now, previous);
  }

  private HealthResult scoreVariant(
      Scorecard scorecard,
      String segment,
      List<Observation> observations,
      Instant now,
      Previous previous) {
    WeightingEngine engine = engines.get(scorecard.engine());
    if (engine == null) {
      throw new IllegalArgumentException("unknown engine " + scorecard.engine());
    }
    // Loops rather than streams here and below: scoring runs for every write and, in a
    // recompute, for every account; stream pipelines cost more than the work they carry.
    Map<String, List<Observation>> byKey = new HashMap<>();
    for (Observation o : observations) {
      byKey.computeIfAbsent(o.key(), k -> new ArrayList<>()).add(o);
    }

    double totalGroupWeight = 0;
    for (MeasureGroup group : scorecard.groups()) {
      totalGroupWeight += group.weight();
    }
    List<PresentMeasure> present = new ArrayList<>();
    Map<String, Evaluated> evaluated = new HashMap<>();
    double coverage = 0;
    for (MeasureGroup group : scorecard.groups()) {
      double groupMeasureWeight = 0;
      for (Measure measure : group.measures()) {
        groupMeasureWeight += measure.weight();
      }
      for (Measure measure : group.measures()) {
        Evaluated e = evaluate(measure, byKey.getOrDefault(measure.signal(), List.of()), now);
        evaluated.put(measure.id(), e);
        if (e.status == MeasureStatus.PRESENT) {
          present.add(new PresentMeasure(group, measure, e.normalised));
          coverage += group.weight() / totalGroupWeight * measure.weight() / groupMeasureWeight;
        }
      }
    }

    Combination nothing = new Combination(0, Map.of(), Map.of());
    Combination combination = present.isEmpty() ? nothing : engine.combine(scorecard, present);
    // An engine that cannot combine these values (e.g. a formula failing on them) gives no score
    // and an unknown band rather than a guess.
    boolean scored = !present.isEmpty() && Double.isFinite(combination.score());
    if (!scored) {
      combination = nothing;
    }
    Double score = scored ? round(clampScore(combination.score()), 1) : null;
    coverage = round(Math.min(1, coverage), 4);
    Band band =
        score == null || coverage < scorecard.minCoverage()
            ? Band.UNKNOWN
            : scorecard.bands().of(score);

    List<GroupResult> groups = new ArrayList<>();
    List<MeasureResult> allMeasures = new ArrayList<>();
    for (MeasureGroup group : scorecard.groups()) {
      List<MeasureResult> measures = new ArrayList<>();
      double groupWeight = 0;
      double groupContribution = 0;
      for (Measure measure : group.measures()) {
        Evaluated e = evaluated.get(measure.id());
        double weight = combination.effectiveWeights().getOrDefault(measure.id(), 0.0);
        double contribution = combination.contributions().getOrDefault(measure.id(), 0.0);
        groupWeight += weight;
        groupContribution += contribution;
        MeasureResult result =
            new MeasureResult(
                measure.id(),
                group.id(),
                measure.signal(),
                measure.aggregation(),
                e.status,
                e.raw,
                e.label,
                e.normalised == null ? null : round(e.normalised, 2),
                measure.weight(),
                round(weight, 4),
                round(contribution, 2),
                e.observedAt,
                e.status == MeasureStatus.STALE,
                e.count,
                measure.critical());
        measures.add(result);
        allMeasures.add(result);
      }
      Double groupScore = groupWeight > 0 ? round(groupContribution / groupWeight, 2) : null;
      groups.add(
          new GroupResult(
              group.id(),
              group.name(),
              group.weight(),
              round(groupWeight, 4),
              groupScore,
              round(groupContribution, 2),
              measures));
    }

    return new HealthResult(
        scorecard.id(),
        scorecard.version(),
        segment,
        engine.id(),
        score,
        band,
        coverage,
        groups,
        drivers(allMeasures),
        change(score, band, allMeasures, previous),
        disagreement(band, allMeasures),
        now);
  }

  /** A fresh CSM sentiment that contradicts the band, if the scorecard measures sentiment. */
  private static HealthResult.Disagreement disagreement(Band band, List<MeasureResult> measures) {
    for (MeasureResult m : measures) {
      if (!CSM_SENTIMENT.equals(m.signal())
          || m.status() != MeasureStatus.PRESENT
          || m.rawLabel() == null) {
        continue;
      }
      int position = StandardSignals.SENTIMENT_LABELS.indexOf(m.rawLabel());
      if (position >= POSITIVE && band == Band.RED) {
        return new HealthResult.Disagreement(m.rawLabel(), band, "csm_more_positive");
      }
      if (position >= 0 && position <= NEGATIVE && band == Band.GREEN) {
        return new HealthResult.Disagreement(m.rawLabel(), band, "csm_more_negative");
      }
    }
    return null;
  }

  private static List<Driver> drivers(List<MeasureResult> measures) {
    List<Driver> drivers = new ArrayList<>();
    for (MeasureResult m : measures) {
      if (m.status() == MeasureStatus.PRESENT) {
        double pointsLost = round(m.effectiveWeight() * (100 - m.normalised()), 2);
        if (pointsLost > 0) {
          drivers.add(new Driver(m.id(), m.groupId(), m.normalised(), pointsLost));
        }
      }
    }
    drivers.sort(
        Comparator.comparingDouble(Driver::pointsLost).reversed().thenComparing(Driver::measureId));
    return first(DRIVERS, drivers);
  }

  private static Change change(
      Double score, Band band, List<MeasureResult> measures, Previous previous) {
    if (previous == null) {
      return null;
    }
    List<Mover> movers = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (MeasureResult m : measures) {
      ids.add(m.id());
      addMover(
          movers, m.id(), previous.contributions().getOrDefault(m.id(), 0.0), m.contribution());
    }
    // Measures the previous score had and this scorecard no longer does moved to nothing.
    previous
        .contributions()
        .forEach(
            (id, before) -> {
              if (!ids.contains(id)) {
                addMover(movers, id, before, 0.0);
              }
            });
    movers.sort(
        Comparator.comparingDouble((Mover m) -> Math.abs(m.delta()))
            .reversed()
            .thenComparing(Mover::measureId));
    Double delta =
        score == null || previous.score() == null ? null : round(score - previous.score(), 1);
    return new Change(
        previous.score(), previous.band(), delta, band != previous.band(), first(MOVERS, movers));
  }

  private static <T> List<T> first(int n, List<T> sorted) {
    return List.copyOf(sorted.subList(0, Math.min(n, sorted.size())));
  }

  private static void addMover(List<Mover> movers, String id, double before, double after) {
    double delta = round(after - before, 2);
    if (Math.abs(delta) >= 0.01) {
      movers.add(new Mover(id, before, after, delta));
    }
  }

  private static Evaluated evaluate(Measure measure, List<Observation> observations, Instant now) {
    if (observations.isEmpty()) {
      return new Evaluated(MeasureStatus.MISSING, null, null, null, null, 0);
    }
    Observation newest = Aggregation.newest(observations);
    List<Observation> fresh =
        measure.staleAfter() == null
            ? observations
            : since(observations, now.minus(measure.staleAfter()));
    List<Observation> inWindow =
        measure.window() == null ? fresh : since(fresh, now.minus(measure.window()));
    if (measure.halfLife() != null) {
      inWindow = since(inWindow, now.minus(measure.horizon()));
    }
    Aggregation aggregation = measure.aggregation();
    if (fresh.isEmpty() || (inWindow.isEmpty() && !aggregation.emptyWindowIsZero())) {
      return new Evaluated(
          MeasureStatus.STALE, newest.number(), newest.label(), null, newest.observedAt(), 0);
    }
    List<Observation> used = aggregation == Aggregation.LATEST ? fresh : inWindow;
    // In the common case every observation of the key is used (fresh and in the window): the
    // newest found above is then the newest used. None used: an empty window of a sum or count.
    Observation newestUsed =
        used.size() == observations.size() || used.isEmpty() ? newest : Aggregation.newest(used);
    Instant observedAt = newestUsed.observedAt();
    if (aggregation == Aggregation.LATEST && newestUsed.label() != null) {
      String label = newestUsed.label();
      Double normalised = measure.normaliser().normaliseLabel(label);
      // A label the scorecard does not score counts as missing rather than as a guess.
      MeasureStatus status = normalised == null ? MeasureStatus.MISSING : MeasureStatus.PRESENT;
      return new Evaluated(status, null, label, normalised, observedAt, used.size());
    }
    double raw =
        measure.halfLife() == null
            ? aggregation.apply(used)
            : aggregation.apply(used, o -> decay(o, now, measure.halfLife()));
    return new Evaluated(
        MeasureStatus.PRESENT,
        round(raw, 4),
        null,
        measure.normaliser().normalise(raw),
        observedAt,
        used.size());
  }

  /** 1 for an observation made now, 1/2 one half-life ago, 1/4 two half-lives ago, ... */
  static double decay(Observation o, Instant now, Duration halfLife) {
    double age = Math.max(0, Duration.between(o.observedAt(), now).toMillis());
    return Math.pow(0.5, age / halfLife.toMillis());
  }

  /** The observations at or after the cutoff (the same list when all of them are). */
  private static List<Observation> since(List<Observation> observations, Instant cutoff) {
    List<Observation> kept = new ArrayList<>(observations.size());
    for (Observation o : observations) {
      if (!o.observedAt().isBefore(cutoff)) {
        kept.add(o);
      }
    }
    return kept.size() == observations.size() ? observations : kept;
  }

  private static double clampScore(double score) {
    return Math.max(0, Math.min(100, score));
  }

  private static final double[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000};
  // Scores stay within ±1e6 so scaled values keep ~1e-10 absolute precision; the nudge makes
  // decimal ties such as 2.675 (stored as 2.67499...) round half up, as written.
  private static final double TIE_NUDGE = 1e-7;

  /** Half-up rounding to at most four decimals; BigDecimal did the same at many times the cost. */
  static double round(double value, int decimals) {
    double scale = POWERS_OF_TEN[decimals];
    double rounded = Math.floor(Math.abs(value) * scale + 0.5 + TIE_NUDGE) / scale;
    return Math.copySign(rounded, value) + 0.0; // + 0.0 turns -0.0 into 0.0
  }

  private record Evaluated(
      MeasureStatus status,
      Double raw,
      String label,
      Double normalised,
      Instant observedAt,
      int count) {}
}

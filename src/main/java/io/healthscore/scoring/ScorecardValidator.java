package io.healthscore.scoring;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Finds everything wrong with a scorecard at once, so a caller can fix it in one go. */
public final class ScorecardValidator {

  /** Largest accepted weight: relative weights need no more, and sums stay finite. */
  public static final double MAX_WEIGHT = 1_000_000;

  static final String ID_PATTERN = "[a-z0-9][a-z0-9_-]{0,63}";
  static final String ID_MESSAGE = "must be 1-64 lowercase letters, digits, '_' or '-'";

  /** Group and measure ids: free text, but short (they name contributions in every score). */
  public static final int MAX_PART_ID = 64;

  static final String PART_ID_MESSAGE = "must be 1-" + MAX_PART_ID + " characters, not blank";

  private final Function<String, java.util.Optional<SignalDefinition>> signals;
  private final Map<String, WeightingEngine> engines;

  public ScorecardValidator(
      Function<String, java.util.Optional<SignalDefinition>> signals,
      List<WeightingEngine> engines) {
    this.signals = signals;
    this.engines =
        engines.stream().collect(Collectors.toUnmodifiableMap(WeightingEngine::id, e -> e));
  }

  /** The violations, each with the path of its field under {@code root}; empty when valid. */
  public List<Violation> validate(Scorecard scorecard, String root) {
    String prefix = root.isEmpty() ? "" : root + ".";
    List<Violation> violations = new ArrayList<>();
    if (scorecard.id() == null || !scorecard.id().matches(ID_PATTERN)) {
      violations.add(new Violation(prefix + "id", ID_MESSAGE));
    }
    WeightingEngine engine = engines.get(scorecard.engine());
    if (engine == null) {
      violations.add(
          new Violation(
              prefix + "engine", "unknown engine; known: " + new TreeSet<>(engines.keySet())));
    }
    validateBands(scorecard.bands(), prefix + "bands", violations);
    validateCoverage(scorecard.minCoverage(), prefix + "minCoverage", violations);
    if (scorecard.groups().isEmpty()) {
      violations.add(new Violation(prefix + "groups", "must contain at least one group"));
    }
    Set<String> measureIds = new HashSet<>();
    Set<String> groupIds = new HashSet<>();
    for (int g = 0; g < scorecard.groups().size(); g++) {
      MeasureGroup group = scorecard.groups().get(g);
      String groupPath = prefix + "groups[" + g + "]";
      if (group.id() == null || group.id().isBlank() || group.id().length() > MAX_PART_ID) {
        violations.add(new Violation(groupPath + ".id", PART_ID_MESSAGE));
      } else if (!groupIds.add(group.id())) {
        violations.add(new Violation(groupPath + ".id", "duplicate group id " + group.id()));
      }
      if (!(group.weight() > 0 && group.weight() <= MAX_WEIGHT)) {
        violations.add(
            new Violation(
                groupPath + ".weight", "must be a positive number up to " + (long) MAX_WEIGHT));
      }
      if (group.measures().isEmpty()) {
        violations.add(new Violation(groupPath + ".measures", "must contain at least one measure"));
      }
      for (int m = 0; m < group.measures().size(); m++) {
        validateMeasure(
            group.measures().get(m), groupPath + ".measures[" + m + "]", measureIds, violations);
      }
    }
    validateSegments(scorecard, prefix, groupIds, measureIds, violations);
    if (engine != null && violations.isEmpty()) {
      validateEngineSettings(engine, scorecard, prefix, violations);
    }
    return violations;
  }

  private static void validateBands(Bands bands, String path, List<Violation> violations) {
    if (!(bands.yellowFrom() > 0
        && bands.yellowFrom() < bands.greenFrom()
        && bands.greenFrom() <= 100)) {
      violations.add(new Violation(path, "must satisfy 0 < yellowFrom < greenFrom <= 100"));
    }
  }

  private static void validateCoverage(
      double minCoverage, String path, List<Violation> violations) {
    if (!(minCoverage >= 0 && minCoverage <= 1)) {
      violations.add(new Violation(path, "must be between 0 and 1"));
    }
  }

  private static void validateSegments(
      Scorecard scorecard,
      String prefix,
      Set<String> groupIds,
      Set<String> measureIds,
      List<Violation> violations) {
    Set<String> segmentIds = new HashSet<>();
    for (int i = 0; i < scorecard.segments().size(); i++) {
      Segment segment = scorecard.segments().get(i);
      String path = prefix + "segments[" + i + "]";
      if (segment.id() == null || !segment.id().matches(ID_PATTERN)) {
        violations.add(new Violation(path + ".id", ID_MESSAGE));
      } else if (!segmentIds.add(segment.id())) {
        violations.add(new Violation(path + ".id", "duplicate segment id " + segment.id()));
      }
      validateWeights(
          segment.groupWeights(), groupIds, "group", path + ".groupWeights", violations);
      validateWeights(
          segment.measureWeights(), measureIds, "measure", path + ".measureWeights", violations);
      if (segment.bands() != null) {
        validateBands(segment.bands(), path + ".bands", violations);
      }
      if (segment.minCoverage() != null) {
        validateCoverage(segment.minCoverage(), path + ".minCoverage", violations);
      }
    }
  }

  private static void validateWeights(
      Map<String, Double> weights,
      Set<String> known,
      String kind,
      String path,
      List<Violation> violations) {
    for (String id : new TreeSet<>(weights.keySet())) {
      Double weight = weights.get(id);
      if (!known.contains(id)) {
        violations.add(new Violation(path + "." + id, "is not a " + kind + " of this scorecard"));
      } else if (weight == null || !(weight > 0 && weight <= MAX_WEIGHT)) {
        violations.add(
            new Violation(path + "." + id, "must be a positive number up to " + (long) MAX_WEIGHT));
      }
    }
  }

  // Only once the rest is valid: engine checks (e.g. a formula naming measures) rely on it.
  private static void validateEngineSettings(
      WeightingEngine engine, Scorecard scorecard, String prefix, List<Violation> violations) {
    Set<String> known = new HashSet<>();
    for (WeightingEngine.Parameter parameter : engine.parameters()) {
      known.add(parameter.name());
      if (parameter.required() && !scorecard.engineSettings().containsKey(parameter.name())) {
        violations.add(
            new Violation(
                prefix + "engineSettings." + parameter.name(),
                "is required by engine " + engine.id()));
      }
    }
    for (String name : new TreeSet<>(scorecard.engineSettings().keySet())) {
      if (!known.contains(name)) {
        violations.add(
            new Violation(
                prefix + "engineSettings." + name,
                "is not a setting of engine " + engine.id() + "; known: " + new TreeSet<>(known)));
      }
    }
    if (violations.isEmpty()) {
      violations.addAll(engine.validate(scorecard, prefix + "engineSettings"));
    }
  }

  private void validateMeasure(
      Measure measure, String path, Set<String> measureIds, List<Violation> violations) {
    if (measure.id() == null || measure.id().isBlank() || measure.id().length() > MAX_PART_ID) {
      violations.add(new Violation(path + ".id", PART_ID_MESSAGE));
    } else if (!measureIds.add(measure.id())) {
      violations.add(new Violation(path + ".id", "duplicate measure id " + measure.id()));
    }
    if (!(measure.weight() > 0 && measure.weight() <= MAX_WEIGHT)) {
      violations.add(
          new Violation(path + ".weight", "must be a positive number up to " + (long) MAX_WEIGHT));
    }
    if (measure.aggregation() == null) {
      violations.add(new Violation(path + ".aggregation", "is required"));
    }
    if (measure.window() != null && (measure.window().isNegative() || measure.window().isZero())) {
      violations.add(new Violation(path + ".window", "must be a positive duration"));
    }
    if (measure.staleAfter() != null
        && (measure.staleAfter().isNegative() || measure.staleAfter().isZero())) {
      violations.add(new Violation(path + ".staleAfter", "must be a positive duration"));
    }
    if (measure.halfLife() != null) {
      if (measure.halfLife().isNegative() || measure.halfLife().isZero()) {
        violations.add(new Violation(path + ".halfLife", "must be a positive duration"));
      } else if (measure.aggregation() != null && !measure.aggregation().weighsObservations()) {
        violations.add(
            new Violation(
                path + ".halfLife",
                "needs an aggregation over several observations: mean, sum, count or nps"));
      }
    }
    var definition =
        measure.signal() == null
            ? java.util.Optional.<SignalDefinition>empty()
            : signals.apply(measure.signal());
    if (definition.isEmpty()) {
      violations.add(new Violation(path + ".signal", "unknown signal key " + measure.signal()));
    }
    if (measure.normaliser() == null) {
      violations.add(new Violation(path + ".normaliser", "is required"));
      return;
    }
    violations.addAll(measure.normaliser().validate(path + ".normaliser"));
    if (definition.isPresent() && measure.aggregation() != null) {
      boolean labels = definition.get().type() == SignalType.LABEL;
      boolean producesLabel = labels && measure.aggregation() == Aggregation.LATEST;
      if (labels && !measure.aggregation().acceptsLabels()) {
        violations.add(
            new Violation(
                path + ".aggregation",
                "label signal " + measure.signal() + " can only be aggregated with latest"));
      } else if (producesLabel != (measure.normaliser() instanceof Normaliser.LabelMap)) {
        violations.add(
            new Violation(
                path + ".normaliser.type",
                producesLabel
                    ? "label signal " + measure.signal() + " needs a labels normaliser"
                    : "a labels normaliser needs a label signal"));
      } else if (producesLabel) {
        for (String label : ((Normaliser.LabelMap) measure.normaliser()).scores().keySet()) {
          if (!definition.get().labels().contains(label)) {
            violations.add(
                new Violation(
                    path + ".normaliser.scores." + label, "is not a label of " + measure.signal()));
          }
        }
      }
    }
  }
}

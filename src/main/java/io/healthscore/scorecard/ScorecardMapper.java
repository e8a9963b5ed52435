package io.healthscore.scorecard;

import io.healthscore.common.ApiProblem;
import io.healthscore.common.FieldError;
import io.healthscore.scorecard.ScorecardDefinition.GroupDefinition;
import io.healthscore.scorecard.ScorecardDefinition.MeasureDefinition;
import io.healthscore.scorecard.ScorecardDefinition.NormaliserDefinition;
import io.healthscore.scorecard.ScorecardDefinition.StepDefinition;
import io.healthscore.scoring.Aggregation;
import io.healthscore.scoring.Bands;
import io.healthscore.scoring.Measure;
import io.healthscore.scoring.MeasureGroup;
import io.healthscore.scoring.Normaliser;
import io.healthscore.scoring.Scorecard;
import io.healthscore.scoring.ScorecardValidator;
import io.healthscore.scoring.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/** Converts between the wire form of a scorecard and the scoring core's model, validating it. */
public final class ScorecardMapper {

  private ScorecardMapper() {}

  /** The scorecard, or a 400 problem naming every invalid field under {@code root}. */
  public static Scorecard toScorecard(ScorecardDefinition definition, String root,
      ScorecardValidator validator) {
    String prefix = root.isEmpty() ? "" : root + ".";
    List<Violation> violations = new ArrayList<>();
    if (definition == null) {
      throw ApiProblem.invalid(root.isEmpty() ? "body" : root, "is required");
    }
    List<MeasureGroup> groups = new ArrayList<>();
    List<GroupDefinition> groupDefinitions =
        definition.groups() == null ? List.of() : definition.groups();
    for (int g = 0; g < groupDefinitions.size(); g++) {
      GroupDefinition group = groupDefinitions.get(g);
      String groupPath = prefix + "groups[" + g + "]";
      if (group == null) {
        violations.add(new Violation(groupPath, "must not be null"));
        continue;
      }
      List<Measure> measures = new ArrayList<>();
      List<MeasureDefinition> measureDefinitions =
          group.measures() == null ? List.of() : group.measures();
      for (int m = 0; m < measureDefinitions.size(); m++) {
        String measurePath = groupPath + ".measures[" + m + "]";
        MeasureDefinition measure = measureDefinitions.get(m);
        if (measure == null) {
          violations.add(new Violation(measurePath, "must not be null"));
          continue;
        }
        measures.add(new Measure(measure.id(), measure.signal(),
            aggregation(measure.aggregation(), measurePath, violations), measure.window(),
            measure.staleAfter(), normaliser(measure.normaliser(), measurePath, violations),
            required(measure.weight(), measurePath + ".weight", violations),
            Boolean.TRUE.equals(measure.critical())));
      }
      groups.add(new MeasureGroup(group.id(), group.name() == null ? group.id() : group.name(),
          required(group.weight(), groupPath + ".weight", violations), measures));
    }
    Bands bands = definition.bands() == null ? Bands.DEFAULT
        : new Bands(
            required(definition.bands().yellowFrom(), prefix + "bands.yellowFrom", violations),
            required(definition.bands().greenFrom(), prefix + "bands.greenFrom", violations));
    Scorecard scorecard = new Scorecard(definition.id(),
        definition.version() == null ? 1 : definition.version(),
        definition.name() == null ? definition.id() : definition.name(), groups, bands,
        definition.minCoverage() == null ? Scorecard.DEFAULT_MIN_COVERAGE
            : definition.minCoverage(),
        definition.engine(), definition.engineSettings());
    violations.addAll(validator.validate(scorecard, root));
    if (!violations.isEmpty()) {
      throw ApiProblem.invalid(violations.stream()
          .map(v -> new FieldError(v.field(), v.message()))
          .distinct()
          .toList());
    }
    return scorecard;
  }

  public static ScorecardDefinition toDefinition(Scorecard scorecard) {
    return new ScorecardDefinition(scorecard.id(), scorecard.version(), scorecard.name(),
        scorecard.engine(),
        scorecard.engineSettings().isEmpty() ? null : new TreeMap<>(scorecard.engineSettings()),
        scorecard.minCoverage(),
        new ScorecardDefinition.BandsDefinition(scorecard.bands().yellowFrom(),
            scorecard.bands().greenFrom()),
        scorecard.groups().stream()
            .map(g -> new GroupDefinition(g.id(), g.name(), g.weight(), g.measures().stream()
                .map(m -> new MeasureDefinition(m.id(), m.signal(),
                    m.aggregation().name().toLowerCase(Locale.ROOT), m.window(), m.staleAfter(),
                    toDefinition(m.normaliser()), m.weight(), m.critical()))
                .toList()))
            .toList());
  }

  private static NormaliserDefinition toDefinition(Normaliser normaliser) {
    if (normaliser instanceof Normaliser.LinearRange r) {
      return new NormaliserDefinition("range", r.min(), r.max(), null, null, null, null);
    }
    if (normaliser instanceof Normaliser.InvertedRange r) {
      return new NormaliserDefinition("inverted_range", r.min(), r.max(), null, null, null, null);
    }
    if (normaliser instanceof Normaliser.Steps s) {
      return new NormaliserDefinition("steps", null, null,
          s.steps().stream().map(st -> new StepDefinition(st.from(), st.score())).toList(), null,
          null, null);
    }
    if (normaliser instanceof Normaliser.LabelMap l) {
      return new NormaliserDefinition("labels", null, null, null,
          new java.util.TreeMap<>(l.scores()), null, null);
    }
    Normaliser.BooleanMap b = (Normaliser.BooleanMap) normaliser;
    return new NormaliserDefinition("boolean", null, null, null, null, b.whenTrue(), b.whenFalse());
  }

  private static Aggregation aggregation(String name, String path, List<Violation> violations) {
    if (name == null) {
      return null; // the validator reports it
    }
    try {
      return Aggregation.valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      violations.add(new Violation(path + ".aggregation",
          "must be one of latest, mean, sum, count, min, max, nps"));
      return Aggregation.LATEST;
    }
  }

  private static Normaliser normaliser(NormaliserDefinition n, String measurePath,
      List<Violation> violations) {
    String path = measurePath + ".normaliser";
    if (n == null) {
      return null; // the validator reports it
    }
    String type = n.type() == null ? "" : n.type();
    switch (type) {
      case "range":
        return new Normaliser.LinearRange(required(n.min(), path + ".min", violations),
            required(n.max(), path + ".max", violations));
      case "inverted_range":
        return new Normaliser.InvertedRange(required(n.min(), path + ".min", violations),
            required(n.max(), path + ".max", violations));
      case "steps":
        List<Normaliser.Step> steps = new ArrayList<>();
        List<StepDefinition> definitions = n.steps() == null ? List.of() : n.steps();
        for (int i = 0; i < definitions.size(); i++) {
          StepDefinition step = definitions.get(i);
          String stepPath = path + ".steps[" + i + "]";
          if (step == null) {
            violations.add(new Violation(stepPath, "must not be null"));
            continue;
          }
          steps.add(new Normaliser.Step(required(step.from(), stepPath + ".from", violations),
              required(step.score(), stepPath + ".score", violations)));
        }
        return new Normaliser.Steps(steps);
      case "labels":
        if (n.scores() != null && n.scores().containsValue(null)) {
          violations.add(new Violation(path + ".scores", "must not contain null scores"));
          return new Normaliser.LabelMap(java.util.Map.of());
        }
        return new Normaliser.LabelMap(n.scores());
      case "boolean":
        return new Normaliser.BooleanMap(n.whenTrue() == null ? 100 : n.whenTrue(),
            n.whenFalse() == null ? 0 : n.whenFalse());
      default:
        violations.add(new Violation(path + ".type",
            "must be one of range, inverted_range, steps, labels, boolean"));
        return new Normaliser.LinearRange(0, 1);
    }
  }

  private static double required(Double value, String path, List<Violation> violations) {
    if (value == null) {
      violations.add(new Violation(path, "is required"));
      return 1;
    }
    if (!Double.isFinite(value)) {
      violations.add(new Violation(path, "must be a finite number"));
      return 1;
    }
    return value;
  }
}

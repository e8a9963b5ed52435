package io.healthscore.health;

import io.healthscore.common.ApiProblem;
import io.healthscore.common.FieldError;
import io.healthscore.health.ScorecardDefinition.BandsDefinition;
import io.healthscore.health.ScorecardDefinition.ConditionDefinition;
import io.healthscore.health.ScorecardDefinition.GroupDefinition;
import io.healthscore.health.ScorecardDefinition.MeasureDefinition;
import io.healthscore.health.ScorecardDefinition.NormaliserDefinition;
import io.healthscore.health.ScorecardDefinition.SegmentDefinition;
import io.healthscore.health.ScorecardDefinition.StepDefinition;
import io.healthscore.scoring.Aggregation;
import io.healthscore.scoring.Bands;
import io.healthscore.scoring.Measure;
import io.healthscore.scoring.MeasureGroup;
import io.healthscore.scoring.Normaliser;
import io.healthscore.scoring.Scorecard;
import io.healthscore.scoring.ScorecardValidator;
import io.healthscore.scoring.Segment;
import io.healthscore.scoring.Segment.Condition;
import io.healthscore.scoring.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/** Converts between the wire form of a scorecard and the scoring core's model, validating it. */
public final class ScorecardMapper {

  private ScorecardMapper() {}

  /** The scorecard, or a 400 problem naming every invalid field under {@code root}. */
  public static Scorecard toScorecard(
      ScorecardDefinition definition, String root, ScorecardValidator validator) {
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
        measures.add(
            new Measure(
                measure.id(),
                measure.signal(),
                aggregation(measure.aggregation(), measurePath, violations),
                measure.window(),
                measure.staleAfter(),
                normaliser(measure.normaliser(), measurePath, violations),
                required(measure.weight(), measurePath + ".weight", violations),
                Boolean.TRUE.equals(measure.critical()),
                measure.halfLife()));
      }
      groups.add(
          new MeasureGroup(
              group.id(),
              group.name() == null ? group.id() : group.name(),
              required(group.weight(), groupPath + ".weight", violations),
              measures));
    }
    Bands bands =
        definition.bands() == null
            ? Bands.DEFAULT
            : bands(definition.bands(), prefix + "bands", violations);
    List<Segment> segments = new ArrayList<>();
    List<SegmentDefinition> segmentDefinitions =
        definition.segments() == null ? List.of() : definition.segments();
    for (int i = 0; i < segmentDefinitions.size(); i++) {
      String path = prefix + "segments[" + i + "]";
      SegmentDefinition segment = segmentDefinitions.get(i);
      if (segment == null) {
        violations.add(new Violation(path, "must not be null"));
        continue;
      }
      segments.add(
          new Segment(
              segment.id(),
              conditions(segment.when(), path, violations),
              segment.groupWeights(),
              segment.measureWeights(),
              segment.bands() == null ? null : bands(segment.bands(), path + ".bands", violations),
              segment.minCoverage()));
    }
    Scorecard scorecard =
        new Scorecard(
            definition.id(),
            definition.version() == null ? 1 : definition.version(),
            definition.name() == null ? definition.id() : definition.name(),
            groups,
            bands,
            definition.minCoverage() == null
                ? Scorecard.DEFAULT_MIN_COVERAGE
                : definition.minCoverage(),
            definition.engine(),
            definition.engineSettings(),
            segments);
    violations.addAll(validator.validate(scorecard, root));
    if (!violations.isEmpty()) {
      throw ApiProblem.invalid(
          violations.stream().map(v -> new FieldError(v.field(), v.message())).distinct().toList());
    }
    return scorecard;
  }

  private static Bands bands(BandsDefinition bands, String path, List<Violation> violations) {
    return new Bands(
        required(bands.yellowFrom(), path + ".yellowFrom", violations),
        required(bands.greenFrom(), path + ".greenFrom", violations));
  }

  private static List<Condition> conditions(
      List<ConditionDefinition> definitions, String path, List<Violation> violations) {
    List<Condition> conditions = new ArrayList<>();
    if (definitions == null || definitions.isEmpty()) {
      violations.add(new Violation(path + ".when", "must contain at least one condition"));
      return conditions;
    }
    for (int i = 0; i < definitions.size(); i++) {
      String conditionPath = path + ".when[" + i + "]";
      ConditionDefinition c = definitions.get(i);
      if (c == null || c.attribute() == null || c.attribute().isBlank()) {
        violations.add(new Violation(conditionPath + ".attribute", "is required"));
        continue;
      }
      boolean range = c.min() != null || c.max() != null;
      int kinds = (c.equals() != null ? 1 : 0) + (c.in() != null ? 1 : 0) + (range ? 1 : 0);
      if (kinds != 1) {
        violations.add(
            new Violation(conditionPath, "must have exactly one of equals, in, or min/max"));
      } else if (c.equals() != null) {
        conditions.add(new Condition.Equals(c.attribute(), c.equals()));
      } else if (c.in() != null) {
        if (c.in().isEmpty() || c.in().contains(null)) {
          violations.add(new Violation(conditionPath + ".in", "must list at least one value"));
        } else {
          conditions.add(new Condition.In(c.attribute(), c.in()));
        }
      } else if (c.min() != null && c.max() != null && !(c.min() < c.max())) {
        violations.add(new Violation(conditionPath, "min must be below max"));
      } else {
        conditions.add(new Condition.Range(c.attribute(), c.min(), c.max()));
      }
    }
    return conditions;
  }

  public static ScorecardDefinition toDefinition(Scorecard scorecard) {
    return new ScorecardDefinition(
        scorecard.id(),
        scorecard.version(),
        scorecard.name(),
        scorecard.engine(),
        scorecard.engineSettings().isEmpty() ? null : new TreeMap<>(scorecard.engineSettings()),
        scorecard.minCoverage(),
        new ScorecardDefinition.BandsDefinition(
            scorecard.bands().yellowFrom(), scorecard.bands().greenFrom()),
        scorecard.groups().stream()
            .map(
                g ->
                    new GroupDefinition(
                        g.id(),
                        g.name(),
                        g.weight(),
                        g.measures().stream()
                            .map(
                                m ->
                                    new MeasureDefinition(
                                        m.id(),
                                        m.signal(),
                                        m.aggregation().wireName(),
                                        m.window(),
                                        m.staleAfter(),
                                        toDefinition(m.normaliser()),
                                        m.weight(),
                                        m.critical(),
                                        m.halfLife()))
                            .toList()))
            .toList(),
        scorecard.segments().isEmpty()
            ? null
            : scorecard.segments().stream().map(ScorecardMapper::toDefinition).toList());
  }

  private static ConditionDefinition toDefinition(Condition condition) {
    if (condition instanceof Condition.Equals e) {
      return new ConditionDefinition(e.attribute(), e.value(), null, null, null);
    }
    if (condition instanceof Condition.In in) {
      return new ConditionDefinition(in.attribute(), null, in.values(), null, null);
    }
    Condition.Range r = (Condition.Range) condition;
    return new ConditionDefinition(r.attribute(), null, null, r.min(), r.max());
  }

  private static SegmentDefinition toDefinition(Segment segment) {
    return new SegmentDefinition(
        segment.id(),
        segment.when().stream().map(ScorecardMapper::toDefinition).toList(),
        segment.groupWeights().isEmpty() ? null : new TreeMap<>(segment.groupWeights()),
        segment.measureWeights().isEmpty() ? null : new TreeMap<>(segment.measureWeights()),
        segment.bands() == null
            ? null
            : new BandsDefinition(segment.bands().yellowFrom(), segment.bands().greenFrom()),
        segment.minCoverage());
  }

  private static NormaliserDefinition toDefinition(Normaliser normaliser) {
    if (normaliser instanceof Normaliser.LinearRange r) {
      return new NormaliserDefinition("range", r.min(), r.max(), null, null, null, null);
    }
    if (normaliser instanceof Normaliser.InvertedRange r) {
      return new NormaliserDefinition("inverted_range", r.min(), r.max(), null, null, null, null);
    }
    if (normaliser instanceof Normaliser.Steps s) {
      return new NormaliserDefinition(
          "steps",
          null,
          null,
          s.steps().stream().map(st -> new StepDefinition(st.from(), st.score())).toList(),
          null,
          null,
          null);
    }
    if (normaliser instanceof Normaliser.LabelMap l) {
      return new NormaliserDefinition(
          "labels", null, null, null, new java.util.TreeMap<>(l.scores()), null, null);
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
      violations.add(
          new Violation(
              path + ".aggregation", "must be one of latest, mean, sum, count, min, max, nps"));
      return Aggregation.LATEST;
    }
  }

  private static Normaliser normaliser(
      NormaliserDefinition n, String measurePath, List<Violation> violations) {
    String path = measurePath + ".normaliser";
    if (n == null) {
      return null; // the validator reports it
    }
    String type = n.type() == null ? "" : n.type();
    switch (type) {
      case "range":
        return new Normaliser.LinearRange(
            required(n.min(), path + ".min", violations),
            required(n.max(), path + ".max", violations));
      case "inverted_range":
        return new Normaliser.InvertedRange(
            required(n.min(), path + ".min", violations),
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
          steps.add(
              new Normaliser.Step(
                  required(step.from(), stepPath + ".from", violations),
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
        return new Normaliser.BooleanMap(
            n.whenTrue() == null ? 100 : n.whenTrue(), n.whenFalse() == null ? 0 : n.whenFalse());
      default:
        violations.add(
            new Violation(
                path + ".type", "must be one of range, inverted_range, steps, labels, boolean"));
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

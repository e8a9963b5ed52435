package io.healthscore.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns a raw measure value into a 0-100 score where 100 is healthiest. */
public sealed interface Normaliser {

  /** Score of a numeric raw value; always within 0-100. */
  double normalise(double value);

  /** Score of a label; only label maps accept labels. */
  default Double normaliseLabel(String label) {
    return null;
  }

  /** Checks the parameters; {@code path} prefixes every violation's field. */
  List<Violation> validate(String path);

  /** Linear from {@code min} (0 points) to {@code max} (100 points), clamped outside. */
  record LinearRange(double min, double max) implements Normaliser {
    @Override
    public double normalise(double value) {
      return clamp(100.0 * (value - min) / (max - min));
    }

    @Override
    public List<Violation> validate(String path) {
      return rangeViolations(path, min, max);
    }
  }

  /** Linear from {@code min} (100 points) to {@code max} (0 points): for "lower is better". */
  record InvertedRange(double min, double max) implements Normaliser {
    @Override
    public double normalise(double value) {
      return clamp(100.0 * (max - value) / (max - min));
    }

    @Override
    public List<Violation> validate(String path) {
      return rangeViolations(path, min, max);
    }
  }

  /**
   * Thresholds: the score of the last step whose {@code from} is at most the value; values below
   * the first step get the first step's score.
   */
  record Steps(List<Step> steps) implements Normaliser {
    public Steps {
      steps = steps == null ? List.of() : List.copyOf(steps);
    }

    @Override
    public double normalise(double value) {
      double score = steps.get(0).score();
      for (Step step : steps) {
        if (value >= step.from()) {
          score = step.score();
        }
      }
      return clamp(score);
    }

    @Override
    public List<Violation> validate(String path) {
      List<Violation> violations = new ArrayList<>();
      if (steps.isEmpty()) {
        violations.add(new Violation(path + ".steps", "must contain at least one step"));
      }
      for (int i = 0; i < steps.size(); i++) {
        Step step = steps.get(i);
        if (!Double.isFinite(step.from())) {
          violations.add(new Violation(path + ".steps[" + i + "].from", "must be a finite number"));
        }
        if (!(step.score() >= 0 && step.score() <= 100)) {
          violations.add(
              new Violation(path + ".steps[" + i + "].score", "must be between 0 and 100"));
        }
        if (i > 0 && !(step.from() > steps.get(i - 1).from())) {
          violations.add(
              new Violation(
                  path + ".steps[" + i + "].from",
                  "must be greater than the previous step's from"));
        }
      }
      return violations;
    }
  }

  record Step(double from, double score) {}

  /** A fixed score per label. */
  record LabelMap(Map<String, Double> scores) implements Normaliser {
    public LabelMap {
      scores = scores == null ? Map.of() : Map.copyOf(scores);
    }

    @Override
    public double normalise(double value) {
      throw new IllegalArgumentException("a label map scores labels, not numbers");
    }

    @Override
    public Double normaliseLabel(String label) {
      return scores.get(label);
    }

    @Override
    public List<Violation> validate(String path) {
      List<Violation> violations = new ArrayList<>();
      if (scores.isEmpty()) {
        violations.add(new Violation(path + ".scores", "must map at least one label"));
      }
      scores.forEach(
          (label, score) -> {
            if (score == null || !(score >= 0 && score <= 100)) {
              violations.add(new Violation(path + ".scores." + label, "must be between 0 and 100"));
            }
          });
      return violations;
    }
  }

  /** A score for true (1) and one for false (0). */
  record BooleanMap(double whenTrue, double whenFalse) implements Normaliser {
    @Override
    public double normalise(double value) {
      return value >= 0.5 ? whenTrue : whenFalse;
    }

    @Override
    public List<Violation> validate(String path) {
      List<Violation> violations = new ArrayList<>();
      if (!(whenTrue >= 0 && whenTrue <= 100)) {
        violations.add(new Violation(path + ".whenTrue", "must be between 0 and 100"));
      }
      if (!(whenFalse >= 0 && whenFalse <= 100)) {
        violations.add(new Violation(path + ".whenFalse", "must be between 0 and 100"));
      }
      return violations;
    }
  }

  private static double clamp(double score) {
    return Math.max(0, Math.min(100, score));
  }

  private static List<Violation> rangeViolations(String path, double min, double max) {
    if (!Double.isFinite(min) || !Double.isFinite(max) || !Double.isFinite(max - min)) {
      return List.of(new Violation(path, "min and max must be finite numbers"));
    }
    if (!(min < max)) {
      return List.of(new Violation(path + ".max", "must be greater than min"));
    }
    return List.of();
  }
}

package io.healthscore.scoring;

import java.util.List;

/**
 * What a signal key means and which values it accepts.
 *
 * @param min smallest accepted number (null: unbounded); numbers only
 * @param max largest accepted number (null: unbounded); numbers only
 * @param integer whether only whole numbers are accepted
 * @param labels the accepted labels, worst first; labels only
 * @param ingredient the health-score ingredient the signal belongs to
 * @param dear the DEAR stage (deployment, engagement, adoption, roi) or null
 */
public record SignalDefinition(
    String key,
    SignalType type,
    Double min,
    Double max,
    boolean integer,
    List<String> labels,
    String unit,
    String ingredient,
    String dear,
    String description) {

  public SignalDefinition {
    labels = labels == null ? List.of() : List.copyOf(labels);
  }

  /** Returns why the value is not acceptable for this key, or null when it is. */
  public String rejectNumber(double value) {
    if (type == SignalType.LABEL) {
      return "must be one of " + labels;
    }
    if (type == SignalType.BOOLEAN) {
      return "must be true or false";
    }
    if (!Double.isFinite(value)) {
      return "must be a finite number";
    }
    if ((min != null && value < min) || (max != null && value > max)) {
      return "must be between " + format(min) + " and " + format(max);
    }
    if (integer && value != Math.rint(value)) {
      return "must be a whole number";
    }
    return null;
  }

  public String rejectLabel(String label) {
    if (type != SignalType.LABEL) {
      return type == SignalType.BOOLEAN ? "must be true or false" : "must be a number";
    }
    return labels.contains(label) ? null : "must be one of " + labels;
  }

  public String rejectBoolean() {
    return type == SignalType.BOOLEAN
        ? null
        : type == SignalType.LABEL ? "must be one of " + labels : "must be a number";
  }

  private static String format(Double bound) {
    if (bound == null) {
      return "unbounded";
    }
    return bound == Math.rint(bound) ? Long.toString(bound.longValue()) : bound.toString();
  }
}

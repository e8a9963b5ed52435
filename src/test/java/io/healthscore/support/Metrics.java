package io.healthscore.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Samples read from the service's Prometheus text (/q/metrics), exemplars and all. */
public final class Metrics {

  // name{labels} value [# {exemplar labels} value timestamp]: exemplars appear with tracing on.
  private static final Pattern VALUE = Pattern.compile(" ([0-9.eE+-]+|NaN)(?: # \\{.*)?$");

  private Metrics() {}

  /** The value of the first sample whose line starts with the name and has all the labels. */
  public static double sample(String metrics, String name, String... labels) {
    for (String line : metrics.split("\n")) {
      if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) {
        continue;
      }
      String series = line.split(" # ", 2)[0];
      boolean all = true;
      for (String label : labels) {
        all &= series.contains(label);
      }
      if (all) {
        Matcher m = VALUE.matcher(line);
        assertTrue(m.find(), line);
        return Double.parseDouble(m.group(1));
      }
    }
    throw new AssertionError("no sample " + name + " with " + String.join(",", labels));
  }

  /** Like {@link #sample}, 0 when there is no such sample yet (a counter not yet counted). */
  public static double value(String metrics, String name, String... labels) {
    try {
      return sample(metrics, name, labels);
    } catch (AssertionError absent) {
      return 0;
    }
  }
}

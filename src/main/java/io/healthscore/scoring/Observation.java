package io.healthscore.scoring;

import java.time.Instant;
import java.util.Objects;

/**
 * One signal value observed for an account. Numbers and booleans (1 or 0) are in {@code number};
 * labels are in {@code label}.
 */
public record Observation(String key, Double number, String label, Instant observedAt) {

  public Observation {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(observedAt, "observedAt");
    if ((number == null) == (label == null)) {
      throw new IllegalArgumentException("exactly one of number and label must be set");
    }
  }

  public static Observation number(String key, double value, Instant observedAt) {
    return new Observation(key, value, null, observedAt);
  }

  public static Observation label(String key, String value, Instant observedAt) {
    return new Observation(key, null, value, observedAt);
  }
}

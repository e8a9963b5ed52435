package io.healthscore.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.io.NumberOutput;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ShortDecimalsTest {

  /** What Jackson's own (fast) writer prints, which the short path must equal to the byte. */
  static String jackson(double value) {
    return NumberOutput.toString(value, true);
  }

  static String shortPath(double value) {
    char[] out = new char[24];
    int length = ShortDecimals.write(value, out);
    return length == 0 ? null : new String(out, 0, length);
  }

  @Test
  void short_decimals_print_as_jackson_prints_them() {
    Random random = new Random(20261129);
    int shortOnes = 0;
    for (int i = 0; i < 200_000; i++) {
      int decimals = random.nextInt(5);
      double scale = Math.pow(10, decimals);
      double magnitude = Math.pow(10, random.nextInt(12) - 4);
      double value = Math.round((random.nextDouble() - 0.3) * magnitude * scale) / scale;
      String printed = shortPath(value);
      if (printed != null) {
        shortOnes++;
        assertEquals(jackson(value), printed, "value " + value);
      }
    }
    // Most of them are short decimals in plain notation: the comparison above is not vacuous.
    assertEquals(true, shortOnes > 100_000, "short decimals seen: " + shortOnes);
  }

  @Test
  void edges_print_as_jackson_prints_them_or_go_to_jackson() {
    for (double value :
        new double[] {
          0.0,
          1.0,
          -1.0,
          0.001,
          -0.001,
          0.0015,
          9_999_999.9999,
          1234567.5,
          50.0,
          0.2,
          0.0784,
          2.675,
          100.0,
          10.0,
          0.1,
          0.01
        }) {
      assertEquals(jackson(value), shortPath(value), "value " + value);
    }
    for (double value :
        new double[] {
          -0.0,
          0.0009,
          1e7,
          12_345_678.0,
          0.12345,
          1.0 / 3,
          Double.NaN,
          Double.POSITIVE_INFINITY,
          Double.MIN_VALUE,
          5e-4
        }) {
      assertEquals(null, shortPath(value), "value " + value);
    }
  }

  @Test
  void a_mapper_with_it_writes_the_same_json_as_without() throws Exception {
    ObjectMapper plain = new ObjectMapper();
    ObjectMapper withShortPath =
        new ObjectMapper()
            .registerModule(
                new SimpleModule()
                    .addSerializer(Double.class, new ShortDecimals())
                    .addSerializer(Double.TYPE, new ShortDecimals()));
    record Weights(double weight, Double score, double[] raw, List<Double> list) {}
    Object value =
        Map.of(
            "w",
            new Weights(
                0.0784, 64.3, new double[] {1.5, 1.0 / 3}, List.of(0.5, -0.0, 7.25e-5, 12.0)));
    assertEquals(plain.writeValueAsString(value), withShortPath.writeValueAsString(value));
  }
}

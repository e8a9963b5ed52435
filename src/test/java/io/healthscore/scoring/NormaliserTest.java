package io.healthscore.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NormaliserTest {

  @Test
  void linear_range_maps_min_to_0_and_max_to_100_and_clamps_outside() {
    Normaliser n = new Normaliser.LinearRange(-100, 100);
    assertEquals(0, n.normalise(-100), 1e-9);
    assertEquals(50, n.normalise(0), 1e-9);
    assertEquals(75, n.normalise(50), 1e-9);
    assertEquals(100, n.normalise(100), 1e-9);
    assertEquals(0, n.normalise(-500), 1e-9);
    assertEquals(100, n.normalise(1e9), 1e-9);
  }

  @Test
  void inverted_range_scores_lower_values_higher() {
    Normaliser n = new Normaliser.InvertedRange(0, 20);
    assertEquals(100, n.normalise(0), 1e-9);
    assertEquals(75, n.normalise(5), 1e-9);
    assertEquals(0, n.normalise(20), 1e-9);
    assertEquals(0, n.normalise(45), 1e-9);
    assertEquals(100, n.normalise(-3), 1e-9);
  }

  @Test
  void steps_take_the_last_step_reached_and_the_first_step_below_it() {
    Normaliser n =
        new Normaliser.Steps(
            List.of(
                new Normaliser.Step(0, 100),
                new Normaliser.Step(1, 60),
                new Normaliser.Step(3, 25),
                new Normaliser.Step(5, 0)));
    assertEquals(100, n.normalise(-1), 1e-9);
    assertEquals(100, n.normalise(0), 1e-9);
    assertEquals(100, n.normalise(0.99), 1e-9);
    assertEquals(60, n.normalise(1), 1e-9);
    assertEquals(60, n.normalise(2.5), 1e-9);
    assertEquals(25, n.normalise(3), 1e-9);
    assertEquals(0, n.normalise(5), 1e-9);
    assertEquals(0, n.normalise(500), 1e-9);
  }

  @Test
  void label_map_scores_known_labels_only() {
    Normaliser n = new Normaliser.LabelMap(Map.of("positive", 75.0, "negative", 25.0));
    assertEquals(75.0, n.normaliseLabel("positive"));
    assertNull(n.normaliseLabel("ecstatic"));
    assertThrows(IllegalArgumentException.class, () -> n.normalise(1));
  }

  @Test
  void boolean_map_scores_true_and_false() {
    Normaliser n = new Normaliser.BooleanMap(100, 20);
    assertEquals(100, n.normalise(1), 1e-9);
    assertEquals(20, n.normalise(0), 1e-9);
  }

  @Test
  void rejects_inconsistent_parameters_with_field_paths() {
    assertEquals(
        List.of(new Violation("n.max", "must be greater than min")),
        new Normaliser.LinearRange(5, 5).validate("n"));
    assertEquals(
        List.of(new Violation("n.max", "must be greater than min")),
        new Normaliser.InvertedRange(10, 0).validate("n"));
    assertEquals(
        List.of(new Violation("n", "min and max must be finite numbers")),
        new Normaliser.LinearRange(0, Double.POSITIVE_INFINITY).validate("n"));
    List<Violation> steps =
        new Normaliser.Steps(
                List.of(
                    new Normaliser.Step(0, 100),
                    new Normaliser.Step(0, 50),
                    new Normaliser.Step(1, 120)))
            .validate("n");
    assertTrue(
        steps.contains(
            new Violation("n.steps[1].from", "must be greater than the previous step's from")),
        steps::toString);
    assertTrue(steps.contains(new Violation("n.steps[2].score", "must be between 0 and 100")));
    assertEquals(
        List.of(new Violation("n.steps", "must contain at least one step")),
        new Normaliser.Steps(List.of()).validate("n"));
    assertEquals(
        List.of(new Violation("n.scores.good", "must be between 0 and 100")),
        new Normaliser.LabelMap(Map.of("good", 101.0)).validate("n"));
    assertEquals(
        List.of(new Violation("n.whenTrue", "must be between 0 and 100")),
        new Normaliser.BooleanMap(-1, 0).validate("n"));
  }
}

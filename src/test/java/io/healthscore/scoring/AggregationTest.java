package io.healthscore.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AggregationTest {

  private static final Instant T = Instant.parse("2026-11-01T00:00:00Z");

  private static List<Observation> numbers(double... values) {
    List<Observation> list = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      list.add(Observation.number("k", values[i], T.plusSeconds(i)));
    }
    return list;
  }

  @Test
  void latest_takes_the_newest_observation_whatever_the_arrival_order() {
    List<Observation> outOfOrder =
        List.of(
            Observation.number("k", 2, T.plusSeconds(10)),
            Observation.number("k", 9, T.plusSeconds(30)),
            Observation.number("k", 4, T.plusSeconds(20)));
    assertEquals(9.0, Aggregation.LATEST.apply(outOfOrder));
  }

  @Test
  void of_observations_at_the_same_instant_latest_takes_the_one_listed_last() {
    // Observations are listed as they were stored, a request's own last: a tie goes to the
    // signal stored last, as in the database's newest signal per key.
    List<Observation> tied =
        List.of(
            Observation.number("k", 3, T.plusSeconds(5)),
            Observation.number("k", 8, T.plusSeconds(5)),
            Observation.number("k", 1, T));
    assertEquals(8.0, Aggregation.LATEST.apply(tied));
  }

  @Test
  void mean_sum_count_min_max() {
    List<Observation> values = numbers(4, 1, 7);
    assertEquals(4.0, Aggregation.MEAN.apply(values), 1e-9);
    assertEquals(12.0, Aggregation.SUM.apply(values), 1e-9);
    assertEquals(3.0, Aggregation.COUNT.apply(values), 1e-9);
    assertEquals(1.0, Aggregation.MIN.apply(values), 1e-9);
    assertEquals(7.0, Aggregation.MAX.apply(values), 1e-9);
  }

  @Test
  void sum_and_count_of_an_empty_window_are_zero() {
    assertEquals(0.0, Aggregation.SUM.apply(List.of()));
    assertEquals(0.0, Aggregation.COUNT.apply(List.of()));
    assertTrue(Aggregation.COUNT.emptyWindowIsZero());
    assertFalse(Aggregation.MEAN.emptyWindowIsZero());
  }

  @Test
  void nps_is_percent_promoters_minus_percent_detractors() {
    // 2 promoters (10, 9), 2 passives (8, 7), 2 detractors (6, 0): NPS 0.
    assertEquals(0.0, Aggregation.NPS.apply(numbers(10, 9, 8, 7, 6, 0)), 1e-9);
    // 3 promoters of 4, 1 detractor: 75 - 25 = 50.
    assertEquals(50.0, Aggregation.NPS.apply(numbers(10, 10, 9, 5)), 1e-9);
    assertEquals(100.0, Aggregation.NPS.apply(numbers(9)), 1e-9);
    assertEquals(-100.0, Aggregation.NPS.apply(numbers(0, 6)), 1e-9);
  }

  @Test
  void only_latest_accepts_labels() {
    assertTrue(Aggregation.LATEST.acceptsLabels());
    for (Aggregation a : Aggregation.values()) {
      if (a != Aggregation.LATEST) {
        assertFalse(a.acceptsLabels(), a.name());
      }
    }
  }
}

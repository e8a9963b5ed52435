package io.healthscore.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.healthscore.analytics.CalibrationStats.Sample;
import java.util.List;
import org.junit.jupiter.api.Test;

class CalibrationStatsTest {

  static Sample stayed(double score) {
    return new Sample(score, "green", false);
  }

  static Sample churned(double score) {
    return new Sample(score, "red", true);
  }

  @Test
  void auc_of_a_large_book_does_not_overflow() {
    // 70,000 retained accounts: their rank sum's correction exceeds an int (it read 1.5 once).
    List<Sample> samples = new java.util.ArrayList<>();
    for (int i = 0; i < 70_000; i++) {
      samples.add(stayed(60 + i % 40));
    }
    for (int i = 0; i < 30_000; i++) {
      samples.add(churned(i % 40));
    }
    assertEquals(1.0, CalibrationStats.auc(samples));
  }

  @Test
  void auc_counts_the_pairs_ordered_right_with_ties_as_half() {
    // Pairs (stayed, churned): 80>20, 80>50, 50=50 (half), 50>20 -> 3.5 of 4.
    assertEquals(
        0.875, CalibrationStats.auc(List.of(stayed(80), stayed(50), churned(50), churned(20))));
    assertEquals(1.0, CalibrationStats.auc(List.of(stayed(90), churned(10))));
    assertEquals(0.0, CalibrationStats.auc(List.of(stayed(10), churned(90))));
    assertNull(CalibrationStats.auc(List.of(stayed(10), stayed(90))));
  }

  @Test
  void rates_carry_wilson_intervals() {
    CalibrationStats.Rate rate = CalibrationStats.Rate.of(10, 3);
    assertEquals(0.3, rate.churnRate());
    // Wilson 95 % for 3/10: 0.1078 .. 0.6032
    assertEquals(0.1078, rate.lower(), 0.0001);
    assertEquals(0.6032, rate.upper(), 0.0001);
    assertNull(CalibrationStats.Rate.of(0, 0).churnRate());
  }

  @Test
  void deciles_put_100_in_the_top_one() {
    var deciles =
        CalibrationStats.deciles(List.of(stayed(0), stayed(9.9), stayed(10), stayed(100)));
    assertEquals(2, deciles.get(0).size());
    assertEquals(1, deciles.get(1).size());
    assertEquals(1, deciles.get(9).size());
  }
}

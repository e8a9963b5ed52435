package io.healthscore.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WeightLearningTest {

  @Test
  void recovers_which_feature_protects_and_which_is_noise() {
    Random random = new Random(1);
    int n = 2000;
    double[][] x = new double[n][2];
    boolean[] churned = new boolean[n];
    for (int i = 0; i < n; i++) {
      x[i][0] = random.nextDouble(); // protects: true coefficient -4
      x[i][1] = random.nextDouble(); // noise
      double p = 1 / (1 + Math.exp(-(2 - 4 * x[i][0])));
      churned[i] = random.nextDouble() < p;
    }
    WeightLearning.Fit fit = WeightLearning.fit(x, churned, 0);
    assertEquals(-4, fit.coefficients()[0], 0.6);
    assertEquals(0, fit.coefficients()[1], 0.5);
    assertEquals(2, fit.intercept(), 0.5);
    // The protective feature's interval lies below 0; the noise's spans it.
    assertTrue(fit.interval(0)[1] < 0, "protective interval " + fit.interval(0)[1]);
    assertTrue(fit.interval(1)[0] < 0 && fit.interval(1)[1] > 0, "noise interval spans 0");
    assertTrue(Math.abs(fit.z(0)) > 10, "z " + fit.z(0));
  }

  @Test
  void stronger_regularisation_shrinks_coefficients() {
    double[][] x = {{0}, {0.2}, {0.4}, {0.6}, {0.8}, {1}};
    boolean[] churned = {true, true, false, true, false, false};
    double weak = WeightLearning.fit(x, churned, 0.001).coefficients()[0];
    double strong = WeightLearning.fit(x, churned, 1).coefficients()[0];
    assertTrue(Math.abs(strong) < Math.abs(weak), weak + " vs " + strong);
  }

  @Test
  void folds_cover_every_row_once_and_share_out_both_outcomes() {
    boolean[] churned = new boolean[23];
    for (int i = 0; i < 5; i++) {
      churned[i] = true;
    }
    List<List<Integer>> folds = WeightLearning.folds(churned, 5, 3);
    Set<Integer> seen = new HashSet<>();
    folds.forEach(f -> f.forEach(i -> assertTrue(seen.add(i))));
    assertEquals(23, seen.size());
    assertTrue(folds.stream().allMatch(f -> f.size() >= 4 && f.size() <= 5));
    assertTrue(folds.stream().allMatch(f -> f.stream().filter(i -> churned[i]).count() == 1));
  }
}

package io.healthscore.analytics;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Accounts whose churn is planted: three measures protect, three raise churn, one matters by its
 * distance from the middle of its range, two are noise. Values are whole numbers 0-100.
 */
final class PlantedChurn {

  static final String[] KEYS = {
    "protect_a",
    "protect_b",
    "protect_c",
    "raise_a",
    "raise_b",
    "raise_c",
    "middle",
    "noise_a",
    "noise_b"
  };
  private static final double[] TRUE_COEFFICIENTS = {-0.9, -0.7, -0.5, 0.9, 0.7, 0.5};

  /** One planted account: its measure values (by KEYS) and its true log-odds of churn. */
  record Account(String id, int[] values, double logit, boolean churned) {}

  private PlantedChurn() {}

  static List<Account> generate(String prefix, int n, long seed) {
    Random random = new Random(seed);
    List<Account> accounts = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int[] values = new int[KEYS.length];
      for (int k = 0; k < KEYS.length; k++) {
        values[k] = random.nextInt(101);
      }
      double logit = -1.6;
      for (int k = 0; k < TRUE_COEFFICIENTS.length; k++) {
        logit += TRUE_COEFFICIENTS[k] * (values[k] - 50) / 50.0;
      }
      double middle = (values[6] - 50) / 50.0;
      logit += 1.8 * middle * middle;
      boolean churned = random.nextDouble() < 1 / (1 + Math.exp(-logit));
      accounts.add(new Account(prefix + "-" + i, values, logit, churned));
    }
    return accounts;
  }

  /** The AUC of the true log-odds: the best any model of these measures can rank. */
  static double oracleAuc(List<Account> accounts) {
    return CalibrationStats.auc(
        accounts.stream()
            .map(a -> new CalibrationStats.Sample(-a.logit(), "", a.churned()))
            .toList());
  }
}

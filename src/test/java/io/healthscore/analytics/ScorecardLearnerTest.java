package io.healthscore.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.healthscore.scoring.Aggregation;
import io.healthscore.scoring.HealthResult;
import io.healthscore.scoring.HealthScorer;
import io.healthscore.scoring.Measure;
import io.healthscore.scoring.MeasureGroup;
import io.healthscore.scoring.Normaliser;
import io.healthscore.scoring.Observation;
import io.healthscore.scoring.Scorecard;
import io.healthscore.scoring.WeightedMeanEngine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The learner on planted truths, through the scoring core only (no service, no database). */
class ScorecardLearnerTest {

  static final HealthScorer SCORER = new HealthScorer(List.of(new WeightedMeanEngine()));
  static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
  static final String[] KEYS = PlantedChurn.KEYS;

  record Account(List<Observation> observations, double logit, boolean churned) {}

  static List<Account> generate(int n, long seed) {
    List<Account> accounts = new ArrayList<>();
    for (PlantedChurn.Account a : PlantedChurn.generate("a", n, seed)) {
      List<Observation> observations = new ArrayList<>();
      for (int k = 0; k < KEYS.length; k++) {
        observations.add(Observation.number(KEYS[k], a.values()[k], NOW.minusSeconds(86_400)));
      }
      accounts.add(new Account(observations, a.logit(), a.churned()));
    }
    return accounts;
  }

  static Scorecard firstGuess() {
    List<Measure> measures = new ArrayList<>();
    for (String key : KEYS) {
      measures.add(
          new Measure(
              key,
              key,
              Aggregation.LATEST,
              null,
              null,
              new Normaliser.LinearRange(0, 100),
              1,
              false));
    }
    return new Scorecard(
        "planted",
        1,
        "First guess",
        List.of(new MeasureGroup("all", "All", 1, measures)),
        null,
        0.5,
        null,
        null,
        null);
  }

  static List<HealthResult> score(Scorecard scorecard, List<Account> accounts) {
    return accounts.stream()
        .map(a -> SCORER.score(scorecard, a.observations(), NOW, null))
        .toList();
  }

  static double auc(Scorecard scorecard, List<Account> accounts) {
    List<CalibrationStats.Sample> samples = new ArrayList<>();
    List<HealthResult> results = score(scorecard, accounts);
    for (int i = 0; i < accounts.size(); i++) {
      samples.add(
          new CalibrationStats.Sample(results.get(i).score(), "", accounts.get(i).churned()));
    }
    return CalibrationStats.auc(samples);
  }

  static boolean[] churned(List<Account> accounts) {
    boolean[] y = new boolean[accounts.size()];
    for (int i = 0; i < y.length; i++) {
      y[i] = accounts.get(i).churned();
    }
    return y;
  }

  @Test
  void learns_directions_the_turn_and_leaves_out_noise_ranking_fresh_accounts_like_the_truth() {
    Scorecard guess = firstGuess();
    List<Account> training = generate(4000, 11);
    List<Account> fresh = generate(4000, 12);
    ScorecardLearner.Learned learned =
        ScorecardLearner.learn(guess, score(guess, training), churned(training), 0.001);
    Scorecard proposal = learned.scorecard();
    double inSample = auc(proposal, training);
    double onFresh = auc(proposal, fresh);
    double oracle =
        CalibrationStats.auc(
            fresh.stream()
                .map(a -> new CalibrationStats.Sample(-a.logit(), "", a.churned()))
                .toList());
    System.out.printf(
        "learner on planted truth: first guess %.4f, in sample %.4f, fresh %.4f, true model %.4f%n",
        auc(guess, fresh), inSample, onFresh, oracle);
    learned.measures().forEach(m -> System.out.println("  " + m));
    for (ScorecardLearner.MeasureChange m : learned.measures()) {
      String expected =
          m.measureId().startsWith("raise")
              ? "reversed"
              : m.measureId().startsWith("noise") ? "dropped" : "kept";
      assertEquals(expected, m.action(), m.measureId());
    }
    assertTrue(change(learned, "middle").shape().startsWith("middle_"));
    assertEquals(oracle, onFresh, 0.01);
    // The best plain model on the same signals: a logistic regression on the raw values.
    WeightLearning.Fit regression =
        WeightLearning.fit(raw(training, KEYS), churned(training), 0.001);
    double[][] freshRaw = raw(fresh, KEYS);
    List<CalibrationStats.Sample> byRegression = new ArrayList<>();
    for (int i = 0; i < fresh.size(); i++) {
      byRegression.add(
          new CalibrationStats.Sample(regression.health(freshRaw[i]), "", fresh.get(i).churned()));
    }
    double linear = CalibrationStats.auc(byRegression);
    System.out.printf("learner on planted truth: logistic regression on raw values %.4f%n", linear);
    assertTrue(onFresh >= linear, "the proposal ranks at least as well as the linear model");
  }

  /**
   * Subscription accounts like a public telco churn table: tenure (months, churn falls fast then
   * flattens), contract length, monthly charges and feature count (both raise churn), eight yes/no
   * facts; a first guess with common-sense directions, two of them wrong.
   */
  @Test
  void on_subscription_like_accounts_it_ranks_at_least_as_well_as_a_regression_on_the_signals() {
    String[] numeric = {"tenure", "contract_months", "monthly_charges", "features"};
    String[] yesNo = {
      "tech_support", "echeck", "fibre", "paperless", "partner", "senior", "security", "backup"
    };
    double[] yesNoEffect = {-0.6, 0.7, 0.5, 0.35, -0.2, 0.3, -0.5, -0.2};
    List<Measure> measures = new ArrayList<>();
    measures.add(measure("tenure", new Normaliser.LinearRange(0, 72)));
    measures.add(measure("contract_months", new Normaliser.LinearRange(1, 24)));
    measures.add(measure("monthly_charges", new Normaliser.LinearRange(18, 120))); // wrong
    measures.add(measure("features", new Normaliser.LinearRange(0, 8))); // wrong: raises churn
    for (String key : yesNo) {
      measures.add(measure(key, new Normaliser.BooleanMap(100, 0)));
    }
    Scorecard guess =
        new Scorecard(
            "telco",
            1,
            "Telco",
            List.of(new MeasureGroup("all", "All", 1, measures)),
            null,
            0.5,
            null,
            null,
            null);
    java.util.function.LongFunction<List<Account>> generate =
        seed -> {
          Random random = new Random(seed);
          List<Account> accounts = new ArrayList<>();
          for (int i = 0; i < 5000; i++) {
            int tenure = random.nextInt(73);
            int contract = new int[] {1, 1, 1, 12, 24}[random.nextInt(5)];
            double charges = Math.round((18 + random.nextDouble() * 100) * 100) / 100.0;
            int features = random.nextInt(9);
            List<Observation> observations = new ArrayList<>();
            Instant at = NOW.minusSeconds(86_400);
            observations.add(Observation.number("tenure", tenure, at));
            observations.add(Observation.number("contract_months", contract, at));
            observations.add(Observation.number("monthly_charges", charges, at));
            observations.add(Observation.number("features", features, at));
            double logit =
                0.2
                    - 2.2 * (1 - Math.exp(-tenure / 12.0))
                    - 0.07 * (contract - 1)
                    + 0.012 * (charges - 65)
                    + 0.12 * (features - 4);
            for (int k = 0; k < yesNo.length; k++) {
              boolean yes = random.nextDouble() < 0.4;
              observations.add(Observation.number(yesNo[k], yes ? 1 : 0, at));
              logit += yes ? yesNoEffect[k] : 0;
            }
            accounts.add(
                new Account(observations, logit, random.nextDouble() < 1 / (1 + Math.exp(-logit))));
          }
          return accounts;
        };
    List<Account> training = generate.apply(21);
    List<Account> fresh = generate.apply(22);
    ScorecardLearner.Learned learned =
        ScorecardLearner.learn(guess, score(guess, training), churned(training), 0.001);
    double onFresh = auc(learned.scorecard(), fresh);
    String[] keys = new String[numeric.length + yesNo.length];
    System.arraycopy(numeric, 0, keys, 0, numeric.length);
    System.arraycopy(yesNo, 0, keys, numeric.length, yesNo.length);
    WeightLearning.Fit regression =
        WeightLearning.fit(raw(training, keys), churned(training), 0.001);
    double[][] freshRaw = raw(fresh, keys);
    List<CalibrationStats.Sample> byRegression = new ArrayList<>();
    for (int i = 0; i < fresh.size(); i++) {
      byRegression.add(
          new CalibrationStats.Sample(regression.health(freshRaw[i]), "", fresh.get(i).churned()));
    }
    double linear = CalibrationStats.auc(byRegression);
    System.out.printf(
        "subscription-like: first guess %.4f, proposal %.4f, regression on raw values %.4f, true"
            + " model %.4f%n",
        auc(guess, fresh),
        onFresh,
        linear,
        CalibrationStats.auc(
            fresh.stream()
                .map(a -> new CalibrationStats.Sample(-a.logit(), "", a.churned()))
                .toList()));
    learned.measures().forEach(m -> System.out.println("  " + m));
    assertTrue(onFresh >= linear - 0.002, "the proposal ranks as well as the regression");
    assertEquals("reversed", change(learned, "features").action());
    assertEquals("reversed", change(learned, "monthly_charges").action());
  }

  private static Measure measure(String key, Normaliser normaliser) {
    return new Measure(key, key, Aggregation.LATEST, null, null, normaliser, 1, false);
  }

  private static double[][] raw(List<Account> accounts, String[] keys) {
    double[][] x = new double[accounts.size()][keys.length];
    for (int i = 0; i < x.length; i++) {
      for (Observation o : accounts.get(i).observations()) {
        x[i][java.util.Arrays.asList(keys).indexOf(o.key())] = o.number();
      }
    }
    return x;
  }

  private static ScorecardLearner.MeasureChange change(
      ScorecardLearner.Learned learned, String id) {
    return learned.measures().stream()
        .filter(m -> m.measureId().equals(id))
        .findFirst()
        .orElseThrow();
  }
}

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
  }

  private static ScorecardLearner.MeasureChange change(
      ScorecardLearner.Learned learned, String id) {
    return learned.measures().stream()
        .filter(m -> m.measureId().equals(id))
        .findFirst()
        .orElseThrow();
  }
}

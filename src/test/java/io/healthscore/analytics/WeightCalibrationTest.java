package io.healthscore.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.healthscore.scoring.AccountFacts;
import io.healthscore.scoring.HealthResult;
import io.healthscore.scoring.Observation;
import io.healthscore.scoring.Scorecard;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/** Calibrate's folds, figures and segment choice on planted outcomes, without a database. */
class WeightCalibrationTest {

  static final BiFunction<Scorecard, Analytics.PointInTime, HealthResult> SCORE =
      (scorecard, row) ->
          ScorecardLearnerTest.SCORER.score(
              scorecard, row.facts(), row.observations(), row.at(), null);

  /** Rows for planted accounts, each with a plan attribute; churn as {@code logit} says. */
  static List<Analytics.PointInTime> rows(
      Scorecard current, int n, long seed, BiFunction<String, int[], Double> logit) {
    Random random = new Random(seed);
    List<Analytics.PointInTime> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String plan = random.nextBoolean() ? "pro" : "basic";
      int[] values = new int[PlantedChurn.KEYS.length];
      List<Observation> observations = new ArrayList<>();
      for (int k = 0; k < values.length; k++) {
        values[k] = random.nextInt(101);
        observations.add(
            Observation.number(
                PlantedChurn.KEYS[k], values[k], ScorecardLearnerTest.NOW.minusSeconds(86_400)));
      }
      boolean churned = random.nextDouble() < 1 / (1 + Math.exp(-logit.apply(plan, values)));
      AccountFacts facts = new AccountFacts(Map.of("plan", plan), null);
      Analytics.PointInTime unscored =
          new Analytics.PointInTime(
              new AnalyticsStore.Decision("a" + i, churned, LocalDate.of(2026, 9, 1), null, null),
              facts,
              ScorecardLearnerTest.NOW,
              observations,
              null);
      rows.add(unscored.scored(SCORE.apply(current, unscored)));
    }
    return rows;
  }

  static double planted(String plan, int[] v) {
    double middle = (v[6] - 50) / 50.0;
    return -1.6
        - 0.9 * (v[0] - 50) / 50.0
        - 0.7 * (v[1] - 50) / 50.0
        + 0.9 * (v[3] - 50) / 50.0
        + 1.8 * middle * middle;
  }

  /** Each plan churns on a different measure: what shared weights cannot express. */
  static double byPlan(String plan, int[] v) {
    return plan.equals("pro")
        ? -1.2 - 2.5 * (v[0] - 50) / 50.0 - 0.3 * (v[3] - 50) / 50.0
        : -1.2 + 2.5 * (v[3] - 50) / 50.0 - 0.3 * (v[0] - 50) / 50.0;
  }

  static WeightCalibration.Request request(String segmentBy) {
    return new WeightCalibration.Request(Duration.ofDays(90), 5, 0.001, segmentBy, true);
  }

  @Test
  void segments_own_weights_are_kept_only_when_the_held_out_folds_say_they_help() {
    Scorecard guess = ScorecardLearnerTest.firstGuess();
    WeightProposal split =
        WeightCalibration.propose(
            guess, rows(guess, 4000, 3, WeightCalibrationTest::byPlan), request("plan"), SCORE);
    System.out.printf(
        "segments by plan where plans churn differently: shared %.4f, segmented %.4f, kept %s%n",
        split.proposedAuc(), split.segmentedAuc(), split.segmentsKept());
    assertTrue(split.segmentsKept(), "segments kept");
    assertTrue(split.segmentedAuc() > split.proposedAuc() + 0.01);
    assertEquals(
        List.of("learned-plan-basic", "learned-plan-pro"),
        split.proposal().segments().stream().map(s -> s.id()).toList());
    assertEquals(5, split.foldAucs().size());
    assertTrue(split.foldAucs().stream().allMatch(f -> f.segmented() != null));

    WeightProposal same =
        WeightCalibration.propose(
            guess, rows(guess, 4000, 4, WeightCalibrationTest::planted), request("plan"), SCORE);
    System.out.printf(
        "segments by plan where plans churn alike: shared %.4f, segmented %.4f, kept %s%n",
        same.proposedAuc(), same.segmentedAuc(), same.segmentsKept());
    assertFalse(same.segmentsKept(), "segments not kept");
    assertTrue(same.proposal().segments() == null || same.proposal().segments().isEmpty());
  }

  @Test
  void the_promised_figures_are_the_held_out_folds_of_the_scorecard_handed_over() {
    Scorecard guess = ScorecardLearnerTest.firstGuess();
    List<Analytics.PointInTime> rows = rows(guess, 3000, 5, WeightCalibrationTest::planted);
    WeightProposal proposal = WeightCalibration.propose(guess, rows, request(null), SCORE);
    double mean =
        proposal.foldAucs().stream().mapToDouble(WeightProposal.FoldAuc::proposed).sum() / 5;
    assertEquals(mean, proposal.proposedAuc(), 0.0001);
    assertTrue(proposal.proposedAucStdDev() > 0);
    // The current version's figure is its own AUC on the same folds: pooled, it is the first
    // guess's AUC on all rows, within what splitting into folds moves.
    List<CalibrationStats.Sample> all =
        rows.stream()
            .map(r -> new CalibrationStats.Sample(r.result().score(), "", r.churned()))
            .toList();
    assertEquals(CalibrationStats.auc(all), proposal.currentAuc(), 0.02);
    int banded =
        proposal.proposedBands().values().stream().mapToInt(CalibrationStats.Rate::accounts).sum();
    assertEquals(3000, banded, "every held-out account is in a band of the proposal");
  }

  @Test
  void outcomes_no_measure_explains_are_a_422_not_an_empty_scorecard() {
    Scorecard guess = ScorecardLearnerTest.firstGuess();
    io.healthscore.common.ApiProblem problem =
        org.junit.jupiter.api.Assertions.assertThrows(
            io.healthscore.common.ApiProblem.class,
            () ->
                WeightCalibration.propose(
                    guess, rows(guess, 2000, 6, (plan, v) -> -1.0), request(null), SCORE));
    assertEquals(422, problem.status());
    assertTrue(problem.getMessage().contains("no reliable evidence"), problem.getMessage());
  }
}

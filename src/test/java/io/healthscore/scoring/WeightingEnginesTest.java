package io.healthscore.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WeightingEnginesTest {

  static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
  static final List<WeightingEngine> ENGINES =
      WeightingEngines.discover(WeightingEnginesTest.class.getClassLoader());
  static final HealthScorer SCORER = new HealthScorer(ENGINES);
  static final ScorecardValidator VALIDATOR =
      new ScorecardValidator(StandardSignals::find, ENGINES);

  static final Measure USERS =
      new Measure(
          "users",
          "active_users_ratio",
          Aggregation.LATEST,
          null,
          null,
          new Normaliser.LinearRange(0, 1),
          1,
          false);
  static final Measure GOALS =
      new Measure(
          "goals",
          "goals_met_ratio",
          Aggregation.LATEST,
          null,
          null,
          new Normaliser.LinearRange(0, 1),
          1,
          true);

  static Scorecard card(String engine, Map<String, String> settings) {
    return new Scorecard(
        "card",
        1,
        "Card",
        List.of(
            new MeasureGroup("adoption", "Adoption", 1, List.of(USERS)),
            new MeasureGroup("outcomes", "Outcomes", 1, List.of(GOALS))),
        null,
        0.5,
        engine,
        settings,
        null);
  }

  static HealthResult score(Scorecard card, double users, Double goals) {
    List<Observation> observations =
        goals == null
            ? List.of(Observation.number("active_users_ratio", users, NOW))
            : List.of(
                Observation.number("active_users_ratio", users, NOW),
                Observation.number("goals_met_ratio", goals, NOW));
    return SCORER.score(card, observations, NOW, null);
  }

  static double contributionSum(HealthResult r) {
    return r.groups().stream()
        .flatMap(g -> g.measures().stream())
        .mapToDouble(HealthResult.MeasureResult::contribution)
        .sum();
  }

  @Test
  void discovers_the_built_in_engines_and_one_registered_by_a_test_service_file() {
    assertEquals(
        List.of(
            "critical_gated",
            "formula",
            "test_best_measure",
            "weighted_geometric_mean",
            "weighted_mean"),
        ENGINES.stream().map(WeightingEngine::id).toList());
  }

  @Test
  void geometric_mean_pulls_harder_on_one_poor_measure_than_the_arithmetic_mean() {
    HealthResult arithmetic = score(card("weighted_mean", null), 1.0, 0.0);
    HealthResult geometric = score(card("weighted_geometric_mean", null), 1.0, 0.0);
    assertEquals(50.0, arithmetic.score());
    assertEquals(10.0, geometric.score()); // sqrt(100 * 1): values below 1 count as 1
    assertEquals(10.0, contributionSum(geometric), 0.02);
    assertEquals(60.0, score(card("weighted_geometric_mean", null), 0.6, 0.6).score());
  }

  @Test
  void critical_gated_caps_at_the_red_band_top_only_when_a_critical_measure_is_red() {
    Scorecard gated = card("critical_gated", null);
    HealthResult criticalRed = score(gated, 1.0, 0.2); // mean 60, goals (critical) at 20
    assertEquals(39.9, criticalRed.score());
    assertEquals(Band.RED, criticalRed.band());
    assertEquals(39.9, contributionSum(criticalRed), 0.02);
    HealthResult otherRed = score(gated, 0.2, 1.0); // users is red but not critical
    assertEquals(60.0, otherRed.score());
    assertEquals(Band.YELLOW, otherRed.band());
  }

  @Test
  void formula_combines_measures_and_groups_and_is_clamped() {
    Scorecard card =
        card(
            "formula",
            Map.of(
                "formula",
                "has(measures.goals) && measures.goals < 30 ? math.least(score, 25.0) : score +"
                    + " 50.0"));
    assertEquals(List.of(), VALIDATOR.validate(card, ""));
    assertEquals(25.0, score(card, 1.0, 0.2).score());
    assertEquals(100.0, score(card, 0.9, 0.9).score()); // 90 + 50, clamped
    assertEquals(100.0, score(card, 0.9, null).score());
    assertEquals(100.0, contributionSum(score(card, 0.9, 0.9)), 0.02);
    Scorecard groups =
        new Scorecard(
            "card",
            1,
            "Card",
            List.of(new MeasureGroup("adoption", "Adoption", 1, List.of(USERS))),
            null,
            0.5,
            "formula",
            Map.of("formula", "groups.adoption * 0.5"),
            null);
    assertEquals(List.of(), VALIDATOR.validate(groups, ""));
    assertEquals(
        40.0,
        SCORER
            .score(groups, List.of(Observation.number("active_users_ratio", 0.8, NOW)), NOW, null)
            .score());
  }

  @Test
  void formula_errors_name_the_setting_and_the_position() {
    List<Violation> syntax =
        VALIDATOR.validate(card("formula", Map.of("formula", "score +* 2.0")), "scorecard");
    assertEquals("scorecard.engineSettings.formula", syntax.get(0).field());
    assertTrue(syntax.get(0).message().startsWith("line 1, column "), syntax.get(0).message());
    List<Violation> type =
        VALIDATOR.validate(card("formula", Map.of("formula", "'high'")), "scorecard");
    assertTrue(type.get(0).message().contains("double"), type.get(0).message());
    List<Violation> missing =
        VALIDATOR.validate(card("formula", Map.of("formula", "measures.goals")), "scorecard");
    assertEquals(
        List.of(new Violation("scorecard.engineSettings.formula", missing.get(0).message())),
        missing);
    assertTrue(
        missing.get(0).message().contains("fails when measure goals has no data"),
        missing.get(0).message());
    assertEquals(
        List.of("scorecard.engineSettings.formula"),
        VALIDATOR.validate(card("formula", null), "scorecard").stream()
            .map(Violation::field)
            .toList());
    assertEquals(
        List.of("scorecard.engineSettings.colour"),
        VALIDATOR.validate(card("weighted_mean", Map.of("colour", "red")), "scorecard").stream()
            .map(Violation::field)
            .toList());
  }

  @Test
  void a_formula_that_fails_at_scoring_time_gives_no_score_rather_than_a_guess() {
    // Divides by zero only when both are 0: validation (all 50s) cannot see it.
    Scorecard card =
        card(
            "formula",
            Map.of(
                "formula",
                "100.0 / ((has(measures.users) ? measures.users : 1.0)"
                    + " + (has(measures.goals) ? measures.goals : 1.0))"));
    assertEquals(List.of(), VALIDATOR.validate(card, ""));
    HealthResult r = score(card, 0.0, 0.0);
    assertNull(r.score());
    assertEquals(Band.UNKNOWN, r.band());
    assertEquals(0.0, contributionSum(r));
  }

  @Test
  void an_engine_from_the_classpath_scores_with_its_settings() {
    Scorecard card = card(BestMeasureEngine.ID, Map.of("bonus", "5"));
    assertEquals(List.of(), VALIDATOR.validate(card, ""));
    assertEquals(85.0, score(card, 0.8, 0.3).score());
  }
}

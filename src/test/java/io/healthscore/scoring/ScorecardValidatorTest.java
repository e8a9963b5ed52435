package io.healthscore.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScorecardValidatorTest {

  static final ScorecardValidator VALIDATOR =
      new ScorecardValidator(
          StandardSignals::find,
          WeightingEngines.discover(ScorecardValidatorTest.class.getClassLoader()));

  static Measure measure(
      String id, String signal, Aggregation aggregation, Normaliser n, double weight) {
    return new Measure(id, signal, aggregation, null, Duration.ofDays(30), n, weight, false);
  }

  static Scorecard card(List<MeasureGroup> groups, Bands bands, String engine) {
    return new Scorecard("card", 1, "Card", groups, bands, 0.5, engine, null, null);
  }

  static final Measure GOOD =
      measure(
          "users", "active_users_ratio", Aggregation.LATEST, new Normaliser.LinearRange(0, 1), 1);

  static List<String> fields(Scorecard card) {
    return VALIDATOR.validate(card, "scorecard").stream().map(Violation::field).toList();
  }

  @Test
  void accepts_a_valid_scorecard() {
    assertEquals(
        List.of(),
        VALIDATOR.validate(
            card(List.of(new MeasureGroup("g", "G", 1, List.of(GOOD))), null, null), ""));
  }

  @Test
  void rejects_negative_weights_empty_groups_and_unknown_signals_with_field_paths() {
    Scorecard card =
        card(
            List.of(
                new MeasureGroup(
                    "g1",
                    "G1",
                    -1,
                    List.of(
                        measure(
                            "a",
                            "active_users_ratio",
                            Aggregation.LATEST,
                            new Normaliser.LinearRange(0, 1),
                            -2),
                        measure(
                            "b",
                            "no_such_signal",
                            Aggregation.LATEST,
                            new Normaliser.LinearRange(0, 1),
                            1))),
                new MeasureGroup("g2", "G2", 1, List.of())),
            null,
            null);
    assertEquals(
        List.of(
            "scorecard.groups[0].weight",
            "scorecard.groups[0].measures[0].weight",
            "scorecard.groups[0].measures[1].signal",
            "scorecard.groups[1].measures"),
        fields(card));
  }

  @Test
  void group_and_measure_ids_are_short_and_not_blank() {
    String long65 = "g".repeat(65);
    Scorecard card =
        card(
            List.of(
                new MeasureGroup(
                    long65,
                    "G",
                    1,
                    List.of(
                        measure(
                            " ",
                            "active_users_ratio",
                            Aggregation.LATEST,
                            new Normaliser.LinearRange(0, 1),
                            1))),
                new MeasureGroup(
                    "g".repeat(64),
                    "G",
                    1,
                    List.of(
                        measure(
                            "m".repeat(65),
                            "active_users_ratio",
                            Aggregation.LATEST,
                            new Normaliser.LinearRange(0, 1),
                            1)))),
            null,
            null);
    assertEquals(
        List.of(
            "scorecard.groups[0].id",
            "scorecard.groups[0].measures[0].id",
            "scorecard.groups[1].measures[0].id"),
        fields(card));
  }

  @Test
  void rejects_no_groups_unordered_bands_and_unknown_engine() {
    assertEquals(
        List.of("scorecard.engine", "scorecard.bands", "scorecard.groups"),
        fields(card(List.of(), new Bands(70, 40), "magic")));
  }

  @Test
  void rejects_inconsistent_normaliser_and_aggregation_for_labels() {
    Scorecard card =
        card(
            List.of(
                new MeasureGroup(
                    "g",
                    "G",
                    1,
                    List.of(
                        measure(
                            "a",
                            "active_users_ratio",
                            Aggregation.LATEST,
                            new Normaliser.LinearRange(1, 0),
                            1),
                        measure(
                            "b",
                            "csm_sentiment",
                            Aggregation.MEAN,
                            new Normaliser.LabelMap(Map.of("positive", 80.0)),
                            1),
                        measure(
                            "c",
                            "csm_sentiment",
                            Aggregation.LATEST,
                            new Normaliser.LinearRange(0, 1),
                            1),
                        measure(
                            "d",
                            "csm_sentiment",
                            Aggregation.LATEST,
                            new Normaliser.LabelMap(Map.of("ecstatic", 100.0)),
                            1),
                        measure(
                            "d",
                            "nps",
                            Aggregation.LATEST,
                            new Normaliser.LabelMap(Map.of("x", 1.0)),
                            1)))),
            null,
            null);
    List<String> fields = fields(card);
    assertEquals(
        List.of(
            "scorecard.groups[0].measures[0].normaliser.max",
            "scorecard.groups[0].measures[1].aggregation",
            "scorecard.groups[0].measures[2].normaliser.type",
            "scorecard.groups[0].measures[3].normaliser.scores.ecstatic",
            "scorecard.groups[0].measures[4].id",
            "scorecard.groups[0].measures[4].normaliser.type"),
        fields);
  }

  @Test
  void every_standard_signal_has_an_ingredient_and_a_valid_range() {
    List<SignalDefinition> all = StandardSignals.all();
    assertTrue(all.size() >= 15);
    for (SignalDefinition d : all) {
      assertTrue(
          Set.of(
                  "csm_sentiment",
                  "customer_sentiment",
                  "engagement",
                  "advocacy",
                  "adoption",
                  "outcomes",
                  "support")
              .contains(d.ingredient()),
          d.key());
      if (d.type() == SignalType.NUMBER) {
        assertTrue(d.min() < d.max(), d.key());
      }
    }
  }

  @Test
  void signal_definitions_reject_wrong_types_and_out_of_range_values() {
    SignalDefinition nps = StandardSignals.find("nps_response").orElseThrow();
    assertEquals(null, nps.rejectNumber(10));
    assertEquals("must be between 0 and 10", nps.rejectNumber(11));
    assertEquals("must be a whole number", nps.rejectNumber(7.5));
    assertEquals("must be a finite number", nps.rejectNumber(Double.NaN));
    assertEquals("must be a number", nps.rejectLabel("great"));
    SignalDefinition sentiment = StandardSignals.find("csm_sentiment").orElseThrow();
    assertEquals(null, sentiment.rejectLabel("very_positive"));
    assertTrue(sentiment.rejectLabel("great").startsWith("must be one of"));
    assertTrue(sentiment.rejectNumber(3).startsWith("must be one of"));
  }
}

package io.healthscore.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.healthscore.scoring.HealthResult.MeasureResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthScorerTest {

  static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
  static final HealthScorer SCORER =
      new HealthScorer(WeightingEngines.discover(HealthScorerTest.class.getClassLoader()));

  static final Measure USERS =
      new Measure(
          "users",
          "active_users_ratio",
          Aggregation.LATEST,
          null,
          Duration.ofDays(30),
          new Normaliser.LinearRange(0, 1),
          1,
          false);
  static final Measure BREADTH =
      new Measure(
          "breadth",
          "feature_breadth",
          Aggregation.LATEST,
          null,
          null,
          new Normaliser.LinearRange(0, 1),
          3,
          false);
  static final Measure NPS =
      new Measure(
          "nps",
          "nps_response",
          Aggregation.NPS,
          Duration.ofDays(90),
          null,
          new Normaliser.LinearRange(-100, 100),
          1,
          false);

  static Scorecard scorecard(Bands bands) {
    return new Scorecard(
        "test",
        3,
        "Test",
        List.of(
            new MeasureGroup("adoption", "Adoption", 60, List.of(USERS, BREADTH)),
            new MeasureGroup("sentiment", "Sentiment", 40, List.of(NPS))),
        bands,
        0.5,
        null,
        null,
        null);
  }

  static final Scorecard SCORECARD = scorecard(Bands.DEFAULT);

  static Observation num(String key, double value, Duration age) {
    return Observation.number(key, value, NOW.minus(age));
  }

  static final List<Observation> ALL_PRESENT =
      List.of(
          num("active_users_ratio", 0.5, Duration.ofDays(1)),
          num("feature_breadth", 1.0, Duration.ofDays(2)),
          num("nps_response", 10, Duration.ofDays(3)),
          num("nps_response", 10, Duration.ofDays(4)),
          num("nps_response", 9, Duration.ofDays(5)),
          num("nps_response", 5, Duration.ofDays(6)));

  static MeasureResult measure(HealthResult result, String id) {
    return result.measures().stream().filter(m -> m.id().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void combines_weighted_measures_and_groups_into_one_explained_score() {
    HealthResult r = SCORER.score(SCORECARD, ALL_PRESENT, NOW, null);
    // users 50 x 0.6 x 1/4 = 7.5; breadth 100 x 0.6 x 3/4 = 45; nps 50 -> 75 x 0.4 = 30.
    assertEquals(82.5, r.score());
    assertEquals(Band.GREEN, r.band());
    assertEquals(1.0, r.coverage());
    assertEquals(0.15, measure(r, "users").effectiveWeight());
    assertEquals(7.5, measure(r, "users").contribution());
    assertEquals(45.0, measure(r, "breadth").contribution());
    assertEquals(50.0, measure(r, "nps").rawValue());
    assertEquals(4, measure(r, "nps").signalCount());
    assertEquals(30.0, measure(r, "nps").contribution());
    assertEquals(52.5, r.groups().get(0).contribution());
    assertEquals(87.5, r.groups().get(0).score());
    assertEquals("test", r.scorecardId());
    assertEquals(3, r.scorecardVersion());
    assertEquals(WeightedMeanEngine.ID, r.engine());
    assertNull(r.change());
  }

  @Test
  void drivers_are_the_measures_that_cost_most_points() {
    HealthResult r = SCORER.score(SCORECARD, ALL_PRESENT, NOW, null);
    // nps costs 0.4 x 25 = 10, users 0.15 x 50 = 7.5, breadth costs nothing.
    assertEquals(
        List.of("nps", "users"), r.drivers().stream().map(HealthResult.Driver::measureId).toList());
    assertEquals(10.0, r.drivers().get(0).pointsLost());
    assertEquals(7.5, r.drivers().get(1).pointsLost());
  }

  @Test
  void missing_measures_re_normalise_weight_and_lower_coverage() {
    List<Observation> withoutBreadth =
        ALL_PRESENT.stream().filter(o -> !o.key().equals("feature_breadth")).toList();
    HealthResult r = SCORER.score(SCORECARD, withoutBreadth, NOW, null);
    // users carries the whole adoption group: 50 x 0.6 = 30; nps 75 x 0.4 = 30.
    assertEquals(60.0, r.score());
    assertEquals(Band.YELLOW, r.band());
    assertEquals(0.55, r.coverage());
    assertEquals(MeasureStatus.MISSING, measure(r, "breadth").status());
    assertEquals(0.0, measure(r, "breadth").effectiveWeight());
  }

  @Test
  void below_minimum_coverage_the_band_is_unknown_but_the_score_is_shown() {
    HealthResult r =
        SCORER.score(
            SCORECARD, List.of(num("active_users_ratio", 0.5, Duration.ofDays(1))), NOW, null);
    assertEquals(50.0, r.score());
    assertEquals(0.15, r.coverage());
    assertEquals(Band.UNKNOWN, r.band());
  }

  @Test
  void nothing_present_gives_no_score_and_unknown_band() {
    HealthResult r = SCORER.score(SCORECARD, List.of(), NOW, null);
    assertNull(r.score());
    assertEquals(Band.UNKNOWN, r.band());
    assertEquals(0.0, r.coverage());
    assertTrue(r.drivers().isEmpty());
    assertTrue(r.measures().stream().allMatch(m -> m.status() == MeasureStatus.MISSING));
  }

  @Test
  void one_measure_scorecard_scores_that_measure() {
    Scorecard one =
        new Scorecard(
            "one",
            1,
            "One",
            List.of(new MeasureGroup("g", "G", 1, List.of(USERS))),
            null,
            0.5,
            null,
            null,
            null);
    HealthResult r =
        SCORER.score(one, List.of(num("active_users_ratio", 0.37, Duration.ofHours(1))), NOW, null);
    assertEquals(37.0, r.score());
    assertEquals(Band.RED, r.band());
    assertEquals(1.0, r.coverage());
  }

  @Test
  void out_of_range_raw_values_are_clamped_to_0_100() {
    Scorecard one =
        new Scorecard(
            "one",
            1,
            "One",
            List.of(new MeasureGroup("g", "G", 1, List.of(USERS))),
            null,
            0.5,
            null,
            null,
            null);
    assertEquals(
        100.0,
        SCORER.score(one, List.of(num("active_users_ratio", 7, Duration.ZERO)), NOW, null).score());
    assertEquals(
        0.0,
        SCORER
            .score(one, List.of(num("active_users_ratio", -3, Duration.ZERO)), NOW, null)
            .score());
  }

  @Test
  void observations_older_than_the_staleness_limit_do_not_count_and_are_reported_stale() {
    List<Observation> old =
        List.of(
            num("active_users_ratio", 0.9, Duration.ofDays(40)),
            num("nps_response", 10, Duration.ofDays(100)),
            num("feature_breadth", 0.2, Duration.ofDays(400)));
    HealthResult r = SCORER.score(SCORECARD, old, NOW, null);
    MeasureResult users = measure(r, "users");
    assertEquals(MeasureStatus.STALE, users.status());
    assertTrue(users.stale());
    assertEquals(0.9, users.rawValue());
    assertEquals(NOW.minus(Duration.ofDays(40)), users.observedAt());
    assertNull(users.normalised());
    assertEquals(MeasureStatus.STALE, measure(r, "nps").status());
    // breadth has no staleness limit: a year-old value still counts.
    assertEquals(MeasureStatus.PRESENT, measure(r, "breadth").status());
    assertEquals(20.0, r.score());
    assertEquals(Band.UNKNOWN, r.band()); // coverage 0.45 < 0.5
  }

  @Test
  void all_stale_gives_no_score() {
    Scorecard one =
        new Scorecard(
            "one",
            1,
            "One",
            List.of(new MeasureGroup("g", "G", 1, List.of(USERS))),
            null,
            0.5,
            null,
            null,
            null);
    HealthResult r =
        SCORER.score(one, List.of(num("active_users_ratio", 0.9, Duration.ofDays(31))), NOW, null);
    assertNull(r.score());
    assertEquals(Band.UNKNOWN, r.band());
    assertEquals(0.0, r.coverage());
  }

  @Test
  void windows_limit_what_is_aggregated() {
    List<Observation> answers =
        List.of(
            num("nps_response", 0, Duration.ofDays(120)), // outside the 90-day window
            num("nps_response", 10, Duration.ofDays(10)));
    HealthResult r = SCORER.score(SCORECARD, answers, NOW, null);
    assertEquals(100.0, measure(r, "nps").rawValue());
    assertEquals(1, measure(r, "nps").signalCount());
  }

  @Test
  void count_of_an_empty_window_is_zero_not_missing() {
    Measure tickets =
        new Measure(
            "tickets",
            "tickets_30d",
            Aggregation.COUNT,
            Duration.ofDays(7),
            null,
            new Normaliser.InvertedRange(0, 10),
            1,
            false);
    Scorecard card =
        new Scorecard(
            "c",
            1,
            "C",
            List.of(new MeasureGroup("g", "G", 1, List.of(tickets))),
            null,
            0.5,
            null,
            null,
            null);
    HealthResult r =
        SCORER.score(card, List.of(num("tickets_30d", 1, Duration.ofDays(20))), NOW, null);
    assertEquals(MeasureStatus.PRESENT, measure(r, "tickets").status());
    assertEquals(0.0, measure(r, "tickets").rawValue());
    assertEquals(100.0, r.score());
  }

  @Test
  void labels_are_scored_by_the_label_map_and_unscored_labels_count_as_missing() {
    Measure sentiment =
        new Measure(
            "sentiment",
            "csm_sentiment",
            Aggregation.LATEST,
            null,
            null,
            new Normaliser.LabelMap(Map.of("positive", 75.0)),
            1,
            false);
    Scorecard card =
        new Scorecard(
            "c",
            1,
            "C",
            List.of(new MeasureGroup("g", "G", 1, List.of(sentiment))),
            null,
            0.5,
            null,
            null,
            null);
    HealthResult r =
        SCORER.score(card, List.of(Observation.label("csm_sentiment", "positive", NOW)), NOW, null);
    assertEquals(75.0, r.score());
    assertEquals("positive", measure(r, "sentiment").rawLabel());
    HealthResult unscored =
        SCORER.score(card, List.of(Observation.label("csm_sentiment", "neutral", NOW)), NOW, null);
    assertEquals(MeasureStatus.MISSING, measure(unscored, "sentiment").status());
    assertNull(unscored.score());
  }

  @Test
  void band_thresholds_are_configurable() {
    HealthResult r = SCORER.score(scorecard(new Bands(50, 90)), ALL_PRESENT, NOW, null);
    assertEquals(82.5, r.score());
    assertEquals(Band.YELLOW, r.band());
    assertEquals(Band.RED, new Bands(50, 90).of(49.9));
    assertEquals(Band.GREEN, new Bands(50, 90).of(90));
    assertEquals(Band.RED, Bands.DEFAULT.of(39.9));
    assertEquals(Band.YELLOW, Bands.DEFAULT.of(40));
    assertEquals(Band.GREEN, Bands.DEFAULT.of(70));
  }

  @Test
  void change_reports_delta_band_change_and_the_measures_that_moved_most() {
    HealthResult.Previous previous =
        new HealthResult.Previous(
            70.0, Band.YELLOW, Map.of("users", 10.0, "breadth", 45.0, "nps", 30.0, "retired", 1.0));
    HealthResult r = SCORER.score(SCORECARD, ALL_PRESENT, NOW, previous);
    assertEquals(12.5, r.change().delta());
    assertEquals(70.0, r.change().previousScore());
    assertEquals(Band.YELLOW, r.change().previousBand());
    assertTrue(r.change().bandChanged());
    assertEquals(
        List.of("users", "retired"),
        r.change().movers().stream().map(HealthResult.Mover::measureId).toList());
    assertEquals(-2.5, r.change().movers().get(0).delta());
  }

  @Test
  void same_inputs_give_the_same_result() {
    List<Observation> reversed = new java.util.ArrayList<>(ALL_PRESENT);
    java.util.Collections.reverse(reversed);
    assertEquals(
        SCORER.score(SCORECARD, ALL_PRESENT, NOW, null),
        SCORER.score(SCORECARD, reversed, NOW, null));
  }

  @Test
  void data_need_asks_for_the_newest_value_of_latest_measures_and_the_window_of_others() {
    Map<String, DataNeed> needs = DataNeed.of(SCORECARD, NOW);
    assertTrue(needs.get("active_users_ratio").latestOnly());
    assertFalse(needs.get("nps_response").latestOnly());
    assertEquals(NOW.minus(Duration.ofDays(90)), needs.get("nps_response").since());
    assertEquals(Instant.EPOCH, needs.get("feature_breadth").since());
  }

  @Test
  void roundsHalfUpAtTheWrittenDecimalAndNeverToNegativeZero() {
    assertEquals(2.68, HealthScorer.round(2.675, 2));
    assertEquals(-2.68, HealthScorer.round(-2.675, 2));
    assertEquals(61.5, HealthScorer.round(61.45, 1));
    assertEquals(0.3333, HealthScorer.round(1.0 / 3, 4));
    assertEquals(100.0, HealthScorer.round(99.96, 1));
    assertEquals("0.0", Double.toString(HealthScorer.round(-0.001, 2)));
  }

  @Test
  void flags_a_csm_sentiment_that_contradicts_the_band() {
    Measure sentiment =
        new Measure(
            "sentiment",
            "csm_sentiment",
            Aggregation.LATEST,
            null,
            null,
            new Normaliser.LabelMap(
                Map.of(
                    "very_negative",
                    0.0,
                    "negative",
                    25.0,
                    "neutral",
                    50.0,
                    "positive",
                    75.0,
                    "very_positive",
                    100.0)),
            1,
            false);
    Scorecard card =
        new Scorecard(
            "c",
            1,
            "C",
            List.of(
                new MeasureGroup("csm", "CSM", 1, List.of(sentiment)),
                new MeasureGroup("usage", "Usage", 9, List.of(USERS))),
            null,
            0.5,
            null,
            null,
            null);
    HealthResult red =
        SCORER.score(
            card,
            List.of(
                Observation.label("csm_sentiment", "very_positive", NOW),
                num("active_users_ratio", 0.1, Duration.ZERO)),
            NOW,
            null);
    assertEquals(Band.RED, red.band()); // 100 x 0.1 + 10 x 0.9 = 19
    assertEquals(
        new HealthResult.Disagreement("very_positive", Band.RED, "csm_more_positive"),
        red.disagreement());
    HealthResult green =
        SCORER.score(
            card,
            List.of(
                Observation.label("csm_sentiment", "negative", NOW),
                num("active_users_ratio", 0.95, Duration.ZERO)),
            NOW,
            null);
    assertEquals(Band.GREEN, green.band());
    assertEquals("csm_more_negative", green.disagreement().direction());
    assertNull(
        SCORER
            .score(
                card,
                List.of(
                    Observation.label("csm_sentiment", "neutral", NOW),
                    num("active_users_ratio", 0.1, Duration.ZERO)),
                NOW,
                null)
            .disagreement());
    assertNull(
        SCORER
            .score(
                card,
                List.of(
                    Observation.label("csm_sentiment", "negative", NOW),
                    num("active_users_ratio", 0.1, Duration.ZERO)),
                NOW,
                null)
            .disagreement());
  }
}

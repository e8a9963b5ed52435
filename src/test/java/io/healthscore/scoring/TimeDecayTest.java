package io.healthscore.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimeDecayTest {

  static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
  static final Duration HALF_LIFE = Duration.ofDays(30);
  static final HealthScorer SCORER =
      new HealthScorer(WeightingEngines.discover(TimeDecayTest.class.getClassLoader()));
  static final ScorecardValidator VALIDATOR =
      new ScorecardValidator(
          StandardSignals::find, WeightingEngines.discover(TimeDecayTest.class.getClassLoader()));

  static Observation at(String key, double value, int daysAgo) {
    return Observation.number(key, value, NOW.minus(Duration.ofDays(daysAgo)));
  }

  static HealthResult.MeasureResult score(
      Aggregation aggregation, String key, Duration halfLife, List<Observation> observations) {
    Measure measure =
        new Measure(
            "m",
            key,
            aggregation,
            null,
            null,
            new Normaliser.LinearRange(-100, 100),
            1,
            false,
            halfLife);
    Scorecard card =
        new Scorecard(
            "c",
            1,
            "C",
            List.of(new MeasureGroup("g", "G", 1, List.of(measure))),
            null,
            0,
            null,
            null,
            null);
    return SCORER.score(card, observations, NOW, null).groups().get(0).measures().get(0);
  }

  @Test
  void older_answers_count_less_in_a_net_promoter_score() {
    List<Observation> answers = List.of(at("nps_response", 2, 60), at("nps_response", 10, 0));
    assertEquals(0.0, score(Aggregation.NPS, "nps_response", null, answers).rawValue());
    // Detractor weighs 1/4 (two half-lives), promoter 1: 100 * (1 - 0.25) / 1.25 = 60
    assertEquals(60.0, score(Aggregation.NPS, "nps_response", HALF_LIFE, answers).rawValue());
  }

  @Test
  void counts_sums_and_means_fade_with_age() {
    List<Observation> tickets = List.of(at("tickets_30d", 2, 0), at("tickets_30d", 4, 30));
    assertEquals(2.0, score(Aggregation.COUNT, "tickets_30d", null, tickets).rawValue());
    assertEquals(1.5, score(Aggregation.COUNT, "tickets_30d", HALF_LIFE, tickets).rawValue());
    assertEquals(4.0, score(Aggregation.SUM, "tickets_30d", HALF_LIFE, tickets).rawValue());
    // (2 * 1 + 4 * 0.5) / 1.5
    assertEquals(2.6667, score(Aggregation.MEAN, "tickets_30d", HALF_LIFE, tickets).rawValue());
  }

  @Test
  void observations_beyond_ten_half_lives_are_not_read() {
    List<Observation> old = List.of(at("tickets_30d", 1, 0), at("tickets_30d", 1, 301));
    assertEquals(1, score(Aggregation.COUNT, "tickets_30d", HALF_LIFE, old).signalCount());
    Measure measure =
        new Measure(
            "m",
            "tickets_30d",
            Aggregation.COUNT,
            Duration.ofDays(400),
            null,
            new Normaliser.LinearRange(0, 10),
            1,
            false,
            HALF_LIFE);
    assertEquals(Duration.ofDays(300), measure.horizon());
  }

  @Test
  void half_life_needs_an_aggregation_over_several_observations() {
    Measure latest =
        new Measure(
            "m",
            "active_users_ratio",
            Aggregation.LATEST,
            null,
            null,
            new Normaliser.LinearRange(0, 1),
            1,
            false,
            HALF_LIFE);
    Measure negative =
        new Measure(
            "n",
            "tickets_30d",
            Aggregation.COUNT,
            null,
            null,
            new Normaliser.LinearRange(0, 10),
            1,
            false,
            Duration.ofDays(-1));
    Scorecard card =
        new Scorecard(
            "c",
            1,
            "C",
            List.of(new MeasureGroup("g", "G", 1, List.of(latest, negative))),
            null,
            0.5,
            null,
            null,
            null);
    assertEquals(
        List.of("groups[0].measures[0].halfLife", "groups[0].measures[1].halfLife"),
        VALIDATOR.validate(card, "").stream().map(Violation::field).toList());
  }
}

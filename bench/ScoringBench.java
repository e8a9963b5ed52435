import io.healthscore.health.Scorecards;
import io.healthscore.scoring.AccountFacts;
import io.healthscore.scoring.Band;
import io.healthscore.scoring.HealthResult;
import io.healthscore.scoring.HealthScorer;
import io.healthscore.scoring.Observation;
import io.healthscore.scoring.Scorecard;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The scoring core alone, on one thread: microseconds per score of the bundled default scorecard
 * for an account with nine observations and a previous score (the change section is computed).
 * Every write, preview and recompute runs this once per account and scorecard.
 *
 * <p>Usage (bench/scoring.sh): java -cp target/classes:DEPENDENCIES ScoringBench.java [SECONDS]
 */
public class ScoringBench {

  public static void main(String[] args) {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    // Loads and validates the bundled scorecard and finds the engines as the service does; the
    // database side of Scorecards is not used here.
    Scorecards scorecards = new Scorecards(null, null, null, null);
    Scorecard scorecard = scorecards.bundledDefault();
    HealthScorer scorer = scorecards.scorer();

    Instant now = Instant.now();
    List<Observation> observations =
        List.of(
            Observation.label("csm_sentiment", "neutral", now.minusSeconds(3_600)),
            Observation.number("active_users_ratio", 0.4, now.minusSeconds(7_200)),
            Observation.number("goals_met_ratio", 0.5, now.minusSeconds(86_400)),
            Observation.number("urgent_tickets_30d", 3, now.minusSeconds(3 * 86_400)),
            Observation.number("nps_response", 9, now.minusSeconds(5 * 86_400)),
            Observation.number("nps_response", 6, now.minusSeconds(6 * 86_400)),
            Observation.number("tickets_30d", 4, now.minusSeconds(2 * 86_400)),
            Observation.number("feature_breadth", 0.3, now.minusSeconds(9 * 86_400)),
            Observation.number("licenses_activated_ratio", 0.7, now.minusSeconds(12 * 86_400)));
    HealthResult first = scorer.score(scorecard, AccountFacts.NONE, observations, now, null);
    Map<String, Double> before = new HashMap<>();
    first
        .groups()
        .forEach(g -> g.measures().forEach(m -> before.put(m.id(), m.contribution() * 0.9)));
    HealthResult.Previous previous =
        new HealthResult.Previous(first.score() - 3, Band.YELLOW, before);

    // The first rounds include the JIT's work; the last ones are the steady state.
    long checksum = 0;
    for (int round = 1; round <= seconds; round++) {
      long scores = 0;
      long start = System.nanoTime();
      while (System.nanoTime() - start < 1_000_000_000L) {
        for (int i = 0; i < 1_000; i++) {
          checksum +=
              scorer
                  .score(scorecard, AccountFacts.NONE, observations, now, previous)
                  .groups()
                  .size();
        }
        scores += 1_000;
      }
      System.out.printf(
          "second %2d: %6.2f µs per score%n",
          round, (System.nanoTime() - start) / 1_000.0 / scores);
    }
    System.out.println("(checksum " + checksum + ")");
  }
}

package io.healthscore.health;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.healthscore.common.ApiProblem;
import io.healthscore.health.HealthStore.NewScore;
import io.healthscore.health.HealthStore.Stored;
import io.healthscore.scorecard.Scorecards;
import io.healthscore.scoring.Band;
import io.healthscore.scoring.DataNeed;
import io.healthscore.scoring.HealthResult;
import io.healthscore.scoring.Observation;
import io.healthscore.scoring.Scorecard;
import io.healthscore.signal.SignalStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Computes scores from stored signals and keeps history and the latest-score projection. */
@ApplicationScoped
public class HealthService {

  private final Scorecards scorecards;
  private final SignalStore signals;
  private final HealthStore store;
  private final ObjectMapper json;

  public HealthService(Scorecards scorecards, SignalStore signals, HealthStore store,
      ObjectMapper json) {
    this.scorecards = scorecards;
    this.signals = signals;
    this.store = store;
    this.json = json;
  }

  /**
   * Scores the accounts now and appends the scores. The caller's transaction must hold the
   * accounts' row locks, so that concurrent writers to one account are serialised and each
   * computation sees every signal committed before it.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public Map<String, HealthView> rescore(String tenantId, Collection<String> accountIds,
      String trigger, Instant now) throws SQLException {
    Scorecard scorecard = scorecards.defaultScorecard();
    Map<String, List<Observation>> observations =
        signals.observations(tenantId, accountIds, DataNeed.of(scorecard, now).values());
    Map<String, Stored> previous = store.latest(tenantId, accountIds, scorecard.id());
    Map<String, HealthView> views = new LinkedHashMap<>();
    List<NewScore> scores = new ArrayList<>();
    for (String accountId : accountIds) {
      Stored before = previous.get(accountId);
      HealthResult result = scorecards.scorer().score(scorecard,
          observations.getOrDefault(accountId, List.of()), now,
          before == null ? null : toPrevious(read(before.json())));
      long sequence = before == null ? 1 : before.sequence() + 1;
      HealthView view = HealthView.of(accountId, sequence, trigger, result);
      views.put(accountId, view);
      scores.add(new NewScore(accountId, sequence, view, write(view)));
    }
    store.append(tenantId, trigger, scores);
    return views;
  }

  /** The latest score as stored JSON, or a 404 problem. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Stored latest(String tenantId, String accountId) throws SQLException {
    return store.latest(tenantId, accountId, scorecards.defaultScorecard().id())
        .orElseThrow(() -> ApiProblem.notFound("No account " + accountId));
  }

  private static HealthResult.Previous toPrevious(HealthView view) {
    return new HealthResult.Previous(view.score(),
        Band.valueOf(view.band().toUpperCase(Locale.ROOT)), view.contributions());
  }

  private HealthView read(String stored) {
    try {
      return json.readValue(stored, HealthView.class);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("unreadable stored score", e);
    }
  }

  private String write(HealthView view) {
    try {
      return json.writeValueAsString(view);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot write score", e);
    }
  }
}

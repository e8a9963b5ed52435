package io.healthscore.health;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.util.RawValue;
import io.healthscore.common.ApiProblem;
import io.healthscore.health.IngestStore.NewScore;
import io.healthscore.health.IngestStore.Previous;
import io.healthscore.health.IngestStore.State;
import io.healthscore.scorecard.Scorecards;
import io.healthscore.scoring.Band;
import io.healthscore.scoring.DataNeed;
import io.healthscore.scoring.HealthResult;
import io.healthscore.scoring.Observation;
import io.healthscore.scoring.Scorecard;
import io.healthscore.signal.NewSignal;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;

/** Computes scores from stored signals and keeps history and the latest-score projection. */
@ApplicationScoped
public class HealthService {

  private final Scorecards scorecards;
  private final IngestStore store;
  private final HealthQueries queries;
  private final LatestScoreCache cache;
  private final ObjectWriter json;
  private final ObjectReader contributionsReader;

  public HealthService(Scorecards scorecards, IngestStore store, HealthQueries queries,
      LatestScoreCache cache, ObjectMapper json) {
    this.scorecards = scorecards;
    this.store = store;
    this.queries = queries;
    this.cache = cache;
    this.json = json.writer();
    this.contributionsReader = json.readerFor(new TypeReference<Map<String, Double>>() {});
  }

  /** What a write stored, and the accounts' new scores. */
  public record Ingested(String tenantId, String scorecardId, int accepted, int duplicates,
      Map<String, StoredScore> scores) {

    /** An account's new score as the JSON stored in history, to reply without re-writing it. */
    public RawValue jsonOf(String accountId) {
      return new RawValue(scores.get(accountId).json());
    }
  }

  /**
   * Stores the new signals (a repeated eventId is skipped), re-scores the accounts and commits
   * the caller's transaction, which ends here. Unknown accounts are created. The accounts' row
   * locks serialise concurrent writers of one account, so each computation sees every signal
   * committed before it.
   */
  public Ingested ingest(Connection c, String tenantId, SortedSet<String> accountIds,
      List<NewSignal> signals, String trigger, Instant now) throws SQLException {
    Scorecard scorecard = scorecards.defaultScorecard();
    State state = store.lockAndRead(c, tenantId, accountIds, DataNeed.of(scorecard, now).values(),
        signals.stream().map(NewSignal::eventId).filter(Objects::nonNull).distinct().toList(),
        scorecard.id());
    Set<String> seen = new HashSet<>(state.storedEventIds());
    List<NewSignal> accepted = signals.stream()
        .filter(s -> s.eventId() == null || seen.add(State.eventKey(s.accountId(), s.eventId())))
        .toList();
    Map<String, List<Observation>> observations = new HashMap<>();
    state.observations().forEach((account, list) -> observations.put(account, new ArrayList<>(list)));
    for (NewSignal s : accepted) {
      observations.computeIfAbsent(s.accountId(), a -> new ArrayList<>())
          .add(new Observation(s.key(), s.number(), s.label(), s.observedAt()));
    }
    Map<String, StoredScore> written = new HashMap<>();
    List<NewScore> scores = new ArrayList<>();
    for (String accountId : accountIds) {
      Previous before = state.previous().get(accountId);
      HealthResult result = scorecards.scorer().score(scorecard,
          observations.getOrDefault(accountId, List.of()), now,
          before == null ? null : toPrevious(before));
      long sequence = before == null ? 1 : before.sequence() + 1;
      HealthView view = HealthView.of(accountId, sequence, trigger, result);
      String viewJson = write(view);
      written.put(accountId, new StoredScore(sequence, viewJson));
      scores.add(new NewScore(view, viewJson, write(view.contributions())));
    }
    store.writeAndCommit(c, tenantId, scorecard.id(), scorecard.version(), scorecard.engine(), trigger,
        accepted, scores);
    return new Ingested(tenantId, scorecard.id(), accepted.size(),
        signals.size() - accepted.size(), written);
  }

  /** Call after the transaction of {@link #ingest} committed: publishes the new scores. */
  public Ingested committed(Ingested ingested) {
    ingested.scores().forEach((accountId, stored) ->
        cache.offer(ingested.tenantId(), accountId, ingested.scorecardId(), stored));
    return ingested;
  }

  /** The latest score if this instance has it in memory, else null. Never blocks. */
  public StoredScore cached(String tenantId, String accountId) {
    return cache.get(tenantId, accountId, scorecards.defaultScorecard().id());
  }

  /** The latest score as stored JSON, or a 404 problem. */
  public StoredScore latest(String tenantId, String accountId) throws SQLException {
    String scorecardId = scorecards.defaultScorecard().id();
    StoredScore cached = cache.get(tenantId, accountId, scorecardId);
    if (cached != null) {
      return cached;
    }
    StoredScore stored = queries.latest(tenantId, accountId, scorecardId)
        .orElseThrow(() -> ApiProblem.notFound("No account " + accountId));
    cache.offer(tenantId, accountId, scorecardId, stored);
    return stored;
  }

  private HealthResult.Previous toPrevious(Previous previous) {
    try {
      return new HealthResult.Previous(previous.score(),
          Band.valueOf(previous.band().toUpperCase(Locale.ROOT)),
          contributionsReader.readValue(previous.contributions()));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("unreadable stored contributions", e);
    }
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot write score", e);
    }
  }
}

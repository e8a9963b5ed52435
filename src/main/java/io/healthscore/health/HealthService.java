package io.healthscore.health;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.healthscore.common.ApiProblem;
import io.healthscore.common.DaemonThreads;
import io.healthscore.health.IngestStore.NewScore;
import io.healthscore.health.IngestStore.Previous;
import io.healthscore.health.IngestStore.State;
import io.healthscore.health.Scorecards.Catalog;
import io.healthscore.scoring.AccountFacts;
import io.healthscore.scoring.Band;
import io.healthscore.scoring.DataNeed;
import io.healthscore.scoring.HealthResult;
import io.healthscore.scoring.Observation;
import io.healthscore.scoring.Scorecard;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

/** Computes scores from stored signals and keeps history and the latest-score projection. */
@ApplicationScoped
public class HealthService {

  private final Scorecards scorecards;
  private final IngestStore store;
  private final HealthQueries queries;
  private final LatestScoreCache cache;
  private final HealthMetrics metrics;
  private final ScoreForms forms;
  private final ObjectWriter json;
  private final ObjectReader contributionsReader;
  private final ObjectReader overrideReader;
  private final ExecutorService checks;

  public HealthService(
      Scorecards scorecards,
      IngestStore store,
      HealthQueries queries,
      LatestScoreCache cache,
      HealthMetrics metrics,
      ScoreForms forms,
      ObjectMapper json) {
    this.scorecards = scorecards;
    this.forms = forms;
    this.metrics = metrics;
    this.store = store;
    this.queries = queries;
    this.cache = cache;
    this.json = json.writer();
    this.contributionsReader = json.readerFor(new TypeReference<Map<String, Double>>() {});
    this.overrideReader = json.readerFor(StoredOverride.class);
    // Two threads, not the worker pool: the hot accounts' checks come due together, and
    // hundreds of workers running them at once took the cores from the I/O threads (every read
    // waited ~0.3 s, every second); queued here, they finish at different times, which spreads
    // the next round out too.
    this.checks = DaemonThreads.pool(2, "latest-score-check");
  }

  /** What a write stored, and the accounts' new scores by account and scorecard id. */
  public record Ingested(
      String tenantId,
      int accepted,
      int duplicates,
      int accountsScored,
      Map<String, Map<String, StoredScore>> scores,
      List<HealthMetrics.Scored> scored,
      List<NewSignal> acceptedSignals,
      Instant at) {}

  /**
   * Stores the new signals (a repeated eventId is skipped), re-scores the accounts with every
   * scorecard of the tenant and commits the caller's transaction, which ends here. Unknown accounts
   * are created. The accounts' row locks serialise concurrent writers of one account, so each
   * computation sees every signal committed before it.
   */
  public Ingested ingest(
      Connection c,
      String tenantId,
      SortedSet<String> accountIds,
      List<NewSignal> signals,
      String trigger,
      Instant now)
      throws SQLException {
    return score(c, tenantId, accountIds, signals, trigger, now, null);
  }

  /**
   * Re-scores the accounts with one scorecard (trigger recompute) and commits the caller's
   * transaction, which ends here.
   */
  public Ingested recompute(
      Connection c, String tenantId, SortedSet<String> accountIds, String scorecardId, Instant now)
      throws SQLException {
    return rescore(c, tenantId, accountIds, scorecardId, "recompute", now);
  }

  /** As {@link #recompute}, with another trigger (e.g. an override set or ended). */
  public Ingested rescore(
      Connection c,
      String tenantId,
      SortedSet<String> accountIds,
      String scorecardId,
      String trigger,
      Instant now)
      throws SQLException {
    return score(c, tenantId, accountIds, List.of(), trigger, now, scorecardId);
  }

  /** Scores with every scorecard, or only with {@code onlyScorecard} when it is not null. */
  private Ingested score(
      Connection c,
      String tenantId,
      SortedSet<String> accountIds,
      List<NewSignal> signals,
      String trigger,
      Instant now,
      String onlyScorecard)
      throws SQLException {
    List<String> eventIds =
        signals.stream().map(NewSignal::eventId).filter(Objects::nonNull).distinct().toList();
    Catalog catalog = scorecards.catalog(tenantId);
    State state = lockAndRead(c, tenantId, accountIds, catalog, eventIds, now);
    if (!state.scorecardVersions().equals(catalog.versions())) {
      // A scorecard changed since this instance loaded them: score with what the database holds.
      catalog = scorecards.reload(c, tenantId);
      state = lockAndRead(c, tenantId, accountIds, catalog, eventIds, now);
    }
    Set<String> seen = new HashSet<>(state.storedEventIds());
    List<NewSignal> accepted =
        signals.stream()
            .filter(
                s -> s.eventId() == null || seen.add(State.eventKey(s.accountId(), s.eventId())))
            .toList();
    Map<String, List<Observation>> observations = new HashMap<>();
    state
        .observations()
        .forEach((account, list) -> observations.put(account, new ArrayList<>(list)));
    for (NewSignal s : accepted) {
      observations
          .computeIfAbsent(s.accountId(), a -> new ArrayList<>())
          .add(new Observation(s.key(), s.number(), s.label(), s.observedAt()));
    }
    Map<String, Map<String, StoredScore>> written = new HashMap<>();
    Set<String> retried =
        onlyScorecard == null
            ? retriedAccounts(accountIds, signals, accepted, state, catalog)
            : Set.of();
    if (!retried.isEmpty()) {
      store
          .storedScores(c, tenantId, retried)
          .forEach(
              (account, byScorecard) ->
                  byScorecard.forEach(
                      (scorecardId, stored) ->
                          written
                              .computeIfAbsent(account, a -> new HashMap<>())
                              .put(
                                  scorecardId,
                                  StoredScore.of(
                                      stored.sequence(),
                                      forms.apiJson(tenantId, stored.stored())))));
    }
    List<NewScore> scores = new ArrayList<>();
    List<HealthMetrics.Scored> scored = new ArrayList<>();
    for (String accountId : accountIds) {
      if (retried.contains(accountId)) {
        continue;
      }
      AccountFacts facts = IngestStore.AccountRow.factsOf(state.accounts().get(accountId));
      for (Scorecard scorecard : catalog.byId().values()) {
        if (onlyScorecard != null && !onlyScorecard.equals(scorecard.id())) {
          continue;
        }
        Previous before = state.previous().get(State.scoreKey(accountId, scorecard.id()));
        HealthResult result =
            scorecards
                .scorer()
                .score(
                    scorecard,
                    facts,
                    observations.getOrDefault(accountId, List.of()),
                    now,
                    before == null ? null : toPrevious(before));
        long sequence = before == null ? 1 : before.sequence() + 1;
        HealthView view =
            HealthView.of(
                accountId,
                sequence,
                trigger,
                result,
                override(state.overrides().get(State.scoreKey(accountId, scorecard.id()))));
        written
            .computeIfAbsent(accountId, a -> new HashMap<>())
            .put(scorecard.id(), StoredScore.lazy(sequence, () -> forms.apiJson(view)));
        scores.add(
            new NewScore(
                view,
                result.segment(),
                result.engine(),
                forms.storedJson(view),
                write(view.contributions()),
                before == null ? null : before.score(),
                before == null ? null : before.band()));
        scored.add(
            new HealthMetrics.Scored(trigger, before == null ? null : before.band(), view.band()));
      }
    }
    store.writeAndCommit(c, tenantId, trigger, accepted, scores);
    return new Ingested(
        tenantId,
        accepted.size(),
        signals.size() - accepted.size(),
        accountIds.size() - retried.size(),
        written,
        scored,
        accepted,
        now);
  }

  /**
   * Accounts whose signals in this request were all stored before (a retried write): they keep
   * their latest scores, so a retry adds no history row and sends no webhook event.
   */
  private static Set<String> retriedAccounts(
      SortedSet<String> accountIds,
      List<NewSignal> signals,
      List<NewSignal> accepted,
      State state,
      Catalog catalog) {
    if (accepted.size() == signals.size()) {
      return Set.of();
    }
    Set<String> retried = new HashSet<>(accountIds);
    accepted.forEach(s -> retried.remove(s.accountId()));
    retried.removeIf(
        account ->
            !catalog.byId().keySet().stream()
                .allMatch(
                    scorecard -> state.previous().containsKey(State.scoreKey(account, scorecard))));
    return retried;
  }

  private State lockAndRead(
      Connection c,
      String tenantId,
      SortedSet<String> accountIds,
      Catalog catalog,
      List<String> eventIds,
      Instant now)
      throws SQLException {
    return store.lockAndRead(
        c,
        tenantId,
        accountIds,
        DataNeed.of(catalog.byId().values(), now).values(),
        eventIds,
        catalog.byId().keySet());
  }

  /** An override in force as the database wrote it (JSON with offset timestamps). */
  private record StoredOverride(
      Double score,
      String band,
      String reason,
      String author,
      OffsetDateTime createdAt,
      OffsetDateTime expiresAt) {}

  private HealthView.OverrideView override(String stored) {
    if (stored == null) {
      return null;
    }
    try {
      StoredOverride o = overrideReader.readValue(stored);
      return new HealthView.OverrideView(
          o.score(),
          o.band(),
          o.reason(),
          o.author(),
          o.createdAt().toInstant(),
          o.expiresAt().toInstant());
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("unreadable stored override", e);
    }
  }

  /**
   * Call after the transaction of {@link #ingest} committed: publishes the new scores. Those
   * already rendered stay in memory for reads; of the others only the sequence number is kept (see
   * {@link LatestScoreCache#offer}).
   */
  public Ingested committed(Ingested ingested) {
    metrics.recorded(ingested.scored(), ingested.acceptedSignals(), Instant.now());
    ingested
        .scores()
        .forEach(
            (accountId, byScorecard) ->
                byScorecard.forEach(
                    (scorecardId, stored) ->
                        cache.offer(ingested.tenantId(), accountId, scorecardId, stored)));
    return ingested;
  }

  /**
   * As {@link #committed(Ingested)}, for a write that replies with one of its new scores: that
   * score is rendered before it is published, so that it stays in memory for reads.
   */
  public StoredScore committed(Ingested ingested, String accountId, String scorecardId) {
    StoredScore reply = ingested.scores().get(accountId).get(scorecardId);
    reply.json();
    committed(ingested);
    return reply;
  }

  /** A score's API form in the detail the caller asked for. */
  public String reply(StoredScore stored, ScoreDetail detail) {
    return forms.in(detail, stored.json());
  }

  /** As {@link #committed(Ingested, String, String)}, replying with the default score. */
  public StoredScore committed(Ingested ingested, String accountId) {
    return committed(ingested, accountId, Scorecards.DEFAULT_ID);
  }

  /**
   * The latest score if this instance has it in memory, else null. When it is due for a check, one
   * caller starts it in the background (see {@link #checkLater}). Never blocks.
   */
  public StoredScore cached(String tenantId, String accountId, String scorecardId) {
    LatestScoreCache.Lookup cached = cache.lookup(tenantId, accountId, scorecardId);
    if (cached == null) {
      return null;
    }
    if (cached.check()) {
      checkLater(tenantId, accountId, scorecardId);
    }
    return cached.score();
  }

  /** The latest score in the API form, or a 404 problem (no such scorecard, or no score). */
  public StoredScore latest(String tenantId, String accountId, String scorecardId)
      throws SQLException {
    StoredScore cached = cache.get(tenantId, accountId, scorecardId);
    if (cached != null) {
      return cached;
    }
    StoredScore stored = stored(tenantId, accountId, scorecardId);
    cache.offer(tenantId, accountId, scorecardId, stored);
    return stored;
  }

  /**
   * Checks a cached latest score against the database, in the background (it is due, late in the
   * cache's time to live): the database's answer replaces or confirms it. One that cannot be
   * checked is dropped, so the next read goes to the database and answers what it finds (an error,
   * say).
   */
  private void checkLater(String tenantId, String accountId, String scorecardId) {
    try {
      checks.execute(
          () -> {
            try {
              cache.offer(
                  tenantId, accountId, scorecardId, stored(tenantId, accountId, scorecardId));
            } catch (SQLException | RuntimeException e) {
              cache.drop(tenantId, accountId, scorecardId);
            }
          });
    } catch (RejectedExecutionException stopping) {
      cache.drop(tenantId, accountId, scorecardId);
    }
  }

  void stop(@Observes ShutdownEvent event) {
    checks.shutdownNow();
  }

  private StoredScore stored(String tenantId, String accountId, String scorecardId)
      throws SQLException {
    scorecards.catalog(tenantId).get(scorecardId);
    return queries
        .latest(tenantId, accountId, scorecardId)
        .map(row -> render(tenantId, accountId, scorecardId, row))
        .orElseThrow(
            () ->
                ApiProblem.notFound(
                    Scorecards.DEFAULT_ID.equals(scorecardId)
                        ? "No account " + accountId
                        : "No score of account " + accountId + " by scorecard " + scorecardId));
  }

  private StoredScore render(
      String tenantId, String accountId, String scorecardId, HistoryRow row) {
    StoredScore kept = cache.rendered(tenantId, accountId, scorecardId, row.sequence());
    if (kept != null) {
      return kept;
    }
    StoredScore rendered = StoredScore.of(row.sequence(), forms.apiJson(tenantId, row.stored()));
    cache.keepRendered(tenantId, accountId, scorecardId, rendered);
    return rendered;
  }

  private HealthResult.Previous toPrevious(Previous previous) {
    try {
      return new HealthResult.Previous(
          previous.score(),
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

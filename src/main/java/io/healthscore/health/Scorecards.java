package io.healthscore.health;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.healthscore.common.ApiProblem;
import io.healthscore.common.Transactions;
import io.healthscore.health.ScorecardStore.StoredVersion;
import io.healthscore.scoring.HealthScorer;
import io.healthscore.scoring.Scorecard;
import io.healthscore.scoring.ScorecardValidator;
import io.healthscore.scoring.StandardSignals;
import io.healthscore.scoring.WeightingEngine;
import io.healthscore.scoring.WeightingEngines;
import io.healthscore.security.Tenants;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tenants' scorecards: stored with immutable versions, validated on every save, held in memory
 * per tenant. A write path that finds a newer version in the database than in memory reloads (see
 * {@link Catalog#versions}), so instances never score with a replaced version. Each tenant starts
 * with the bundled default scorecard as version 1 of {@value #DEFAULT_ID}.
 */
@ApplicationScoped
public class Scorecards {

  /** The scorecard whose scores reads return when they name none. */
  public static final String DEFAULT_ID = "default";

  static final String DEFAULT_RESOURCE = "scorecards/default.yaml";

  /** The current version of every scorecard of a tenant, by id in id order. */
  public record Catalog(Map<String, Scorecard> byId) {

    public Map<String, Integer> versions() {
      Map<String, Integer> versions = new LinkedHashMap<>();
      byId.forEach((id, scorecard) -> versions.put(id, scorecard.version()));
      return versions;
    }

    /** The scorecard, or a 404 problem. */
    public Scorecard get(String scorecardId) {
      Scorecard scorecard = byId.get(scorecardId);
      if (scorecard == null) {
        throw ApiProblem.notFound("No scorecard " + scorecardId);
      }
      return scorecard;
    }
  }

  private final List<WeightingEngine> engines =
      WeightingEngines.discover(Thread.currentThread().getContextClassLoader());
  private final HealthScorer scorer = new HealthScorer(engines);
  private final ScorecardValidator standardValidator =
      new ScorecardValidator(StandardSignals::find, engines);
  private final ScorecardDefinition bundledDefault = readBundledDefault();
  private final Map<String, Catalog> catalogs = new ConcurrentHashMap<>();
  private final ScorecardStore store;
  private final SignalKeys signalKeys;
  private final Transactions transactions;
  private final ObjectMapper json;

  public Scorecards(
      ScorecardStore store, SignalKeys signalKeys, Transactions transactions, ObjectMapper json) {
    this.store = store;
    this.signalKeys = signalKeys;
    this.transactions = transactions;
    this.json = json;
  }

  void seedDefaultTenant(@Observes StartupEvent started) throws SQLException {
    transactions.inTenant(Tenants.DEFAULT, c -> seed(c, Tenants.DEFAULT));
    refresh(Tenants.DEFAULT);
  }

  /** Gives a new tenant the bundled default scorecard (nothing when it has one already). */
  public boolean seed(Connection c, String tenantId) throws SQLException {
    return store.create(
        c,
        tenantId,
        DEFAULT_ID,
        write(ScorecardMapper.toDefinition(bundledDefault()).withVersion(null)));
  }

  // After a save the new catalog is loaded at once: readers on the event loop never wait for it.
  private void refresh(String tenantId) throws SQLException {
    transactions.inTenant(tenantId, c -> reload(c, tenantId));
  }

  /** The scorecard every tenant starts with, as bundled (also what bench/scoring.sh scores). */
  public Scorecard bundledDefault() {
    return ScorecardMapper.toScorecard(bundledDefault, "", standardValidator);
  }

  public HealthScorer scorer() {
    return scorer;
  }

  /** The weighting engines on the classpath, sorted by id. */
  public List<WeightingEngine> engines() {
    return engines;
  }

  /**
   * The tenant's scorecards as this instance last loaded them (kept in memory: only a tenant's
   * first use reads the database).
   */
  public Catalog catalog(String tenantId) throws SQLException {
    Catalog catalog = catalogs.get(tenantId);
    if (catalog == null) {
      catalog = transactions.inTenant(tenantId, c -> reload(c, tenantId));
    }
    return catalog;
  }

  /** True when the tenant's scorecards are in memory (reading them needs no database). */
  public boolean isLoaded(String tenantId) {
    return catalogs.containsKey(tenantId);
  }

  /** Loads the tenant's scorecards as the connection's transaction sees them. */
  public Catalog reload(Connection c, String tenantId) throws SQLException {
    Map<String, Scorecard> byId = new LinkedHashMap<>();
    for (StoredVersion stored : store.current(c, tenantId)) {
      byId.put(stored.scorecardId(), toScorecard(tenantId, stored));
    }
    Catalog catalog = new Catalog(Collections.unmodifiableMap(byId));
    catalogs.put(tenantId, catalog);
    return catalog;
  }

  /**
   * Validates a scorecard against the tenant's signal keys and the engines; problems are reported
   * under {@code root}.
   */
  public Scorecard fromDefinition(String tenantId, ScorecardDefinition definition, String root) {
    return ScorecardMapper.toScorecard(
        definition, root, new ScorecardValidator(key -> signalKeys.find(tenantId, key), engines));
  }

  /** A stored version and the job that recomputes the accounts with it. */
  public record Saved(Scorecard scorecard, long recomputeJob) {}

  /**
   * What saving a version starts in the same transaction (the recompute job, which the scorecard
   * feature owns): its id; and what follows once the save committed.
   */
  @FunctionalInterface
  public interface AfterSave {
    long started(Connection c, String tenantId, Scorecard saved) throws SQLException;

    /** After the commit (e.g. this instance's workers start on the job now). */
    default void committed() {}
  }

  /**
   * Stores version 1 of a new scorecard and starts recomputing every account with it; 409 when the
   * id is taken.
   */
  public Saved create(String tenantId, ScorecardDefinition definition, AfterSave afterSave)
      throws SQLException {
    Scorecard scorecard =
        fromDefinition(tenantId, definition == null ? null : definition.withVersion(1), "");
    long job =
        transactions.inTenant(
            tenantId,
            c -> {
              if (!store.create(
                  c,
                  tenantId,
                  scorecard.id(),
                  write(ScorecardMapper.toDefinition(scorecard).withVersion(null)))) {
                throw ApiProblem.conflict(
                    "Scorecard " + scorecard.id() + " exists; update it with PUT");
              }
              return afterSave.started(c, tenantId, scorecard);
            });
    refresh(tenantId);
    afterSave.committed();
    return new Saved(scorecard, job);
  }

  /**
   * Stores the next version of a scorecard if its current version is {@code expectedVersion} (null:
   * any) and starts recomputing every account with it (superseding a job still running for an older
   * version); 404 when there is no such scorecard, 412 when it has moved on.
   */
  public Saved update(
      String tenantId,
      String scorecardId,
      Integer expectedVersion,
      ScorecardDefinition definition,
      AfterSave afterSave)
      throws SQLException {
    ScorecardDefinition named = named(scorecardId, definition);
    fromDefinition(tenantId, named, ""); // all problems reported before anything is written
    Saved saved =
        transactions.inTenant(
            tenantId,
            c -> {
              var next = store.nextVersion(c, tenantId, scorecardId, expectedVersion);
              if (next.isEmpty()) {
                if (store.versions(c, tenantId, scorecardId).isEmpty()) {
                  throw ApiProblem.notFound("No scorecard " + scorecardId);
                }
                throw ApiProblem.preconditionFailed(
                    "Scorecard "
                        + scorecardId
                        + " is no longer at "
                        + "version "
                        + expectedVersion
                        + "; read it again and re-apply the change");
              }
              Scorecard scorecard =
                  fromDefinition(tenantId, named.withVersion(next.getAsInt()), "");
              store.insertVersion(
                  c,
                  tenantId,
                  scorecardId,
                  scorecard.version(),
                  write(ScorecardMapper.toDefinition(scorecard).withVersion(null)));
              return new Saved(scorecard, afterSave.started(c, tenantId, scorecard));
            });
    refresh(tenantId);
    afterSave.committed();
    return saved;
  }

  /** A draft of the scorecard (e.g. to preview), validated; its id is the one in the path. */
  public Scorecard draft(String tenantId, String scorecardId, ScorecardDefinition definition) {
    return fromDefinition(tenantId, named(scorecardId, definition), "");
  }

  private static ScorecardDefinition named(String scorecardId, ScorecardDefinition definition) {
    if (definition != null && definition.id() != null && !definition.id().equals(scorecardId)) {
      throw ApiProblem.invalid("id", "must be " + scorecardId + " (the id in the path) or absent");
    }
    return definition == null
        ? null
        : new ScorecardDefinition(
            scorecardId,
            null,
            definition.name(),
            definition.engine(),
            definition.engineSettings(),
            definition.minCoverage(),
            definition.bands(),
            definition.groups(),
            definition.segments());
  }

  /** Every version of a scorecard, newest first; 404 when there is none. */
  public List<StoredVersion> versions(String tenantId, String scorecardId) throws SQLException {
    List<StoredVersion> versions =
        transactions.inTenant(tenantId, c -> store.versions(c, tenantId, scorecardId));
    if (versions.isEmpty()) {
      throw ApiProblem.notFound("No scorecard " + scorecardId);
    }
    return versions;
  }

  /** The current version of a scorecard as the database holds it, or a 404 problem. */
  public Scorecard current(String tenantId, String scorecardId) throws SQLException {
    return toScorecard(
        tenantId,
        transactions
            .inTenant(tenantId, c -> store.current(c, tenantId, scorecardId))
            .orElseThrow(() -> ApiProblem.notFound("No scorecard " + scorecardId)));
  }

  /** One version of a scorecard, or a 404 problem. */
  public Scorecard version(String tenantId, String scorecardId, int version) throws SQLException {
    return toScorecard(
        tenantId,
        transactions
            .inTenant(tenantId, c -> store.version(c, tenantId, scorecardId, version))
            .orElseThrow(
                () ->
                    ApiProblem.notFound("No version " + version + " of scorecard " + scorecardId)));
  }

  private Scorecard toScorecard(String tenantId, StoredVersion stored) {
    try {
      ScorecardDefinition definition =
          json.readValue(stored.definition(), ScorecardDefinition.class);
      return fromDefinition(tenantId, definition.withVersion(stored.version()), "");
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("unreadable stored scorecard " + stored.scorecardId(), e);
    }
  }

  private String write(ScorecardDefinition definition) {
    try {
      return json.writeValueAsString(definition);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private ScorecardDefinition readBundledDefault() {
    ObjectMapper yaml =
        new ObjectMapper(new YAMLFactory())
            .registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    try (InputStream in =
        Thread.currentThread().getContextClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing scorecard resource " + DEFAULT_RESOURCE);
      }
      ScorecardDefinition definition = yaml.readValue(in, ScorecardDefinition.class);
      ScorecardMapper.toScorecard(definition, "", standardValidator); // broken: no start
      return definition;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read scorecard " + DEFAULT_RESOURCE, e);
    } catch (ApiProblem e) {
      throw new IllegalStateException(
          "invalid scorecard " + DEFAULT_RESOURCE + ": " + e.getMessage(), e);
    }
  }
}

package io.healthscore.health;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.healthscore.common.Transactions;
import io.healthscore.health.IngestStore.NewScore;
import io.healthscore.health.IngestStore.Previous;
import io.healthscore.health.IngestStore.State;
import io.healthscore.scoring.DataNeed;
import io.healthscore.scoring.HealthResult;
import io.healthscore.scoring.Observation;
import io.healthscore.scoring.Scorecard;
import io.healthscore.security.RequiresScope;
import io.healthscore.security.Scope;
import io.healthscore.signal.ScoreRequest;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * NOT PART OF THE SERVICE. bench/ceiling.sh compiles this into a throwaway copy of it to measure
 * how fast the service could be if its own work cost nothing: each endpoint takes the request
 * through the same HTTP server, authentication and (for ingest) connection pool, driver and SQL as
 * the real one, and replaces parsing, scoring or JSON rendering by results made once, at start,
 * from a real score of the same signals as bench/run.sh sends.
 */
@Path("/v1/ceiling")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class Ceiling {

  private static final String TENANT = "default";
  private static final AtomicLong EVENTS = new AtomicLong();

  private final Transactions transactions;
  private final IngestStore store;
  private final Scorecards scorecards;
  private final HealthView ingestView;
  private final NewScore ingestScore;
  private final byte[] ingestReply;
  private final HealthView statelessView;
  private final byte[] statelessReply;
  private final HealthView statelessSummary;

  public Ceiling(
      Transactions transactions,
      IngestStore store,
      Scorecards scorecards,
      ScoreForms forms,
      ObjectMapper json)
      throws SQLException, JsonProcessingException {
    this.transactions = transactions;
    this.store = store;
    this.scorecards = scorecards;
    Instant now = Instant.now();
    Scorecard card = scorecards.catalog(TENANT).get(Scorecards.DEFAULT_ID);
    // The bench accounts' ten seeded signals plus the ingested one (bench/fixtures.sh).
    HealthResult seeded =
        scorecards
            .scorer()
            .score(
                card,
                List.of(
                    Observation.label("csm_sentiment", "positive", now),
                    Observation.number("active_users_ratio", 0.55, now),
                    Observation.number("goals_met_ratio", 0.7, now),
                    Observation.number("urgent_tickets_30d", 1, now),
                    Observation.number("feature_breadth", 0.5, now),
                    Observation.number("licenses_activated_ratio", 0.8, now),
                    Observation.number("nps_response", 9, now),
                    Observation.number("days_since_last_touch", 4, now),
                    Observation.number("advocacy", 6, now),
                    Observation.number("tickets_30d", 3, now)),
                now,
                null);
    ingestView = HealthView.of("bench-0", 2L, "signals", seeded);
    ingestScore =
        new NewScore(
            ingestView,
            seeded.segment(),
            seeded.engine(),
            forms.storedJson(ingestView),
            json.writeValueAsString(ingestView.contributions()),
            null,
            null);
    ingestReply =
        ("{\"accountId\":\"bench-0\",\"accepted\":1,\"duplicates\":0,\"health\":"
                + forms.apiJson(ingestView)
                + "}")
            .getBytes(StandardCharsets.UTF_8);
    // The signals of bench/fixtures.sh's score.json.
    statelessView =
        HealthView.of(
            null,
            null,
            "stateless",
            scorecards
                .scorer()
                .score(
                    card,
                    List.of(
                        Observation.label("csm_sentiment", "neutral", now),
                        Observation.number("active_users_ratio", 0.4, now),
                        Observation.number("goals_met_ratio", 0.5, now),
                        Observation.number("urgent_tickets_30d", 3, now),
                        Observation.number("nps_response", 9, now),
                        Observation.number("nps_response", 6, now),
                        Observation.number("tickets_30d", 4, now)),
                    now,
                    null));
    statelessReply = forms.apiJson(statelessView).getBytes(StandardCharsets.UTF_8);
    statelessSummary = statelessView.in(ScoreDetail.SUMMARY);
  }

  /** Ingest's lock, read and write of one signal, with a score and reply made at start. */
  @RequiresScope(Scope.SIGNALS_WRITE)
  @POST
  @Path("/accounts/{accountId}/signals")
  public byte[] ingest(@PathParam("accountId") String accountId, byte[] body) throws SQLException {
    Instant now = Instant.now();
    NewSignal signal =
        new NewSignal(
            accountId,
            "active_users_ratio",
            0.55,
            null,
            now,
            "bench",
            "ceiling-" + EVENTS.incrementAndGet());
    return transactions.tenantNamedByWork(
        c -> {
          var catalog = scorecards.catalog(TENANT);
          State state =
              store.lockAndRead(
                  c,
                  TENANT,
                  List.of(accountId),
                  DataNeed.of(catalog.byId().values(), now).values(),
                  List.of(signal.eventId()),
                  catalog.byId().keySet());
          Previous before = state.previous().get(State.scoreKey(accountId, Scorecards.DEFAULT_ID));
          HealthView v = ingestView;
          HealthView view =
              new HealthView(
                  accountId,
                  before == null ? 1 : before.sequence() + 1,
                  v.scorecard(),
                  v.segment(),
                  v.engine(),
                  v.score(),
                  v.band(),
                  v.coverage(),
                  v.trigger(),
                  now,
                  v.groups(),
                  v.drivers(),
                  v.change(),
                  v.disagreement(),
                  v.override());
          store.writeAndCommit(
              c,
              TENANT,
              "signals",
              List.of(signal),
              List.of(
                  new NewScore(
                      view,
                      ingestScore.segment(),
                      ingestScore.engine(),
                      ingestScore.stored(),
                      ingestScore.contributions(),
                      before == null ? null : before.score(),
                      before == null ? null : before.band())));
          return ingestReply;
        });
  }

  /** The request body read as bytes; the reply, a stateless score's, made at start. */
  @NonBlocking
  @RequiresScope(Scope.HEALTH_READ)
  @POST
  @Path("/score/canned")
  public byte[] canned(byte[] body) {
    return statelessReply;
  }

  /** The request parsed and validated as /v1/score does; the reply made at start. */
  @NonBlocking
  @RequiresScope(Scope.HEALTH_READ)
  @POST
  @Path("/score/parsed")
  public byte[] parsed(@Valid ScoreRequest body) {
    return statelessReply;
  }

  /**
   * The request parsed and validated as /v1/score does; a summary made at start, rendered by
   * Jackson each time: all of {@code /v1/score?view=summary} but the score itself.
   */
  @NonBlocking
  @RequiresScope(Scope.HEALTH_READ)
  @POST
  @Path("/score/summary")
  public HealthView summary(@Valid ScoreRequest body) {
    return statelessSummary;
  }

  /** The request body read as bytes; a score made at start, rendered by Jackson each time. */
  @NonBlocking
  @RequiresScope(Scope.HEALTH_READ)
  @POST
  @Path("/score/rendered")
  public HealthView rendered(byte[] body) {
    return statelessView;
  }
}

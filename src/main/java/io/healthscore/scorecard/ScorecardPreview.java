package io.healthscore.scorecard;

import io.healthscore.common.Cursor;
import io.healthscore.common.Transactions;
import io.healthscore.health.IngestStore;
import io.healthscore.health.IngestStore.Previous;
import io.healthscore.health.IngestStore.State;
import io.healthscore.health.Scorecards;
import io.healthscore.scoring.AccountFacts;
import io.healthscore.scoring.DataNeed;
import io.healthscore.scoring.HealthResult;
import io.healthscore.scoring.Scorecard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What-if: scores the whole portfolio with a draft scorecard, from one consistent snapshot, and
 * compares with the scores in force. Writes nothing.
 */
@ApplicationScoped
public class ScorecardPreview {

  static final int BATCH = 1_000;
  static final List<String> BANDS = List.of("red", "yellow", "green", "unknown", "unscored");

  // The active book, as a recompute re-scores it: churned accounts keep their last score.
  private static final String ACCOUNTS =
      """
      select account_id from account
      where tenant_id = ? and status = 'active' and (?::text is null or account_id > ?)
      order by account_id limit ?
      """;

  @Schema(name = "PreviewBand")
  public record BandTotals(
      @Schema(example = "120") int accounts,
      @Schema(description = "ARR per currency.", example = "{\"USD\": 1250000}")
          Map<String, BigDecimal> arr) {}

  @Schema(name = "PreviewChange")
  public record BandChange(
      @Schema(example = "acme-001") String accountId,
      @Schema(example = "72.5") Double scoreBefore,
      @Schema(description = "unscored when the scorecard has not scored it yet.", example = "green")
          String bandBefore,
      @Schema(example = "64.1") Double scoreAfter,
      @Schema(example = "yellow") String bandAfter,
      @Schema(example = "120000") BigDecimal arr,
      @Schema(example = "USD") String currency) {}

  @Schema(
      name = "ScorecardPreview",
      description =
          "The portfolio (its active accounts) scored with the draft, "
              + "compared with the scores in force. Nothing is written.")
  public record Result(
      @Schema(example = "default") String scorecardId,
      @Schema(description = "Accounts previewed.", example = "1000") int accounts,
      @Schema(
              description =
                  "Accounts and ARR per band with the scores in force (red, yellow, "
                      + "green, unknown, unscored).")
          Map<String, BandTotals> before,
      @Schema(description = "Accounts and ARR per band with the draft.")
          Map<String, BandTotals> after,
      @Schema(description = "Accounts whose band the draft changes.", example = "37")
          int changedAccounts,
      @Schema(description = "One page of them, by account id.") List<BandChange> changes,
      @Schema(description = "Cursor for the next page of changes; absent on the last.")
          String nextCursor,
      @Schema(
              description =
                  "On the first page, when renewal outcomes are on record: how the draft and the"
                      + " version in force would have predicted them.")
          ChurnEvidence.Prediction prediction) {}

  private final IngestStore store;
  private final Scorecards scorecards;
  private final Transactions transactions;
  private final Instance<ChurnEvidence> evidence;

  public ScorecardPreview(
      IngestStore store,
      Scorecards scorecards,
      Transactions transactions,
      Instance<ChurnEvidence> evidence) {
    this.store = store;
    this.scorecards = scorecards;
    this.transactions = transactions;
    this.evidence = evidence;
  }

  /** The draft's and the version in force's predictive figures (first page only). */
  private ChurnEvidence.Prediction prediction(String tenantId, Scorecard draft, String cursor)
      throws SQLException {
    if (cursor != null || !evidence.isResolvable()) {
      return null;
    }
    Scorecard inForce = scorecards.catalog(tenantId).byId().get(draft.id());
    return evidence.get().compare(tenantId, inForce, draft);
  }

  public Result preview(String tenantId, Scorecard draft, String cursor, int limit)
      throws SQLException {
    String pageAfter = cursor == null ? null : Cursor.decode(cursor, 1).get(0);
    Instant now = Instant.now();
    List<DataNeed> needs = List.copyOf(DataNeed.of(draft, now).values());
    Map<String, Totals> before = totals();
    Map<String, Totals> after = totals();
    // One snapshot for every batch: a consistent portfolio even while writes go on.
    Walk walked =
        transactions.snapshotInTenant(
            tenantId,
            c -> {
              Walk walk = new Walk();
              String last = null;
              for (List<String> ids = next(c, tenantId, null);
                  !ids.isEmpty();
                  ids = next(c, tenantId, last)) {
                State state = store.read(c, tenantId, ids, needs, List.of(draft.id()));
                for (String id : ids) {
                  IngestStore.AccountRow row = state.accounts().get(id);
                  AccountFacts facts = IngestStore.AccountRow.factsOf(row);
                  Previous previous = state.previous().get(State.scoreKey(id, draft.id()));
                  HealthResult result =
                      scorecards
                          .scorer()
                          .score(
                              draft,
                              facts,
                              state.observations().getOrDefault(id, List.of()),
                              now,
                              null);
                  String bandBefore = previous == null ? "unscored" : previous.band();
                  String bandAfter = result.band().wireName();
                  BigDecimal arr =
                      facts.arr() == null
                          ? null
                          : BigDecimal.valueOf(facts.arr()).setScale(2, RoundingMode.HALF_UP);
                  String currency = row == null ? null : row.currency();
                  before.get(bandBefore).add(arr, currency);
                  after.get(bandAfter).add(arr, currency);
                  walk.count++;
                  if (!bandBefore.equals(bandAfter)) {
                    walk.changed++;
                    if (pageAfter == null || id.compareTo(pageAfter) > 0) {
                      if (walk.page.size() < limit) {
                        walk.page.add(
                            new BandChange(
                                id,
                                previous == null ? null : previous.score(),
                                bandBefore,
                                result.score(),
                                bandAfter,
                                arr,
                                currency));
                      } else {
                        walk.more = true;
                      }
                    }
                  }
                }
                last = ids.get(ids.size() - 1);
              }
              return walk;
            });
    return new Result(
        draft.id(),
        walked.count,
        view(before),
        view(after),
        walked.changed,
        walked.page,
        walked.more ? Cursor.encode(walked.page.get(walked.page.size() - 1).accountId()) : null,
        prediction(tenantId, draft, cursor));
  }

  /** What one walk through the portfolio found. */
  private static final class Walk {
    int count;
    int changed;
    boolean more;
    final List<BandChange> page = new ArrayList<>();
  }

  private static List<String> next(Connection c, String tenantId, String after)
      throws SQLException {
    List<String> ids = new ArrayList<>(BATCH);
    try (PreparedStatement ps = c.prepareStatement(ACCOUNTS)) {
      ps.setString(1, tenantId);
      ps.setString(2, after);
      ps.setString(3, after);
      ps.setInt(4, BATCH);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getString(1));
        }
      }
    }
    return ids;
  }

  private static final class Totals {
    int accounts;
    final Map<String, BigDecimal> arr = new TreeMap<>();

    void add(BigDecimal amount, String currency) {
      accounts++;
      if (amount != null && currency != null) {
        arr.merge(currency, amount, BigDecimal::add);
      }
    }
  }

  private static Map<String, Totals> totals() {
    Map<String, Totals> totals = new LinkedHashMap<>();
    BANDS.forEach(band -> totals.put(band, new Totals()));
    return totals;
  }

  private static Map<String, BandTotals> view(Map<String, Totals> totals) {
    Map<String, BandTotals> view = new LinkedHashMap<>();
    totals.forEach((band, t) -> view.put(band, new BandTotals(t.accounts, t.arr)));
    return view;
  }
}

package io.healthscore.consistency;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The invariants the write path promises, checked against the database as it is: every projection
 * row is the newest history row, the newest signal of each key is the one kept for scoring, signals
 * and history belong to stored accounts, history sequence numbers have no gaps, and the webhook
 * outbox and recompute jobs are being worked off. Plain JDBC, so the command line and the admin
 * endpoint run the same queries; what the connection may see (one tenant under row-level security,
 * or all as the owner) is what is checked.
 */
public final class ConsistencyCheck {

  /** One invariant: how many rows break it, and a few of them to start looking. */
  @Schema(name = "ConsistencyFinding")
  public record Finding(
      @Schema(example = "history-has-no-gaps") String invariant,
      String description,
      @Schema(description = "Rows that break the invariant", example = "0") long violations,
      @Schema(description = "Up to five of them") List<String> examples) {}

  /** The outcome of a check. */
  @Schema(name = "ConsistencyReport")
  public record Report(
      @Schema(description = "True when no invariant has a violation") boolean consistent,
      Instant checkedAt,
      @Schema(description = "History rows checked", example = "120000") long historyRows,
      @Schema(description = "Latest-score rows checked", example = "4000") long projectionRows,
      @Schema(description = "Webhook deliveries not yet delivered or failed", example = "0")
          long pendingDeliveries,
      List<Finding> invariants) {}

  private static final int EXAMPLES = 5;

  private record Invariant(String name, String description, String violationsSql) {}

  private static final List<Invariant> INVARIANTS =
      List.of(
          new Invariant(
              "projection-is-newest-history",
              "Every latest-score row equals the newest history row of its account and scorecard,"
                  + " and every scored account has one.",
              """
              select coalesce(h.tenant_id, l.tenant_id) || '/' || coalesce(h.account_id, l.account_id)
                     || '/' || coalesce(h.scorecard_id, l.scorecard_id)
                     || ': history seq ' || coalesce(h.seq::text, 'none')
                     || ', projection seq ' || coalesce(l.seq::text, 'none')
              from (select distinct on (tenant_id, account_id, scorecard_id) *
                    from health_history
                    order by tenant_id, account_id, scorecard_id, seq desc) h
              full join health_latest l on l.tenant_id = h.tenant_id
                and l.account_id = h.account_id and l.scorecard_id = h.scorecard_id
              where l.seq is distinct from h.seq
                 or l.scorecard_version is distinct from h.scorecard_version
                 or l.score is distinct from h.score or l.band is distinct from h.band
                 or l.coverage is distinct from h.coverage
                 or l.computed_at is distinct from h.computed_at
                 or l.segment is distinct from h.segment
              """),
          new Invariant(
              "newest-signal-is-kept",
              "Every account's newest signal of each key (by observedAt, ties to the last stored)"
                  + " is the one scoring reads as its newest.",
              """
              select coalesce(n.tenant_id, l.tenant_id) || '/' || coalesce(n.account_id, l.account_id)
                     || '/' || coalesce(n.key, l.key)
                     || ': newest signal ' || coalesce(n.signal_id::text, 'none')
                     || ', kept ' || coalesce(l.signal_id::text, 'none')
              from (select distinct on (tenant_id, account_id, key) *
                    from signal
                    order by tenant_id, account_id, key, observed_at desc, signal_id desc) n
              full join signal_latest l on l.tenant_id = n.tenant_id
                and l.account_id = n.account_id and l.key = n.key
              where l.signal_id is distinct from n.signal_id
                 or l.number_value is distinct from n.number_value
                 or l.label_value is distinct from n.label_value
                 or l.observed_at is distinct from n.observed_at
              """),
          new Invariant(
              "rows-have-their-account",
              "Every signal, newest signal and history row belongs to a stored account.",
              """
              select t.tenant_id || '/' || t.account_id || ': ' || t.kind || ' without account'
              from (select tenant_id, account_id, 'signal' as kind from signal
                    union select tenant_id, account_id, 'newest signal' from signal_latest
                    union select tenant_id, account_id, 'history' from health_history) t
              where not exists (select 1 from account a
                                where a.tenant_id = t.tenant_id and a.account_id = t.account_id)
              """),
          new Invariant(
              "history-has-no-gaps",
              "History sequence numbers of every account and scorecard run 1, 2, 3, ... without"
                  + " gaps.",
              """
              select tenant_id || '/' || account_id || '/' || scorecard_id || ': ' || count(*)
                     || ' rows, seq ' || min(seq) || '..' || max(seq)
              from health_history
              group by tenant_id, account_id, scorecard_id
              having min(seq) <> 1 or max(seq) <> count(*)
              """),
          new Invariant(
              "outbox-is-progressing",
              "No pending webhook delivery has been due, unleased or with an expired lease, for"
                  + " longer than the stall limit.",
              """
              select tenant_id || '/' || delivery_id || ' (' || event_type || '): due since '
                     || next_attempt_at
              from webhook_delivery
              where status = 'pending' and next_attempt_at < now() - ?::interval
                and (lease_until is null or lease_until < now() - ?::interval)
              """),
          new Invariant(
              "jobs-are-progressing",
              "No recompute chunk holds an expired lease for longer than the stall limit, and no"
                  + " job whose chunks are all done is still running.",
              """
              select tenant_id || '/job ' || job_id || '/chunk ' || chunk_no || ': lease expired '
                     || lease_until
              from job_chunk
              where status = 'leased' and lease_until < now() - ?::interval
              union all
              select j.tenant_id || '/job ' || j.job_id || ': running with every chunk done'
              from job j
              where j.status = 'running'
                and exists (select 1 from job_chunk c
                            where c.tenant_id = j.tenant_id and c.job_id = j.job_id)
                and not exists (select 1 from job_chunk c where c.tenant_id = j.tenant_id
                                and c.job_id = j.job_id and c.status <> 'done')
              """),
          new Invariant(
              "status-follows-newest-outcome",
              "Every account's status is churned when its newest outcome (by date, then as"
                  + " recorded) is a churn, and active otherwise.",
              """
              select a.tenant_id || '/' || a.account_id || ': ' || a.status || ', newest outcome '
                     || coalesce(n.kind, 'none')
              from account a
              left join lateral (select o.kind from account_outcome o
                                 where o.tenant_id = a.tenant_id and o.account_id = a.account_id
                                 order by o.occurred_on desc, o.outcome_id desc limit 1) n on true
              where a.status is distinct from
                    case when n.kind = 'churned' then 'churned' else 'active' end
              """),
          new Invariant(
              "imports-are-progressing",
              "No import being merged holds an expired lease for longer than the stall limit.",
              """
              select tenant_id || '/import ' || import_id || ': lease expired ' || lease_until
              from import
              where status = 'merging' and lease_until < now() - ?::interval
              """));

  private ConsistencyCheck() {}

  /**
   * Checks every invariant with what the connection can see. Each invariant is one statement, so it
   * compares rows of one snapshot even while writes go on.
   *
   * @param stallAfter how long outbox rows and job leases may stand still before it counts
   */
  public static Report run(Connection c, Duration stallAfter) throws SQLException {
    List<Finding> findings = new ArrayList<>();
    for (Invariant invariant : INVARIANTS) {
      findings.add(check(c, invariant, stallAfter));
    }
    return new Report(
        findings.stream().allMatch(f -> f.violations() == 0),
        Instant.now(),
        count(c, "select count(*) from health_history"),
        count(c, "select count(*) from health_latest"),
        count(c, "select count(*) from webhook_delivery where status = 'pending'"),
        findings);
  }

  private static Finding check(Connection c, Invariant invariant, Duration stallAfter)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(invariant.violationsSql())) {
      int parameters =
          invariant.violationsSql().length() - invariant.violationsSql().replace("?", "").length();
      for (int i = 1; i <= parameters; i++) {
        ps.setString(i, stallAfter.toMillis() + " milliseconds");
      }
      long violations = 0;
      List<String> examples = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (violations++ < EXAMPLES) {
            examples.add(rs.getString(1));
          }
        }
      }
      return new Finding(invariant.name(), invariant.description(), violations, examples);
    }
  }

  private static long count(Connection c, String sql) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }
}

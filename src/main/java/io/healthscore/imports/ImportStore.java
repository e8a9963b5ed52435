package io.healthscore.imports;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The import and import_line tables: staging an upload, leasing an import to a worker, and the
 * set-based merge of one chunk of lines per transaction.
 */
@ApplicationScoped
public class ImportStore {

  /** What an upload staged, before its import row is written. */
  record Staged(
      String sha256,
      long bytes,
      long linesRead,
      long lastLine,
      long accountLines,
      long signalLines,
      long outcomeLines,
      long rejected) {}

  /** Where a leased import's merge stands. */
  record Progress(
      String phase,
      long nextLine,
      long lastLine,
      Long jobId,
      long accountLines,
      long signalLines,
      long outcomeLines) {}

  /** Lines a chunk decided. */
  record Merged(long applied, long unchanged, long rejected) {}

  /** An import as the API shows it (see ImportView). */
  record Row(
      long id,
      String status,
      String format,
      String defaultType,
      long bytes,
      String sha256,
      long linesRead,
      long accountLines,
      long signalLines,
      long outcomeLines,
      long applied,
      long unchanged,
      long rejected,
      Long jobId,
      Integer accountsToRescore,
      Integer accountsRescored,
      Instant createdAt,
      Instant mergedAt,
      Instant finishedAt) {}

  /** One rejected line. */
  record Rejected(long line, String type, String field, String message, String raw) {}

  static final String CREATE_COPY_TABLE =
      """
      create temp table if not exists import_copy (
        line_no bigint, type text, account_id text, key text, number_value double precision,
        label_value text, observed_at timestamptz, source text, event_id text, name text,
        attributes jsonb, arr_amount numeric, currency text, renewal_date date,
        outcome_kind text, occurred_on date, arr_before numeric, arr_after numeric, note text,
        status text, field text, message text, raw text
      ) on commit drop
      """;

  static final String COPY = "copy import_copy (line_no, " + StagedLine.COLUMNS + ") from stdin";

  private static final String NEXT_ID =
      "select nextval(pg_get_serial_sequence('import', 'import_id'))";

  // Written first, counted at the end (invisible to workers until the upload commits). A key
  // already used makes this insert nothing: the caller answers with the first import.
  private static final String CLAIM =
      """
      insert into import (tenant_id, import_id, format, default_type, status, idempotency_key,
                          sha256, bytes, lines_read, last_line, account_lines, signal_lines,
                          outcome_lines, rejected)
      overriding system value
      values (?, ?, ?, ?, 'queued', ?, '', 0, 0, 0, 0, 0, 0, 0)
      on conflict (tenant_id, idempotency_key) where idempotency_key is not null do nothing
      returning import_id
      """;

  private static final String COUNTED =
      """
      update import set sha256 = ?, bytes = ?, lines_read = ?, last_line = ?, account_lines = ?,
        signal_lines = ?, outcome_lines = ?, rejected = ?
      where tenant_id = ? and import_id = ?
      """;

  private static final String MOVE_LINES =
      "insert into import_line (tenant_id, import_id, line_no, "
          + StagedLine.COLUMNS
          + ") select ?, ?, line_no, "
          + StagedLine.COLUMNS
          + " from import_copy";

  private static final String BY_KEY =
      "select import_id, sha256 from import where tenant_id = ? and idempotency_key = ?";

  private static final String LEASE = "select * from healthscore_lease_import(?, ?)";

  /** The accounts of a merged import's applied lines (parameters: tenant, import). */
  static final String APPLIED_ACCOUNTS =
      """
      select distinct account_id from import_line
      where tenant_id = ? and import_id = ? and status is null and type is not null
      """;

  // The first statement of every merge transaction: renews the lease and locks the import row,
  // so a worker that lost it (another took over) writes nothing.
  private static final String RENEW =
      """
      update import set lease_until = now() + ? * interval '1 millisecond'
      where tenant_id = ? and import_id = ? and status = 'merging' and leased_by = ?
      returning phase, next_line, last_line, job_id, account_lines, signal_lines, outcome_lines
      """;

  private static final String RELEASE =
      """
      update import set lease_until = now()
      where tenant_id = ? and import_id = ? and status = 'merging' and leased_by = ?
      """;

  // A line that repeats an earlier line of the file (the same eventId of one account, the same
  // account, or the same signal without an eventId) is rejected, naming the first.
  private static final String REPEATS =
      """
      with open as (
        select line_no, type, account_id, key, observed_at, number_value, label_value, event_id
        from import_line where tenant_id = ? and import_id = ? and status is null
      ), repeats as (
        select line_no, first_value(line_no) over w as first, 'eventId' as field,
               'the same eventId for the same account' as what
        from open where type in ('signal', 'outcome') and event_id is not null
        window w as (partition by type, account_id, event_id order by line_no)
        union all
        select line_no, first_value(line_no) over w, 'accountId', 'the same account'
        from open where type = 'account'
        window w as (partition by account_id order by line_no)
        union all
        select line_no, first_value(line_no) over w, 'line', 'the same signal'
        from open where type = 'signal' and event_id is null
        window w as (partition by account_id, key, observed_at, number_value, label_value
                     order by line_no)
      )
      update import_line l set status = 'rejected', field = d.field,
        message = 'repeats line ' || d.first || ' (' || d.what || ')'
      from repeats d
      where l.tenant_id = ? and l.import_id = ? and l.line_no = d.line_no
        and d.line_no <> d.first
      """;

  private static final String CHUNK =
      "l.tenant_id = ? and l.import_id = ? and l.line_no >= ? and l.line_no < ?"
          + " and l.type = '%s' and l.status is null";

  // Accounts: fields given replace the stored ones, attributes are merged; an account as it
  // was stays untouched (unchanged). Returns the accounts written.
  private static final String UPSERT_ACCOUNTS =
      """
      insert into account as a (tenant_id, account_id, name, attributes, arr_amount,
                                arr_currency, renewal_date)
      select ?, l.account_id, l.name, coalesce(l.attributes, '{}'::jsonb), l.arr_amount,
             l.currency, l.renewal_date
      from import_line l where %s
      on conflict (tenant_id, account_id) do update set
        name = coalesce(excluded.name, a.name),
        attributes = a.attributes || excluded.attributes,
        arr_amount = coalesce(excluded.arr_amount, a.arr_amount),
        arr_currency = case when excluded.arr_amount is null then a.arr_currency
                            else excluded.arr_currency end,
        renewal_date = coalesce(excluded.renewal_date, a.renewal_date),
        updated_at = now()
      where (a.name, a.attributes, a.arr_amount, a.arr_currency, a.renewal_date)
            is distinct from
            (coalesce(excluded.name, a.name), a.attributes || excluded.attributes,
             coalesce(excluded.arr_amount, a.arr_amount),
             case when excluded.arr_amount is null then a.arr_currency
                  else excluded.arr_currency end,
             coalesce(excluded.renewal_date, a.renewal_date))
      returning a.account_id
      """
          .formatted(CHUNK.formatted("account"));

  private static final String ACCOUNT_LINES_UNCHANGED =
      """
      update import_line l set status = 'unchanged' where %s and not l.account_id = any(?)
      """
          .formatted(CHUNK.formatted("account"));

  private static final String UNKNOWN_ACCOUNT =
      """
      update import_line l set status = 'rejected', field = 'accountId',
        message = 'no such account: create it first (an account line, or PUT /v1/accounts/{accountId})'
      where %s and not exists (select 1 from account a where a.tenant_id = l.tenant_id
                               and a.account_id = l.account_id)
      """;

  // Signals are stored first and explained after, and only when some line was not stored: on a
  // first import every line is, and the checks (an index probe per line each) are skipped. A
  // stored signal is one received before this transaction (received_at is its start).
  private static final String SIGNAL_STORED_BY_EVENT =
      """
      update import_line l set status = 'unchanged'
      where %s and l.event_id is not null
        and exists (select 1 from signal s where s.tenant_id = l.tenant_id
                    and s.account_id = l.account_id and s.event_id = l.event_id
                    and s.received_at < now())
      """
          .formatted(CHUNK.formatted("signal"));

  private static final String SAME_SIGNAL =
      """
      exists (select 1 from signal s where s.tenant_id = l.tenant_id
              and s.account_id = l.account_id and s.key = l.key
              and s.observed_at = l.observed_at
              and s.number_value is not distinct from l.number_value
              and s.label_value is not distinct from l.label_value%s)
      """;

  private static final String SIGNAL_STORED_AS_IS =
      """
      update import_line l set status = 'unchanged'
      where %s and l.event_id is null and %s
      """
          .formatted(
              CHUNK.formatted("signal"), SAME_SIGNAL.formatted(" and s.received_at < now()"));

  // Lines of known accounts; without an eventId, unless the same signal is stored.
  private static final String INSERT_SIGNALS =
      """
      insert into signal (tenant_id, account_id, key, number_value, label_value, observed_at,
                          source, event_id)
      select ?, l.account_id, l.key, l.number_value, l.label_value, l.observed_at, l.source,
             l.event_id
      from import_line l
      join account a on a.tenant_id = l.tenant_id and a.account_id = l.account_id
      where %s and (l.event_id is not null or not %s)
      on conflict (tenant_id, account_id, event_id) where event_id is not null do nothing
      """
          .formatted(CHUNK.formatted("signal"), SAME_SIGNAL.formatted(""));

  private static final String OUTCOME_WITHOUT_CURRENCY =
      """
      update import_line l set status = 'rejected', field = 'currency',
        message = 'is required: the account has no ARR currency'
      where %s and l.currency is null
        and exists (select 1 from account a where a.tenant_id = l.tenant_id
                    and a.account_id = l.account_id and a.arr_currency is null)
      """
          .formatted(CHUNK.formatted("outcome"));

  private static final String OUTCOME_STORED =
      """
      update import_line l set status = 'unchanged'
      where %s and exists (select 1 from account_outcome o where o.tenant_id = l.tenant_id
                           and o.account_id = l.account_id and o.event_id = l.event_id)
      """
          .formatted(CHUNK.formatted("outcome"));

  private static final String INSERT_OUTCOMES =
      """
      insert into account_outcome (tenant_id, account_id, event_id, kind, occurred_on,
                                   arr_before, arr_after, currency, note)
      select a.tenant_id, l.account_id, l.event_id, l.outcome_kind, l.occurred_on, l.arr_before,
             l.arr_after, coalesce(l.currency, a.arr_currency), l.note
      from import_line l
      join account a on a.tenant_id = l.tenant_id and a.account_id = l.account_id
      where %s
      on conflict (tenant_id, account_id, event_id) do nothing
      returning account_id
      """
          .formatted(CHUNK.formatted("outcome"));

  // As for one outcome: the newest by date sets the ARR, here when it is one this chunk added.
  private static final String ARR_FROM_OUTCOMES =
      """
      update account a set arr_amount = n.arr_after, arr_currency = n.currency, updated_at = now()
      from (select distinct on (o.account_id) o.account_id, o.event_id, o.arr_after, o.currency
            from account_outcome o where o.tenant_id = ? and o.account_id = any(?)
            order by o.account_id, o.occurred_on desc, o.outcome_id desc) n
      where a.tenant_id = ? and a.account_id = n.account_id
        and exists (select 1 from import_line l where l.tenant_id = ? and l.import_id = ?
                    and l.line_no >= ? and l.line_no < ? and l.type = 'outcome'
                    and l.status is null and l.account_id = n.account_id
                    and l.event_id = n.event_id)
      """;

  private static final String ADVANCE =
      """
      update import set phase = ?, next_line = ?, job_id = coalesce(?, job_id),
        applied = applied + ?, unchanged = unchanged + ?, rejected = rejected + ?
      where tenant_id = ? and import_id = ?
      """;

  private static final String MERGED =
      """
      update import set status = 'rescoring', phase = 'end', merged_at = now(), leased_by = null,
        lease_until = null
      where tenant_id = ? and import_id = ?
      """;

  private static final String SELECT =
      """
      select i.import_id,
             case when i.status = 'rescoring' and j.status = 'done' then 'done' else i.status end,
             i.format, i.default_type, i.bytes, i.sha256, i.lines_read, i.account_lines,
             i.signal_lines, i.outcome_lines, i.applied, i.unchanged, i.rejected, i.job_id,
             case when j.status = 'waiting' then null else j.total end,
             (select coalesce(sum(c.processed), 0) from job_chunk c
              where c.tenant_id = j.tenant_id and c.job_id = j.job_id),
             i.created_at, i.merged_at, j.finished_at
      from import i
      left join job j on j.tenant_id = i.tenant_id and j.job_id = i.job_id
      where i.tenant_id = ?
      """;

  private static final String REJECTED =
      """
      select line_no, type, field, message, raw from import_line
      where tenant_id = ? and import_id = ? and status = 'rejected' and line_no > ?
      order by line_no
      limit ?
      """;

  long nextId(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(NEXT_ID);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /**
   * Writes the import's row, to be counted when the upload ends; false when the Idempotency-Key was
   * used before (nothing written).
   */
  boolean claim(
      Connection c, String tenantId, long importId, String format, String type, String key)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(CLAIM)) {
      ps.setString(1, tenantId);
      ps.setLong(2, importId);
      ps.setString(3, format);
      ps.setString(4, type);
      ps.setString(5, key);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** Moves the lines COPY put into the temporary table under the import, and empties it. */
  void moveLines(Connection c, String tenantId, long importId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(MOVE_LINES)) {
      ps.setString(1, tenantId);
      ps.setLong(2, importId);
      ps.executeUpdate();
    }
    try (Statement truncate = c.createStatement()) {
      truncate.execute("truncate import_copy");
    }
  }

  /** Writes what the upload read. */
  void counted(Connection c, String tenantId, long importId, Staged staged) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(COUNTED)) {
      int p = 1;
      ps.setString(p++, staged.sha256());
      ps.setLong(p++, staged.bytes());
      ps.setLong(p++, staged.linesRead());
      ps.setLong(p++, staged.lastLine());
      ps.setLong(p++, staged.accountLines());
      ps.setLong(p++, staged.signalLines());
      ps.setLong(p++, staged.outcomeLines());
      ps.setLong(p++, staged.rejected());
      ps.setString(p++, tenantId);
      ps.setLong(p, importId);
      ps.executeUpdate();
    }
  }

  /** The import that first used an Idempotency-Key, and the SHA-256 of its file. */
  record FirstUse(long importId, String sha256) {}

  Optional<FirstUse> byKey(Connection c, String tenantId, String key) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(BY_KEY)) {
      ps.setString(1, tenantId);
      ps.setString(2, key);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? Optional.of(new FirstUse(rs.getLong(1), rs.getString(2)))
            : Optional.empty();
      }
    }
  }

  /** An import leased to a worker. */
  record Leased(String tenantId, long importId) {}

  /** The oldest import to merge of any tenant, leased to the worker. */
  Optional<Leased> lease(Connection c, String worker, Duration lease) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(LEASE)) {
      ps.setString(1, worker);
      ps.setLong(2, lease.toMillis());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? Optional.of(new Leased(rs.getString(1), rs.getLong(2)))
            : Optional.empty();
      }
    }
  }

  /** Renews the lease and locks the import; empty when it is no longer this worker's. */
  Optional<Progress> renew(
      Connection c, String tenantId, long importId, String worker, Duration lease)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(RENEW)) {
      ps.setLong(1, lease.toMillis());
      ps.setString(2, tenantId);
      ps.setLong(3, importId);
      ps.setString(4, worker);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        long job = rs.getLong(4);
        return Optional.of(
            new Progress(
                rs.getString(1),
                rs.getLong(2),
                rs.getLong(3),
                rs.wasNull() ? null : job,
                rs.getLong(5),
                rs.getLong(6),
                rs.getLong(7)));
      }
    }
  }

  void release(Connection c, String tenantId, long importId, String worker) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(RELEASE)) {
      ps.setString(1, tenantId);
      ps.setLong(2, importId);
      ps.setString(3, worker);
      ps.executeUpdate();
    }
  }

  /** Rejects the lines that repeat an earlier line of the file; returns how many. */
  long rejectRepeats(Connection c, String tenantId, long importId) throws SQLException {
    // The lines were staged moments ago, before any statistics: the planner expects one line and
    // joins by nested loop, re-running the window functions per line (60,000 lines: minutes).
    // Any other join takes 0.2 s.
    try (Statement set = c.createStatement()) {
      set.execute("set local enable_nestloop = off");
    }
    try (PreparedStatement ps = c.prepareStatement(REPEATS)) {
      ps.setString(1, tenantId);
      ps.setLong(2, importId);
      ps.setString(3, tenantId);
      ps.setLong(4, importId);
      return ps.executeUpdate();
    }
  }

  Merged mergeAccounts(Connection c, String tenantId, long importId, long from, long to)
      throws SQLException {
    Set<String> accounts = new LinkedHashSet<>();
    try (PreparedStatement ps = c.prepareStatement(UPSERT_ACCOUNTS)) {
      ps.setString(1, tenantId);
      ps.setString(2, tenantId);
      ps.setLong(3, importId);
      ps.setLong(4, from);
      ps.setLong(5, to);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          accounts.add(rs.getString(1));
        }
      }
    }
    long unchanged;
    try (PreparedStatement ps = c.prepareStatement(ACCOUNT_LINES_UNCHANGED)) {
      int p = chunk(ps, tenantId, importId, from, to);
      ps.setArray(p, c.createArrayOf("text", accounts.toArray()));
      unchanged = ps.executeUpdate();
    }
    return new Merged(accounts.size(), unchanged, 0);
  }

  Merged mergeSignals(Connection c, String tenantId, long importId, long from, long to)
      throws SQLException {
    long lines = count(c, tenantId, importId, from, to, "signal");
    long inserted;
    try (PreparedStatement ps = c.prepareStatement(INSERT_SIGNALS)) {
      ps.setString(1, tenantId);
      chunk(ps, 2, tenantId, importId, from, to);
      inserted = ps.executeUpdate();
    }
    if (inserted == lines) {
      return new Merged(lines, 0, 0);
    }
    long rejected =
        update(
            c, UNKNOWN_ACCOUNT.formatted(CHUNK.formatted("signal")), tenantId, importId, from, to);
    long unchanged = update(c, SIGNAL_STORED_BY_EVENT, tenantId, importId, from, to);
    unchanged += update(c, SIGNAL_STORED_AS_IS, tenantId, importId, from, to);
    // A line left beside those met a concurrent write of the same eventId: stored once.
    return new Merged(inserted, lines - inserted - rejected, rejected);
  }

  Merged mergeOutcomes(Connection c, String tenantId, long importId, long from, long to)
      throws SQLException {
    long rejected =
        update(
            c, UNKNOWN_ACCOUNT.formatted(CHUNK.formatted("outcome")), tenantId, importId, from, to);
    rejected += update(c, OUTCOME_WITHOUT_CURRENCY, tenantId, importId, from, to);
    long unchanged = update(c, OUTCOME_STORED, tenantId, importId, from, to);
    long lines = count(c, tenantId, importId, from, to, "outcome");
    Inserted inserted = insert(c, INSERT_OUTCOMES, tenantId, importId, from, to);
    Set<String> accounts = inserted.accounts();
    if (!accounts.isEmpty()) {
      try (PreparedStatement ps = c.prepareStatement(ARR_FROM_OUTCOMES)) {
        ps.setString(1, tenantId);
        ps.setArray(2, c.createArrayOf("text", accounts.toArray()));
        ps.setString(3, tenantId);
        ps.setString(4, tenantId);
        ps.setLong(5, importId);
        ps.setLong(6, from);
        ps.setLong(7, to);
        ps.executeUpdate();
      }
    }
    return new Merged(inserted.rows(), unchanged + lines - inserted.rows(), rejected);
  }

  void advance(
      Connection c,
      String tenantId,
      long importId,
      String phase,
      long nextLine,
      Long jobId,
      long applied,
      long unchanged,
      long rejected)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(ADVANCE)) {
      ps.setString(1, phase);
      ps.setLong(2, nextLine);
      ps.setObject(3, jobId);
      ps.setLong(4, applied);
      ps.setLong(5, unchanged);
      ps.setLong(6, rejected);
      ps.setString(7, tenantId);
      ps.setLong(8, importId);
      ps.executeUpdate();
    }
  }

  void merged(Connection c, String tenantId, long importId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(MERGED)) {
      ps.setString(1, tenantId);
      ps.setLong(2, importId);
      ps.executeUpdate();
    }
  }

  Optional<Row> find(Connection c, String tenantId, long importId) throws SQLException {
    return select(c, SELECT + " and i.import_id = ?", tenantId, List.of(importId)).stream()
        .findFirst();
  }

  /** Imports newest first, those before the given id only when it is not null. */
  List<Row> recent(Connection c, String tenantId, Long beforeId, int limit) throws SQLException {
    return select(
        c,
        SELECT
            + (beforeId == null ? "" : " and i.import_id < ?")
            + " order by i.import_id desc limit "
            + limit,
        tenantId,
        beforeId == null ? List.of() : List.of(beforeId));
  }

  /** Rejected lines after the given line number, in line order. */
  List<Rejected> rejected(Connection c, String tenantId, long importId, long after, int limit)
      throws SQLException {
    List<Rejected> lines = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(REJECTED)) {
      ps.setString(1, tenantId);
      ps.setLong(2, importId);
      ps.setLong(3, after);
      ps.setInt(4, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          lines.add(
              new Rejected(
                  rs.getLong(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5)));
        }
      }
    }
    return lines;
  }

  private static List<Row> select(
      Connection c, String sql, String tenantId, List<Object> parameters) throws SQLException {
    List<Row> rows = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, tenantId);
      for (int i = 0; i < parameters.size(); i++) {
        ps.setObject(i + 2, parameters.get(i));
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long job = rs.getLong(14);
          Long jobId = rs.wasNull() ? null : job;
          int total = rs.getInt(15);
          Integer toRescore = rs.wasNull() ? null : total;
          rows.add(
              new Row(
                  rs.getLong(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getLong(5),
                  rs.getString(6),
                  rs.getLong(7),
                  rs.getLong(8),
                  rs.getLong(9),
                  rs.getLong(10),
                  rs.getLong(11),
                  rs.getLong(12),
                  rs.getLong(13),
                  jobId,
                  toRescore,
                  toRescore == null ? null : rs.getInt(16),
                  instant(rs.getTimestamp(17)),
                  instant(rs.getTimestamp(18)),
                  instant(rs.getTimestamp(19))));
        }
      }
    }
    return rows;
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }

  private static int chunk(PreparedStatement ps, String tenantId, long importId, long from, long to)
      throws SQLException {
    return chunk(ps, 1, tenantId, importId, from, to);
  }

  /** Binds the chunk's four parameters from {@code first}; returns the next index. */
  private static int chunk(
      PreparedStatement ps, int first, String tenantId, long importId, long from, long to)
      throws SQLException {
    ps.setString(first, tenantId);
    ps.setLong(first + 1, importId);
    ps.setLong(first + 2, from);
    ps.setLong(first + 3, to);
    return first + 4;
  }

  private static long update(
      Connection c, String sql, String tenantId, long importId, long from, long to)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      chunk(ps, tenantId, importId, from, to);
      return ps.executeUpdate();
    }
  }

  private static long count(
      Connection c, String tenantId, long importId, long from, long to, String type)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("select count(*) from import_line l where " + CHUNK.formatted(type))) {
      chunk(ps, tenantId, importId, from, to);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** Rows an insert stored, and their accounts. */
  private record Inserted(long rows, Set<String> accounts) {}

  /** Runs an insert of a chunk's open lines that returns the account of each row stored. */
  private static Inserted insert(
      Connection c, String sql, String tenantId, long importId, long from, long to)
      throws SQLException {
    long rows = 0;
    Set<String> accounts = new LinkedHashSet<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      chunk(ps, tenantId, importId, from, to);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows++;
          accounts.add(rs.getString(1));
        }
      }
    }
    return new Inserted(rows, accounts);
  }
}

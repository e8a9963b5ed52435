package io.healthscore.job;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Jobs and their chunks of accounts, leased by workers of any instance: recomputes of one scorecard
 * over every active account, and re-scoring after an import over the accounts it touched (with
 * every scorecard).
 */
@ApplicationScoped
public class JobStore {

  /** A job as the API shows it. */
  public record Job(
      long id,
      String kind,
      String scorecardId,
      int scorecardVersion,
      String status,
      int total,
      int processed,
      int failed,
      String errors,
      Instant createdAt,
      Instant finishedAt) {}

  /** A leased chunk: the accounts first..last of a job, done up to doneThrough (exclusive). */
  public record Lease(
      String tenantId,
      long jobId,
      int chunkNo,
      String scorecardId,
      String firstAccount,
      String lastAccount,
      String doneThrough) {}

  private static final String SUPERSEDE =
      """
      with old as (
        update job set status = 'superseded', finished_at = now()
        where tenant_id = ? and scorecard_id = ? and status = 'running'
        returning tenant_id, job_id)
      update job_chunk c set status = 'done'
      from old where c.tenant_id = old.tenant_id and c.job_id = old.job_id
      """;

  private static final String CREATE =
      """
      insert into job (tenant_id, kind, scorecard_id, scorecard_version, status, total)
      values (?, 'recompute', ?, ?, 'running',
              (select count(*) from account where tenant_id = ? and status = 'active'))
      returning job_id
      """;

  private static final String CHUNKS =
      """
      insert into job_chunk (tenant_id, job_id, chunk_no, first_account, last_account)
      select ?, ?, chunk_no, min(account_id), max(account_id)
      from (select account_id, (row_number() over (order by account_id) - 1) / ? as chunk_no
            from account where tenant_id = ? and status = 'active') numbered
      group by chunk_no
      """;

  // The oldest open chunk of any tenant's job, pending or with an expired lease (its worker
  // died): a SECURITY DEFINER function, as the worker does not know the tenant yet (see V11).
  private static final String LEASE = "select * from healthscore_lease_job_chunk(?, ?)";

  // Accounts created after the job are left out: their first write scores them with the
  // version the job recomputes for (or a newer one). Churned accounts are not re-scored: their
  // history ends with the score they had when they left.
  private static final String NEXT_ACCOUNTS =
      """
      select account_id from account
      where tenant_id = ? and account_id >= ? and account_id <= ?
        and (?::text is null or account_id > ?)
        and status = 'active'
        and created_at <= (select created_at from job where tenant_id = ? and job_id = ?)
      order by account_id
      limit ?
      """;

  // Only while the lease is still this worker's: a worker that lost it writes nothing. Progress
  // lands on the chunk's own row, so workers of one job do not wait for each other.
  private static final String ADVANCE =
      """
      update job_chunk set done_through = ?, processed = processed + ?,
        lease_until = now() + ? * interval '1 millisecond'
      where tenant_id = ? and job_id = ? and chunk_no = ? and status = 'leased'
        and leased_by = ?
      """;

  // After an import: the accounts it touched, in id order from job_account.
  private static final String NEXT_IMPORTED_ACCOUNTS =
      """
      select j.account_id from job_account j
      join account a on a.tenant_id = j.tenant_id and a.account_id = j.account_id
      where j.tenant_id = ? and j.job_id = ? and j.account_id >= ? and j.account_id <= ?
        and (?::text is null or j.account_id > ?)
        and a.status = 'active'
      order by j.account_id
      limit ?
      """;

  private static final String CREATE_IMPORT =
      """
      insert into job (tenant_id, kind, scorecard_id, scorecard_version, status, total)
      values (?, 'import', null, 0, 'waiting', 0)
      returning job_id
      """;

  // The accounts the caller's query selects (one column), its parameters after the job's.
  private static final String ADD_ACCOUNTS =
      """
      insert into job_account (tenant_id, job_id, account_id)
      select ?, ?, q.account_id from (%s) q(account_id)
      on conflict do nothing
      """;

  private static final String START_IMPORT =
      """
      update job set status = 'running',
        total = (select count(*) from job_account j
                 join account a on a.tenant_id = j.tenant_id and a.account_id = j.account_id
                 where j.tenant_id = ? and j.job_id = ? and a.status = 'active')
      where tenant_id = ? and job_id = ? and status = 'waiting'
      """;

  private static final String IMPORT_CHUNKS =
      """
      insert into job_chunk (tenant_id, job_id, chunk_no, first_account, last_account)
      select ?, ?, chunk_no, min(account_id), max(account_id)
      from (select j.account_id, (row_number() over (order by j.account_id) - 1) / ? as chunk_no
            from job_account j
            join account a on a.tenant_id = j.tenant_id and a.account_id = j.account_id
            where j.tenant_id = ? and j.job_id = ? and a.status = 'active') numbered
      group by chunk_no
      """;

  // Failures are rare: counted on the job, with the first few reasons.
  private static final String FAILED =
      """
      update job set failed = failed + ?,
        errors = case when jsonb_array_length(errors) >= 20 then errors
                      else errors || jsonb_build_array(?::text) end
      where tenant_id = ? and job_id = ?
      """;

  // The job row is locked first: of two workers finishing its last two chunks at once, the
  // second waits and then sees the first's chunk done, so one of them always closes the job.
  private static final String LOCK_JOB =
      "select 1 from job where tenant_id = ? and job_id = ? for update";

  private static final String FINISH_CHUNK =
      """
      update job_chunk set status = 'done', lease_until = null
      where tenant_id = ? and job_id = ? and chunk_no = ? and status = 'leased'
        and leased_by = ?
      """;

  private static final String FINISH_JOB =
      """
      update job j set status = 'done', finished_at = now()
      where tenant_id = ? and job_id = ? and status = 'running'
        and not exists (select 1 from job_chunk o where o.tenant_id = j.tenant_id
                        and o.job_id = j.job_id and o.status <> 'done')
      """;

  private static final String RELEASE =
      """
      update job_chunk set status = 'pending', leased_by = null, lease_until = null
      where tenant_id = ? and job_id = ? and chunk_no = ? and status = 'leased'
        and leased_by = ?
      """;

  // The worker's own chunk after a fault (e.g. the database went away): still its own when no
  // other worker took it meanwhile, with the progress committed last.
  private static final String RESUME =
      """
      update job_chunk c set lease_until = now() + ? * interval '1 millisecond'
      from job j
      where c.tenant_id = ? and c.job_id = ? and c.chunk_no = ? and c.status = 'leased'
        and c.leased_by = ? and j.tenant_id = c.tenant_id and j.job_id = c.job_id
      returning c.done_through
      """;

  private static final String SELECT =
      """
      select job_id, kind, scorecard_id, scorecard_version, status, total,
             (select coalesce(sum(c.processed), 0) from job_chunk c
              where c.tenant_id = j.tenant_id and c.job_id = j.job_id),
             failed, errors::text, created_at, finished_at
      from job j where tenant_id = ?
      """;

  /**
   * Creates a job recomputing every account of the tenant with the scorecard, split into chunks;
   * running jobs of the same scorecard are superseded. On the caller's transaction.
   */
  public long createRecompute(
      Connection c, String tenantId, String scorecardId, int version, int chunkSize)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SUPERSEDE)) {
      ps.setString(1, tenantId);
      ps.setString(2, scorecardId);
      ps.executeUpdate();
    }
    long jobId;
    try (PreparedStatement ps = c.prepareStatement(CREATE)) {
      ps.setString(1, tenantId);
      ps.setString(2, scorecardId);
      ps.setInt(3, version);
      ps.setString(4, tenantId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        jobId = rs.getLong(1);
      }
    }
    try (PreparedStatement ps = c.prepareStatement(CHUNKS)) {
      ps.setString(1, tenantId);
      ps.setLong(2, jobId);
      ps.setInt(3, chunkSize);
      ps.setString(4, tenantId);
      int chunks = ps.executeUpdate();
      if (chunks == 0) {
        finishEmpty(c, tenantId, jobId);
      }
    }
    return jobId;
  }

  /**
   * A job that will re-score, with every scorecard, the accounts an import touches: waiting until
   * the import has added them ({@link #addAccounts}) and {@link #startImport}. On the caller's
   * transaction.
   */
  public long createImport(Connection c, String tenantId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(CREATE_IMPORT)) {
      ps.setString(1, tenantId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /**
   * Adds the accounts a query selects (its one column; {@code parameters} bind its placeholders) to
   * a waiting import job, each once: set-based, in one statement, however many they are.
   */
  public long addAccounts(
      Connection c, String tenantId, long jobId, String accountsQuery, Object... parameters)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(ADD_ACCOUNTS.formatted(accountsQuery))) {
      ps.setString(1, tenantId);
      ps.setLong(2, jobId);
      for (int i = 0; i < parameters.length; i++) {
        ps.setObject(i + 3, parameters[i]);
      }
      return ps.executeUpdate();
    }
  }

  /** Splits a waiting import job's active accounts into chunks and lets workers lease them. */
  public void startImport(Connection c, String tenantId, long jobId, int chunkSize)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(START_IMPORT)) {
      ps.setString(1, tenantId);
      ps.setLong(2, jobId);
      ps.setString(3, tenantId);
      ps.setLong(4, jobId);
      if (ps.executeUpdate() == 0) {
        return; // started before (a retried end of the import)
      }
    }
    try (PreparedStatement ps = c.prepareStatement(IMPORT_CHUNKS)) {
      ps.setString(1, tenantId);
      ps.setLong(2, jobId);
      ps.setInt(3, chunkSize);
      ps.setString(4, tenantId);
      ps.setLong(5, jobId);
      if (ps.executeUpdate() == 0) {
        finishEmpty(c, tenantId, jobId);
      }
    }
  }

  private static void finishEmpty(Connection c, String tenantId, long jobId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "update job set status = 'done', finished_at = now() where tenant_id = ? and job_id"
                + " = ?")) {
      ps.setString(1, tenantId);
      ps.setLong(2, jobId);
      ps.executeUpdate();
    }
  }

  public Optional<Lease> lease(Connection c, String worker, Duration lease) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(LEASE)) {
      ps.setString(1, worker);
      ps.setLong(2, lease.toMillis());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new Lease(
                rs.getString(1),
                rs.getLong(2),
                rs.getInt(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7)));
      }
    }
  }

  /** The next accounts of the chunk after {@code after} (null: from its first). */
  public List<String> nextAccounts(Connection c, Lease lease, String after, int limit)
      throws SQLException {
    if (lease.scorecardId() == null) {
      return nextImportedAccounts(c, lease, after, limit);
    }
    List<String> ids = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(NEXT_ACCOUNTS)) {
      ps.setString(1, lease.tenantId());
      ps.setString(2, lease.firstAccount());
      ps.setString(3, lease.lastAccount());
      ps.setString(4, after);
      ps.setString(5, after);
      ps.setString(6, lease.tenantId());
      ps.setLong(7, lease.jobId());
      ps.setInt(8, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getString(1));
        }
      }
    }
    return ids;
  }

  private static List<String> nextImportedAccounts(
      Connection c, Lease lease, String after, int limit) throws SQLException {
    List<String> ids = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(NEXT_IMPORTED_ACCOUNTS)) {
      ps.setString(1, lease.tenantId());
      ps.setLong(2, lease.jobId());
      ps.setString(3, lease.firstAccount());
      ps.setString(4, lease.lastAccount());
      ps.setString(5, after);
      ps.setString(6, after);
      ps.setInt(7, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getString(1));
        }
      }
    }
    return ids;
  }

  /**
   * Records progress through {@code doneThrough} on the caller's transaction; false when the lease
   * is no longer this worker's (the caller must then roll back).
   */
  public boolean advance(
      Connection c,
      Lease lease,
      String worker,
      Duration leaseLength,
      String doneThrough,
      int processed,
      int failed,
      String error)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(ADVANCE)) {
      ps.setString(1, doneThrough);
      ps.setInt(2, processed);
      ps.setLong(3, leaseLength.toMillis());
      ps.setString(4, lease.tenantId());
      ps.setLong(5, lease.jobId());
      ps.setInt(6, lease.chunkNo());
      ps.setString(7, worker);
      if (ps.executeUpdate() != 1) {
        return false;
      }
    }
    if (failed > 0) {
      try (PreparedStatement ps = c.prepareStatement(FAILED)) {
        ps.setInt(1, failed);
        ps.setString(2, error);
        ps.setString(3, lease.tenantId());
        ps.setLong(4, lease.jobId());
        ps.executeUpdate();
      }
    }
    return true;
  }

  /** Marks the chunk done, and the job when it was its last open chunk. */
  public void finish(Connection c, Lease lease, String worker) throws SQLException {
    try (PreparedStatement lock = c.prepareStatement(LOCK_JOB);
        PreparedStatement chunk = c.prepareStatement(FINISH_CHUNK);
        PreparedStatement job = c.prepareStatement(FINISH_JOB)) {
      lock.setString(1, lease.tenantId());
      lock.setLong(2, lease.jobId());
      lock.executeQuery().close();
      chunk.setString(1, lease.tenantId());
      chunk.setLong(2, lease.jobId());
      chunk.setInt(3, lease.chunkNo());
      chunk.setString(4, worker);
      if (chunk.executeUpdate() == 1) {
        job.setString(1, lease.tenantId());
        job.setLong(2, lease.jobId());
        job.executeUpdate();
      }
    }
  }

  /**
   * The chunk again with its committed progress, renewed, when it is still this worker's; empty
   * when another worker took it over.
   */
  public Optional<Lease> resume(Connection c, Lease lease, String worker, Duration leaseLength)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(RESUME)) {
      ps.setLong(1, leaseLength.toMillis());
      ps.setString(2, lease.tenantId());
      ps.setLong(3, lease.jobId());
      ps.setInt(4, lease.chunkNo());
      ps.setString(5, worker);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new Lease(
                lease.tenantId(),
                lease.jobId(),
                lease.chunkNo(),
                lease.scorecardId(),
                lease.firstAccount(),
                lease.lastAccount(),
                rs.getString(1)));
      }
    }
  }

  /** Gives the chunk back (e.g. at shutdown) so that another worker continues it at once. */
  public void release(Connection c, Lease lease, String worker) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(RELEASE)) {
      ps.setString(1, lease.tenantId());
      ps.setLong(2, lease.jobId());
      ps.setInt(3, lease.chunkNo());
      ps.setString(4, worker);
      ps.executeUpdate();
    }
  }

  public Optional<Job> find(Connection c, String tenantId, long jobId) throws SQLException {
    List<Job> jobs = select(c, SELECT + " and j.job_id = ?", tenantId, jobId);
    return jobs.stream().findFirst();
  }

  /** The tenant's newest jobs, optionally of one scorecard. */
  /** Jobs newest first, those before the given id only when it is not null (keyset pages). */
  public List<Job> recent(
      Connection c, String tenantId, String scorecardId, Long beforeId, int limit)
      throws SQLException {
    String sql =
        SELECT
            + (scorecardId == null ? "" : " and j.scorecard_id = ?")
            + (beforeId == null ? "" : " and j.job_id < ?")
            + " order by j.job_id desc limit "
            + limit;
    List<Object> parameters = new ArrayList<>();
    if (scorecardId != null) {
      parameters.add(scorecardId);
    }
    if (beforeId != null) {
      parameters.add(beforeId);
    }
    return select(c, sql, tenantId, parameters.toArray());
  }

  private static List<Job> select(Connection c, String sql, String tenantId, Object... parameters)
      throws SQLException {
    List<Job> jobs = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, tenantId);
      for (int i = 0; i < parameters.length; i++) {
        if (parameters[i] != null) {
          ps.setObject(i + 2, parameters[i]);
        }
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Timestamp finished = rs.getTimestamp(11);
          jobs.add(
              new Job(
                  rs.getLong(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getInt(4),
                  rs.getString(5),
                  rs.getInt(6),
                  rs.getInt(7),
                  rs.getInt(8),
                  rs.getString(9),
                  rs.getTimestamp(10).toInstant(),
                  finished == null ? null : finished.toInstant()));
        }
      }
    }
    return jobs;
  }
}

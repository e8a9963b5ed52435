package io.healthscore.health;

import io.healthscore.common.ApiProblem;
import io.healthscore.common.FieldError;
import io.healthscore.common.Transactions;
import io.healthscore.scoring.Scorecard;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jboss.logging.Logger;

/**
 * Managed overrides: a CSM's score or band in force until it expires, shown beside the computed
 * one. Setting, removing or expiring one writes a history row; recomputes carry it over.
 */
@ApplicationScoped
public class Overrides {

  private static final Logger LOG = Logger.getLogger(Overrides.class);
  static final Duration MAX_DURATION = Duration.ofDays(366);
  static final Set<String> BANDS = Set.of("red", "yellow", "green");

  /** One override of the trail. */
  public record Entry(
      long id,
      Double score,
      String band,
      String reason,
      String author,
      Instant createdAt,
      Instant expiresAt,
      Instant endedAt,
      String endReason) {}

  private static final String ACCOUNT =
      "select 1 from account where tenant_id = ? and account_id = ?";

  private static final String END =
      """
      update health_override set ended_at = now(), end_reason = ?
      where tenant_id = ? and account_id = ? and scorecard_id = ? and ended_at is null
      """;

  private static final String INSERT =
      """
      insert into health_override (tenant_id, account_id, scorecard_id, score, band, reason,
                                   author, expires_at)
      values (?, ?, ?, ?, ?, ?, ?, ?)
      """;

  private static final String TRAIL =
      """
      select override_id, score, band, reason, author, created_at, expires_at, ended_at,
             end_reason
      from health_override
      where tenant_id = ? and account_id = ? and scorecard_id = ?
      order by override_id desc
      """;

  // Across tenants: one due override, locked until this transaction ends (see V11).
  private static final String NEXT_EXPIRED = "select * from healthscore_next_expired_override()";

  private static final String EXPIRE =
      """
      update health_override set ended_at = now(), end_reason = 'expired'
      where tenant_id = ? and account_id = ? and scorecard_id = ? and override_id = ?
      """;

  private final HealthService health;
  private final Scorecards scorecards;
  private final Transactions transactions;

  public Overrides(HealthService health, Scorecards scorecards, Transactions transactions) {
    this.health = health;
    this.scorecards = scorecards;
    this.transactions = transactions;
  }

  /** Sets (or replaces) the override and returns the account's new score JSON. */
  public StoredScore set(
      String tenantId, String accountId, String scorecardId, OverrideRequest request)
      throws SQLException {
    Scorecard scorecard = scorecards.catalog(tenantId).get(scorecardId);
    Instant now = Instant.now();
    String band = validate(request, scorecard, now);
    HealthService.Ingested ingested =
        transactions.inTenant(
            tenantId,
            c -> {
              requireAccount(c, tenantId, accountId, true);
              end(c, tenantId, accountId, scorecardId, "replaced");
              try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                ps.setString(1, tenantId);
                ps.setString(2, accountId);
                ps.setString(3, scorecardId);
                ps.setBigDecimal(
                    4,
                    request.score() == null
                        ? null
                        : BigDecimal.valueOf(request.score())
                            .setScale(1, java.math.RoundingMode.HALF_UP));
                ps.setString(5, band);
                ps.setString(6, request.reason());
                ps.setString(7, request.author());
                ps.setTimestamp(8, Timestamp.from(request.expiresAt().toInstant()));
                ps.executeUpdate();
              }
              return health.rescore(
                  c, tenantId, new TreeSet<>(List.of(accountId)), scorecardId, "override_set", now);
            });
    return health.committed(ingested, accountId, scorecardId);
  }

  /** Ends the override in force; 404 when there is none. Returns the new score JSON. */
  public StoredScore remove(String tenantId, String accountId, String scorecardId)
      throws SQLException {
    scorecards.catalog(tenantId).get(scorecardId);
    HealthService.Ingested ingested =
        transactions.inTenant(
            tenantId,
            c -> {
              requireAccount(c, tenantId, accountId, true);
              if (end(c, tenantId, accountId, scorecardId, "deleted") == 0) {
                throw ApiProblem.notFound("No override in force for account " + accountId);
              }
              return health.rescore(
                  c,
                  tenantId,
                  new TreeSet<>(List.of(accountId)),
                  scorecardId,
                  "override_removed",
                  Instant.now());
            });
    return health.committed(ingested, accountId, scorecardId);
  }

  /** Every override of the account for the scorecard, newest first. */
  public List<Entry> trail(String tenantId, String accountId, String scorecardId)
      throws SQLException {
    scorecards.catalog(tenantId).get(scorecardId);
    return transactions.inTenant(
        tenantId,
        c -> {
          requireAccount(c, tenantId, accountId, false);
          List<Entry> entries = new ArrayList<>();
          try (PreparedStatement ps = c.prepareStatement(TRAIL)) {
            ps.setString(1, tenantId);
            ps.setString(2, accountId);
            ps.setString(3, scorecardId);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                BigDecimal score = rs.getBigDecimal(2);
                Timestamp ended = rs.getTimestamp(8);
                entries.add(
                    new Entry(
                        rs.getLong(1),
                        score == null ? null : score.doubleValue(),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getTimestamp(6).toInstant(),
                        rs.getTimestamp(7).toInstant(),
                        ended == null ? null : ended.toInstant(),
                        rs.getString(9)));
              }
            }
          }
          return entries;
        });
  }

  /** Ends expired overrides, one transaction each, in every instance (SKIP LOCKED). */
  @Scheduled(
      every = "${healthscore.overrides.sweep-interval}",
      skipExecutionIf = Scheduled.ApplicationNotRunning.class,
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void expire() {
    try {
      while (expireOne()) {
        // until none is due
      }
    } catch (SQLException e) {
      LOG.warnf("override expiry paused: %s", e.getMessage());
    }
  }

  boolean expireOne() throws SQLException {
    HealthService.Ingested ingested =
        transactions.withoutTenant(
            c -> {
              String tenantId;
              String accountId;
              String scorecardId;
              try (PreparedStatement next = c.prepareStatement(NEXT_EXPIRED);
                  ResultSet rs = next.executeQuery()) {
                if (!rs.next()) {
                  return null;
                }
                tenantId = rs.getString(1);
                accountId = rs.getString(2);
                scorecardId = rs.getString(3);
                Transactions.setTenant(c, tenantId);
                try (PreparedStatement expire = c.prepareStatement(EXPIRE)) {
                  expire.setString(1, tenantId);
                  expire.setString(2, accountId);
                  expire.setString(3, scorecardId);
                  expire.setLong(4, rs.getLong(4));
                  expire.executeUpdate();
                }
              }
              return health.rescore(
                  c,
                  tenantId,
                  new TreeSet<>(List.of(accountId)),
                  scorecardId,
                  "override_expired",
                  Instant.now());
            });
    if (ingested == null) {
      return false;
    }
    health.committed(ingested);
    return true;
  }

  /**
   * A 404 problem unless the account exists; with {@code lock}, holds its row lock until the
   * transaction ends, serialising override changes with every other writer of the account.
   */
  private static void requireAccount(Connection c, String tenantId, String accountId, boolean lock)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(lock ? ACCOUNT + " for update" : ACCOUNT)) {
      ps.setString(1, tenantId);
      ps.setString(2, accountId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw ApiProblem.notFound("No account " + accountId);
        }
      }
    }
  }

  private static int end(
      Connection c, String tenantId, String accountId, String scorecardId, String reason)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(END)) {
      ps.setString(1, reason);
      ps.setString(2, tenantId);
      ps.setString(3, accountId);
      ps.setString(4, scorecardId);
      return ps.executeUpdate();
    }
  }

  /** The override's band (given, or derived from its score), or a 400 naming every problem. */
  private static String validate(OverrideRequest request, Scorecard scorecard, Instant now) {
    if (request == null) {
      throw ApiProblem.invalid("body", "is required");
    }
    List<FieldError> errors = new ArrayList<>();
    if (request.score() == null && request.band() == null) {
      errors.add(new FieldError("score", "score or band (or both) is required"));
    }
    if (request.score() != null && !(request.score() >= 0 && request.score() <= 100)) {
      errors.add(new FieldError("score", "must be between 0 and 100"));
    }
    if (request.band() != null && !BANDS.contains(request.band())) {
      errors.add(new FieldError("band", "must be red, yellow or green"));
    }
    if (request.reason() == null
        || request.reason().isBlank()
        || request.reason().length() > 1000
        || request.reason().indexOf('\u0000') >= 0) {
      errors.add(new FieldError("reason", "is required: 1-1000 characters"));
    }
    if (request.author() == null
        || request.author().isBlank()
        || request.author().length() > 200
        || request.author().indexOf('\u0000') >= 0) {
      errors.add(new FieldError("author", "is required: 1-200 characters"));
    }
    if (request.expiresAt() == null
        || !request.expiresAt().toInstant().isAfter(now)
        || request.expiresAt().toInstant().isAfter(now.plus(MAX_DURATION))) {
      errors.add(
          new FieldError(
              "expiresAt",
              "is required: a time in the future, at most "
                  + MAX_DURATION.toDays()
                  + " days ahead"));
    }
    if (!errors.isEmpty()) {
      throw ApiProblem.invalid(errors);
    }
    return request.band() != null
        ? request.band()
        : scorecard.bands().of(request.score()).wireName();
  }
}

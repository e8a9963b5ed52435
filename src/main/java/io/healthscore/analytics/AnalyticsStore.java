package io.healthscore.analytics;

import io.healthscore.scoring.DataNeed;
import io.healthscore.scoring.Observation;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The reads behind retention and calibration, one tenant per transaction. */
@ApplicationScoped
public class AnalyticsStore {

  /** An account in the starting cohort: its ARR at the period's start. */
  public record Member(String accountId, String segment, BigDecimal startArr, String currency) {}

  /** An ARR movement inside the period. */
  public record Movement(
      String accountId, String kind, BigDecimal before, BigDecimal after, String currency) {}

  /** A renewal decision, with what the account looked like. */
  public record Decision(
      String accountId, boolean churned, LocalDate date, String attributes, BigDecimal arrBefore) {}

  // ARR at the start: before the first outcome on or after it, else as it is now (ARR moves
  // only through outcomes). In the cohort: accounts that existed before the period, or whose
  // first outcome in it starts from a non-zero ARR (they were paying when it began).
  private static final String COHORT =
      """
      select a.account_id, a.attributes ->> ?,
             coalesce(f.arr_before, a.arr_amount), coalesce(f.currency, a.arr_currency)
      from account a
      left join lateral (
        select o.arr_before, o.currency from account_outcome o
        where o.tenant_id = a.tenant_id and o.account_id = a.account_id and o.occurred_on >= ?
        order by o.occurred_on, o.outcome_id limit 1) f on true
      where a.tenant_id = ? and (a.created_at < ? or f.arr_before is not null)
        and coalesce(f.arr_before, a.arr_amount) > 0
      """;
  private static final String MOVEMENTS =
      """
      select account_id, kind, arr_before, arr_after, currency from account_outcome
      where tenant_id = ? and occurred_on >= ? and occurred_on < ?
      order by occurred_on, outcome_id
      """;
  private static final String DECISIONS =
      """
      select account_id, churned, occurred_on, attributes, arr_before from (
        select o.account_id, o.kind = 'churned' as churned, o.occurred_on,
               a.attributes::text as attributes, o.arr_before, o.outcome_id
        from account_outcome o
        join account a on a.tenant_id = o.tenant_id and a.account_id = o.account_id
        where o.tenant_id = ? and o.kind in ('renewed', 'expanded', 'contracted', 'churned')
          and o.occurred_on >= ? and o.occurred_on < ?
        order by o.occurred_on desc, o.account_id desc, o.outcome_id desc
        limit ?) newest
      order by occurred_on, account_id, outcome_id
      """;
  // Per (account, instant) and signal key: what the scorecard could read at that instant, and
  // nothing observed after it (no look-ahead).
  private static final String OBSERVATIONS_AT =
      """
      select s.ord, k.key, x.number_value, x.label_value, x.observed_at
      from unnest(?::text[], ?::timestamptz[]) with ordinality s(account_id, at, ord)
      cross join unnest(?::text[], ?::bigint[], ?::boolean[]) k(key, lookback_ms, latest_only)
      cross join lateral (
        (select number_value, label_value, observed_at from signal
         where tenant_id = ? and account_id = s.account_id and key = k.key
           and not k.latest_only and observed_at <= s.at
           and observed_at >= s.at - k.lookback_ms * interval '1 millisecond')
        union all
        (select number_value, label_value, observed_at from signal
         where tenant_id = ? and account_id = s.account_id and key = k.key
           and observed_at <= s.at
           and (k.latest_only or observed_at < s.at - k.lookback_ms * interval '1 millisecond')
         order by observed_at desc limit 1)
      ) x
      """;

  public List<Member> cohort(Connection c, String tenantId, String groupBy, LocalDate from)
      throws SQLException {
    List<Member> members = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(COHORT)) {
      ps.setString(1, groupBy == null ? "" : groupBy);
      ps.setDate(2, Date.valueOf(from));
      ps.setString(3, tenantId);
      ps.setTimestamp(4, Timestamp.from(from.atStartOfDay(java.time.ZoneOffset.UTC).toInstant()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          members.add(
              new Member(
                  rs.getString(1),
                  groupBy == null ? null : rs.getString(2),
                  rs.getBigDecimal(3),
                  currency(rs.getString(4))));
        }
      }
    }
    return members;
  }

  public List<Movement> movements(Connection c, String tenantId, LocalDate from, LocalDate to)
      throws SQLException {
    List<Movement> movements = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(MOVEMENTS)) {
      ps.setString(1, tenantId);
      ps.setDate(2, Date.valueOf(from));
      ps.setDate(3, Date.valueOf(to));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          movements.add(
              new Movement(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getBigDecimal(3),
                  rs.getBigDecimal(4),
                  currency(rs.getString(5))));
        }
      }
    }
    return movements;
  }

  /** The newest {@code limit} renewal decisions in [from, to), oldest first. */
  public List<Decision> decisions(
      Connection c, String tenantId, LocalDate from, LocalDate to, int limit) throws SQLException {
    List<Decision> decisions = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(DECISIONS)) {
      ps.setString(1, tenantId);
      ps.setDate(2, Date.valueOf(from));
      ps.setDate(3, Date.valueOf(to));
      ps.setInt(4, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          decisions.add(
              new Decision(
                  rs.getString(1),
                  rs.getBoolean(2),
                  rs.getDate(3).toLocalDate(),
                  rs.getString(4),
                  rs.getBigDecimal(5)));
        }
      }
    }
    return decisions;
  }

  /** The observations each (account, instant) pair could be scored from, by pair index. */
  public Map<Integer, List<Observation>> observationsAt(
      Connection c,
      String tenantId,
      List<String> accounts,
      List<Instant> instants,
      Collection<DataNeed> needs,
      Instant reference)
      throws SQLException {
    List<DataNeed> list = List.copyOf(needs);
    Map<Integer, List<Observation>> byPair = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement(OBSERVATIONS_AT)) {
      ps.setArray(1, c.createArrayOf("text", accounts.toArray()));
      ps.setArray(
          2, c.createArrayOf("timestamptz", instants.stream().map(Timestamp::from).toArray()));
      ps.setArray(3, c.createArrayOf("text", list.stream().map(DataNeed::key).toArray()));
      ps.setArray(
          4,
          c.createArrayOf(
              "bigint",
              list.stream().map(n -> Duration.between(n.since(), reference).toMillis()).toArray()));
      ps.setArray(5, c.createArrayOf("boolean", list.stream().map(DataNeed::latestOnly).toArray()));
      ps.setString(6, tenantId);
      ps.setString(7, tenantId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          double number = rs.getDouble(3);
          Double value = rs.wasNull() ? null : number;
          byPair
              .computeIfAbsent(rs.getInt(1) - 1, k -> new ArrayList<>())
              .add(
                  new Observation(
                      rs.getString(2), value, rs.getString(4), rs.getTimestamp(5).toInstant()));
        }
      }
    }
    return byPair;
  }

  private static String currency(String value) {
    return value == null ? null : value.trim();
  }
}

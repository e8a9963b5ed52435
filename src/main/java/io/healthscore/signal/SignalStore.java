package io.healthscore.signal;

import io.healthscore.scoring.DataNeed;
import io.healthscore.scoring.Observation;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** Append-only signal storage, written and read with set-based SQL. */
@ApplicationScoped
public class SignalStore {

  // One statement for any number of rows; a repeated eventId is skipped, not double-counted.
  private static final String INSERT = """
      insert into signal (tenant_id, account_id, key, number_value, label_value, observed_at,
                          source, event_id)
      select ?, s.account_id, s.key, s.number_value, s.label_value, s.observed_at, s.source,
             s.event_id
      from unnest(?::text[], ?::text[], ?::float8[], ?::text[], ?::timestamptz[], ?::text[],
                  ?::text[])
           as s(account_id, key, number_value, label_value, observed_at, source, event_id)
      on conflict (tenant_id, account_id, event_id) where event_id is not null do nothing
      """;

  // Per account and key: the observations a scorecard can use (see DataNeed), found with index
  // probes so that cost does not grow with an account's history.
  private static final String OBSERVATIONS = """
      select a.account_id, k.key, s.number_value, s.label_value, s.observed_at
      from unnest(?::text[]) a(account_id)
      cross join unnest(?::text[], ?::timestamptz[], ?::boolean[]) k(key, since, latest_only)
      cross join lateral (
        (select number_value, label_value, observed_at from signal
         where tenant_id = ? and account_id = a.account_id and key = k.key
           and not k.latest_only and observed_at >= k.since)
        union all
        (select number_value, label_value, observed_at from signal
         where tenant_id = ? and account_id = a.account_id and key = k.key
           and (k.latest_only or observed_at < k.since)
         order by observed_at desc limit 1)
      ) s
      """;

  private final DataSource dataSource;

  public SignalStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Stores the signals; returns how many were new (the rest repeated a known eventId). */
  public int insert(String tenantId, List<NewSignal> signals) throws SQLException {
    if (signals.isEmpty()) {
      return 0;
    }
    int n = signals.size();
    String[] accounts = new String[n];
    String[] keys = new String[n];
    Double[] numbers = new Double[n];
    String[] labels = new String[n];
    Timestamp[] observed = new Timestamp[n];
    String[] sources = new String[n];
    String[] eventIds = new String[n];
    for (int i = 0; i < n; i++) {
      NewSignal s = signals.get(i);
      accounts[i] = s.accountId();
      keys[i] = s.key();
      numbers[i] = s.number();
      labels[i] = s.label();
      observed[i] = Timestamp.from(s.observedAt());
      sources[i] = s.source();
      eventIds[i] = s.eventId();
    }
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(INSERT)) {
      ps.setString(1, tenantId);
      ps.setArray(2, c.createArrayOf("text", accounts));
      ps.setArray(3, c.createArrayOf("text", keys));
      ps.setArray(4, c.createArrayOf("float8", numbers));
      ps.setArray(5, c.createArrayOf("text", labels));
      ps.setArray(6, c.createArrayOf("timestamptz", observed));
      ps.setArray(7, c.createArrayOf("text", sources));
      ps.setArray(8, c.createArrayOf("text", eventIds));
      return ps.executeUpdate();
    }
  }

  /** The observations these accounts have for what a scorecard needs, by account. */
  public Map<String, List<Observation>> observations(String tenantId, Collection<String> accountIds,
      Collection<DataNeed> needs) throws SQLException {
    Map<String, List<Observation>> byAccount = new HashMap<>();
    List<DataNeed> list = List.copyOf(needs);
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(OBSERVATIONS)) {
      ps.setArray(1, c.createArrayOf("text", accountIds.toArray()));
      ps.setArray(2, c.createArrayOf("text", list.stream().map(DataNeed::key).toArray()));
      ps.setArray(3, c.createArrayOf("timestamptz",
          list.stream().map(n -> Timestamp.from(n.since())).toArray()));
      ps.setArray(4, c.createArrayOf("boolean", list.stream().map(DataNeed::latestOnly).toArray()));
      ps.setString(5, tenantId);
      ps.setString(6, tenantId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          double number = rs.getDouble(3);
          Double value = rs.wasNull() ? null : number;
          byAccount.computeIfAbsent(rs.getString(1), a -> new ArrayList<>())
              .add(new Observation(rs.getString(2), value, rs.getString(4),
                  rs.getTimestamp(5).toInstant()));
        }
      }
    }
    return byAccount;
  }
}

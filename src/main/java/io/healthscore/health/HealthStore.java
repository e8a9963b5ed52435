package io.healthscore.health;

import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/** Score history (append-only) and the latest-score projection, kept in step in one statement. */
@ApplicationScoped
public class HealthStore {

  private static final String LATEST = """
      select account_id, seq, result::text from health_latest
      where tenant_id = ? and account_id = any(?) and scorecard_id = ?
      """;

  private static final String LATEST_ONE = """
      select seq, result::text from health_latest
      where tenant_id = ? and account_id = ? and scorecard_id = ?
      """;

  // The history rows and the projection change together: one statement, one snapshot.
  private static final String APPEND = """
      with new_score as (
        select * from unnest(?::text[], ?::bigint[], ?::numeric[], ?::text[], ?::numeric[],
                             ?::text[])
          as r(account_id, seq, score, band, coverage, result)
      ), history as (
        insert into health_history (tenant_id, account_id, scorecard_id, seq, scorecard_version,
                                    engine, score, band, coverage, trigger, computed_at, result)
        select ?, account_id, ?, seq, ?, ?, score, band, coverage, ?, ?, result::json
        from new_score
      )
      insert into health_latest (tenant_id, account_id, scorecard_id, seq, scorecard_version,
                                 engine, score, band, coverage, trigger, computed_at, result)
      select ?, account_id, ?, seq, ?, ?, score, band, coverage, ?, ?, result::json
      from new_score
      on conflict (tenant_id, account_id, scorecard_id) do update set
        seq = excluded.seq, scorecard_version = excluded.scorecard_version,
        engine = excluded.engine, score = excluded.score, band = excluded.band,
        coverage = excluded.coverage, trigger = excluded.trigger,
        computed_at = excluded.computed_at, result = excluded.result
      """;

  private final DataSource dataSource;

  public HealthStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public record Stored(long sequence, String json) {}

  /** One score to append: the account's next sequence number and the view as JSON. */
  public record NewScore(String accountId, long sequence, HealthView view, String json) {}

  public Map<String, Stored> latest(String tenantId, Collection<String> accountIds,
      String scorecardId) throws SQLException {
    Map<String, Stored> latest = new HashMap<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(LATEST)) {
      ps.setString(1, tenantId);
      ps.setArray(2, c.createArrayOf("text", accountIds.toArray()));
      ps.setString(3, scorecardId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          latest.put(rs.getString(1), new Stored(rs.getLong(2), rs.getString(3)));
        }
      }
    }
    return latest;
  }

  public Optional<Stored> latest(String tenantId, String accountId, String scorecardId)
      throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(LATEST_ONE)) {
      ps.setString(1, tenantId);
      ps.setString(2, accountId);
      ps.setString(3, scorecardId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(new Stored(rs.getLong(1), rs.getString(2)))
            : Optional.empty();
      }
    }
  }

  /** Appends one history row per score and moves the projection to it. */
  public void append(String tenantId, String trigger, List<NewScore> scores) throws SQLException {
    if (scores.isEmpty()) {
      return;
    }
    HealthView first = scores.get(0).view();
    int n = scores.size();
    String[] accounts = new String[n];
    Long[] sequences = new Long[n];
    BigDecimal[] values = new BigDecimal[n];
    String[] bands = new String[n];
    BigDecimal[] coverages = new BigDecimal[n];
    String[] results = new String[n];
    for (int i = 0; i < n; i++) {
      NewScore s = scores.get(i);
      accounts[i] = s.accountId();
      sequences[i] = s.sequence();
      values[i] = s.view().score() == null ? null : BigDecimal.valueOf(s.view().score());
      bands[i] = s.view().band();
      coverages[i] = BigDecimal.valueOf(s.view().coverage());
      results[i] = s.json();
    }
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(APPEND)) {
      ps.setArray(1, c.createArrayOf("text", accounts));
      ps.setArray(2, c.createArrayOf("bigint", sequences));
      ps.setArray(3, c.createArrayOf("numeric", values));
      ps.setArray(4, c.createArrayOf("text", bands));
      ps.setArray(5, c.createArrayOf("numeric", coverages));
      ps.setArray(6, c.createArrayOf("text", results));
      for (int offset : new int[] {6, 12}) {
        ps.setString(offset + 1, tenantId);
        ps.setString(offset + 2, first.scorecard().id());
        ps.setInt(offset + 3, first.scorecard().version());
        ps.setString(offset + 4, first.engine());
        ps.setString(offset + 5, trigger);
        ps.setTimestamp(offset + 6, Timestamp.from(first.computedAt()));
      }
      ps.executeUpdate();
    }
  }
}

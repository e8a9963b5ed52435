package io.healthscore.health;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Reads of the latest score: the projection row joined to the history row it points at. */
@ApplicationScoped
public class HealthStore {

  private static final String LATEST_RESULT = """
      select h.seq, h.result::text
      from health_latest l
      join health_history h using (tenant_id, account_id, scorecard_id, seq)
      where l.tenant_id = ? and l.account_id = ? and l.scorecard_id = ?
      """;

  /** A stored score: its sequence number and the result as the API writes it. */
  public record Stored(long sequence, String json) {}

  public Optional<Stored> latest(Connection c, String tenantId, String accountId,
      String scorecardId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(LATEST_RESULT)) {
      ps.setString(1, tenantId);
      ps.setString(2, accountId);
      ps.setString(3, scorecardId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(new Stored(rs.getLong(1), rs.getString(2)))
            : Optional.empty();
      }
    }
  }

}

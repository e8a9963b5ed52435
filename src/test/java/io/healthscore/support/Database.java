package io.healthscore.support;

import io.healthscore.consistency.ConsistencyCheck;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Direct access to the test database as its owner, across tenants (the service's own role sees one
 * tenant per transaction): to check what the API wrote, or to act as another instance.
 */
public final class Database {

  private Database() {}

  public static Connection owner() throws SQLException {
    return EmbeddedPostgresResource.database().ownerConnection();
  }

  public static long count(String sql, Object... parameters) {
    try (Connection c = owner();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        ps.setObject(i + 1, parameters[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The first column of the first row, as text. */
  public static String string(String sql, Object... parameters) {
    List<String> rows = strings(sql, parameters);
    return rows.isEmpty() ? null : rows.get(0);
  }

  /** The first column of every row, as text. */
  public static List<String> strings(String sql, Object... parameters) {
    try (Connection c = owner();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        ps.setObject(i + 1, parameters[i]);
      }
      List<String> rows = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(rs.getString(1));
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs one statement; returns its update count. */
  public static int execute(String sql, Object... parameters) {
    try (Connection c = owner();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        ps.setObject(i + 1, parameters[i]);
      }
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Runs the consistency check across all tenants, as the check-consistency command does, and fails
   * with its findings unless every invariant holds.
   */
  public static ConsistencyCheck.Report assertConsistent() {
    try (Connection c = owner()) {
      ConsistencyCheck.Report report = ConsistencyCheck.run(c, Duration.ofMinutes(5));
      if (!report.consistent()) {
        throw new AssertionError("inconsistent data: " + report.invariants());
      }
      return report;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}

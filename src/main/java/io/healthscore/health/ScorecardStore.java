package io.healthscore.health;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/** Scorecards and their immutable versions, stored as JSON definitions. */
@ApplicationScoped
public class ScorecardStore {

  /** One stored version: its definition as JSON and when it was created. */
  public record StoredVersion(
      String scorecardId, int version, String definition, Instant createdAt, boolean current) {}

  private static final String CURRENT =
      """
      select s.scorecard_id, v.version, v.definition::text, v.created_at
      from scorecard s
      join scorecard_version v on v.tenant_id = s.tenant_id
        and v.scorecard_id = s.scorecard_id and v.version = s.current_version
      where s.tenant_id = ? and (?::text is null or s.scorecard_id = ?)
      order by s.scorecard_id
      """;

  private static final String VERSIONS =
      """
      select v.scorecard_id, v.version, v.definition::text, v.created_at,
             v.version = s.current_version
      from scorecard_version v join scorecard s using (tenant_id, scorecard_id)
      where v.tenant_id = ? and v.scorecard_id = ? and (? :: integer is null or v.version = ?)
      order by v.version desc
      """;

  private static final String CREATE =
      """
      insert into scorecard (tenant_id, scorecard_id, current_version) values (?, ?, 1)
      on conflict (tenant_id, scorecard_id) do nothing
      """;

  // Compare-and-set on the current version: of two concurrent updates naming one version, one
  // wins and the other finds no row (412).
  private static final String BUMP =
      """
      update scorecard set current_version = current_version + 1, updated_at = now()
      where tenant_id = ? and scorecard_id = ? and (? :: integer is null or current_version = ?)
      returning current_version
      """;

  private static final String INSERT_VERSION =
      """
      insert into scorecard_version (tenant_id, scorecard_id, version, definition)
      values (?, ?, ?, ?::jsonb)
      """;

  /** The current version of every scorecard of the tenant, sorted by id. */
  public List<StoredVersion> current(Connection c, String tenantId) throws SQLException {
    return currentVersions(c, tenantId, null);
  }

  /** The current version of one scorecard, if it exists. */
  public Optional<StoredVersion> current(Connection c, String tenantId, String scorecardId)
      throws SQLException {
    return currentVersions(c, tenantId, Objects.requireNonNull(scorecardId)).stream().findFirst();
  }

  private List<StoredVersion> currentVersions(Connection c, String tenantId, String scorecardId)
      throws SQLException {
    List<StoredVersion> result = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(CURRENT)) {
      ps.setString(1, tenantId);
      ps.setString(2, scorecardId);
      ps.setString(3, scorecardId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          result.add(
              new StoredVersion(
                  rs.getString(1),
                  rs.getInt(2),
                  rs.getString(3),
                  rs.getTimestamp(4).toInstant(),
                  true));
        }
      }
    }
    return result;
  }

  /** Every version of one scorecard, newest first (empty: no such scorecard). */
  public List<StoredVersion> versions(Connection c, String tenantId, String scorecardId)
      throws SQLException {
    return select(c, tenantId, scorecardId, null);
  }

  public Optional<StoredVersion> version(
      Connection c, String tenantId, String scorecardId, int version) throws SQLException {
    return select(c, tenantId, scorecardId, version).stream().findFirst();
  }

  /** Stores version 1 of a new scorecard; false when the id is taken. */
  public boolean create(Connection c, String tenantId, String scorecardId, String definition)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(CREATE)) {
      ps.setString(1, tenantId);
      ps.setString(2, scorecardId);
      if (ps.executeUpdate() == 0) {
        return false;
      }
    }
    insertVersion(c, tenantId, scorecardId, 1, definition);
    return true;
  }

  /**
   * Makes the next version current if the current one is {@code expected} (null: whatever it is);
   * returns the new version number, or empty when the scorecard is missing or moved on.
   */
  public OptionalInt nextVersion(
      Connection c, String tenantId, String scorecardId, Integer expected) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(BUMP)) {
      ps.setString(1, tenantId);
      ps.setString(2, scorecardId);
      ps.setObject(3, expected, java.sql.Types.INTEGER);
      ps.setObject(4, expected, java.sql.Types.INTEGER);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? OptionalInt.of(rs.getInt(1)) : OptionalInt.empty();
      }
    }
  }

  public void insertVersion(
      Connection c, String tenantId, String scorecardId, int version, String definition)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(INSERT_VERSION)) {
      ps.setString(1, tenantId);
      ps.setString(2, scorecardId);
      ps.setInt(3, version);
      ps.setString(4, definition);
      ps.executeUpdate();
    }
  }

  private static List<StoredVersion> select(
      Connection c, String tenantId, String scorecardId, Integer version) throws SQLException {
    List<StoredVersion> result = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(VERSIONS)) {
      ps.setString(1, tenantId);
      ps.setString(2, scorecardId);
      ps.setObject(3, version, java.sql.Types.INTEGER);
      ps.setObject(4, version, java.sql.Types.INTEGER);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          result.add(
              new StoredVersion(
                  rs.getString(1),
                  rs.getInt(2),
                  rs.getString(3),
                  rs.getTimestamp(4).toInstant(),
                  rs.getBoolean(5)));
        }
      }
    }
    return result;
  }
}

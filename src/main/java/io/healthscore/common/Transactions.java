package io.healthscore.common;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The service's one transaction model: plain JDBC, one connection, explicit commit. Every
 * transaction names its tenant first, here (row-level security lets it see and write that tenant's
 * rows only); the write path names it inside its first statement with {@link #TENANT_SETTING} and
 * commits inside its last, two round trips in all, which a JTA transaction (a commit of its own)
 * would not allow. No other class opens a connection or a transaction (ArchitectureTest);
 * docs/architecture.md has the measurements behind the choice.
 */
@ApplicationScoped
public class Transactions {

  /** The setting the row-level security policies compare tenant_id with. */
  public static final String TENANT_SETTING = "healthscore.tenant_id";

  private static final String SET_TENANT = "select set_config('" + TENANT_SETTING + "', ?, true)";

  /** Work that runs on one connection inside one transaction. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private final DataSource dataSource;

  public Transactions(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Runs the work as the tenant and commits; rolls back on any failure, so nothing partial is ever
   * written. Work may commit itself in the same round trip as its last statement (the driver then
   * knows no transaction is open and the commit here costs nothing).
   */
  public <T> T inTenant(String tenantId, Work<T> work) throws SQLException {
    return run(
        c -> {
          setTenant(c, tenantId);
          return work.run(c);
        });
  }

  /**
   * Runs work that belongs to no tenant yet: it sees no tenant's rows except through the SECURITY
   * DEFINER functions (authenticating a key, leasing background work), and may switch to the tenant
   * they name with {@link #setTenant}.
   */
  public <T> T withoutTenant(Work<T> work) throws SQLException {
    return run(work);
  }

  /**
   * Runs work whose first statement names the tenant itself (the ingest pipeline, see IngestStore),
   * saving the round trip {@link #inTenant} spends on it. Until it does, the work sees no row and
   * can write none.
   */
  public <T> T tenantNamedByWork(Work<T> work) throws SQLException {
    return run(work);
  }

  /**
   * Runs read-only work as the tenant on one snapshot (repeatable read), so that many statements
   * see one consistent state while writes go on; nothing it does is kept.
   */
  public <T> T snapshotInTenant(String tenantId, Work<T> work) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      connection.setReadOnly(true);
      try {
        setTenant(connection, tenantId);
        return work.run(connection);
      } finally {
        connection.rollback();
        connection.setReadOnly(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        connection.setAutoCommit(true);
      }
    }
  }

  /**
   * Makes the rest of the connection's transaction act as the tenant: for work begun {@link
   * #withoutTenant} that has found the tenant it must act for.
   */
  public static void setTenant(Connection c, String tenantId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SET_TENANT)) {
      ps.setString(1, tenantId);
      ps.execute();
    }
  }

  private <T> T run(Work<T> work) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException | Error e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    }
  }
}

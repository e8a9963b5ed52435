package io.healthscore.common;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Plain JDBC transactions for the write paths: one connection, explicit commit. The hot path runs
 * a handful of set-based statements and needs no JTA machinery around them.
 */
@ApplicationScoped
public class Transactions {

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
   * Runs the work and commits; rolls back on any failure, so nothing partial is ever written.
   * Work may commit itself in the same round trip as its last statement (the driver then knows
   * no transaction is open and the commit here costs nothing).
   */
  public <T> T inTransaction(Work<T> work) throws SQLException {
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

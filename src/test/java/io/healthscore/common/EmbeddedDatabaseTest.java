package io.healthscore.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded server the service starts when no datasource URL is configured. */
class EmbeddedDatabaseTest {

  @TempDir Path dataDirectory;

  @Test
  void keeps_durable_settings_and_its_data_across_restarts() throws Exception {
    try (EmbeddedDatabase database = EmbeddedDatabase.start(dataDirectory, 0, true)) {
      assertEquals("17", query(database, "show server_version").split("\\.")[0]);
      assertEquals("on", query(database, "show fsync"));
      assertEquals("on", query(database, "show synchronous_commit"));
      assertEquals("on", query(database, "show full_page_writes"));
      execute(database, "create table kept (v text)");
      execute(database, "insert into kept values ('still here')");
    }
    try (EmbeddedDatabase restarted = EmbeddedDatabase.start(dataDirectory, 0, true)) {
      assertEquals("still here", query(restarted, "select v from kept"));
    }
  }

  private static String query(EmbeddedDatabase database, String sql) throws SQLException {
    try (Connection c = connect(database);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static void execute(EmbeddedDatabase database, String sql) throws SQLException {
    try (Connection c = connect(database);
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static Connection connect(EmbeddedDatabase database) throws SQLException {
    return DriverManager.getConnection(database.jdbcUrl(), EmbeddedDatabase.OWNER, "");
  }
}

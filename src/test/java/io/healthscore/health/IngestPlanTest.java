package io.healthscore.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.healthscore.common.EmbeddedDatabase;
import io.healthscore.common.Transactions;
import io.healthscore.support.EmbeddedPostgresResource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The write runs with a plan made once per connection (IngestStore.WRITE_SETTINGS). A plan made
 * while the tables are empty is kept after they have grown, so it must not depend on their
 * sizes: this plans the write as the service does, on a freshly migrated database, before and
 * after its empty tables are analysed (the state in which PostgreSQL favours sequential scans
 * and arbitrary indexes most).
 */
class IngestPlanTest {

  static final String DATABASE = "plan_check";
  static EmbeddedDatabase server;

  @BeforeAll
  static void migrateAnEmptyDatabase() throws SQLException {
    server = EmbeddedPostgresResource.database();
    try (Connection c = server.ownerConnection(); Statement s = c.createStatement()) {
      s.execute("drop database if exists " + DATABASE);
      s.execute("create database " + DATABASE);
    }
    Flyway.configure()
        .dataSource(url(), EmbeddedDatabase.OWNER, "local")
        .placeholders(Map.of("app_role", EmbeddedDatabase.APP_ROLE))
        .locations("classpath:db/migration")
        .load()
        .migrate();
  }

  @AfterAll
  static void dropIt() throws SQLException {
    try (Connection c = server.ownerConnection(); Statement s = c.createStatement()) {
      s.execute("drop database if exists " + DATABASE + " with (force)");
    }
  }

  @Test
  void the_write_plan_scans_no_table_and_probes_only_by_index_whatever_the_statistics()
      throws SQLException {
    String neverAnalysed = writePlan();
    try (Connection c = DriverManager.getConnection(url(), EmbeddedDatabase.OWNER, "local");
        Statement s = c.createStatement()) {
      s.execute("analyze");
    }
    String analysedEmpty = writePlan();

    for (String plan : new String[] {neverAnalysed, analysedEmpty}) {
      assertFalse(plan.contains("Seq Scan"), plan);
      assertFalse(plan.contains("health_latest_score_idx"), plan);
      assertTrue(plan.contains("Index Scan using webhook_subscription_live_idx"), plan);
      assertTrue(plan.contains("Conflict Arbiter Indexes: health_latest_pkey"), plan);
    }
  }

  @Test
  void the_settings_make_the_plan_generic_and_end_with_the_transaction() throws SQLException {
    try (Connection c = appConnection(); Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.execute(IngestStore.WRITE_SETTINGS);
      assertEquals("force_generic_plan", setting(s, "plan_cache_mode"));
      assertEquals("off", setting(s, "enable_seqscan"));
      c.commit();
      assertEquals("auto", setting(s, "plan_cache_mode"));
      assertEquals("on", setting(s, "enable_seqscan"));
    }
  }

  @Test
  void the_service_runs_the_write_with_its_generic_plan() throws SQLException {
    IngestStore store = new IngestStore(null);
    try (Connection c = DriverManager.getConnection(url(), EmbeddedDatabase.APP_ROLE, "local")) {
      for (int i = 0; i < 10; i++) {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
          s.execute("select set_config('" + Transactions.TENANT_SETTING + "', 'default', true)");
        }
        store.writeAndCommit(c, "default", "signals", List.of(), List.of());
        c.setAutoCommit(true);
      }
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
          select generic_plans, custom_plans from pg_prepared_statements
          where statement like '%insert into health_history%'
          """)) {
        assertTrue(rs.next(), "the write is not a prepared statement of this connection");
        assertTrue(rs.getLong(1) > 0, "no generic plan");
        assertEquals(0, rs.getLong(2), "custom plans");
      }
    }
  }

  /** EXPLAIN (GENERIC_PLAN) of the write, as the service's role under a tenant. */
  static String writePlan() throws SQLException {
    try (Connection c = appConnection(); Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.execute("select set_config('" + Transactions.TENANT_SETTING + "', 'default', true)");
      s.execute(IngestStore.WRITE_SETTINGS);
      StringBuilder plan = new StringBuilder();
      String write = IngestStore.WRITE.substring(0, IngestStore.WRITE.lastIndexOf("commit"));
      try (ResultSet rs = s.executeQuery("explain (generic_plan) " + numbered(write))) {
        while (rs.next()) {
          plan.append(rs.getString(1)).append('\n');
        }
      }
      c.rollback();
      return plan.toString();
    }
  }

  /** JDBC's ? placeholders as PostgreSQL's $1, $2, ... */
  static String numbered(String sql) {
    Matcher m = Pattern.compile("\\?").matcher(sql);
    StringBuilder out = new StringBuilder();
    int n = 0;
    while (m.find()) {
      m.appendReplacement(out, "\\$" + ++n);
    }
    return m.appendTail(out).toString().replaceAll(";\\s*$", "");
  }

  static String setting(Statement s, String name) throws SQLException {
    try (ResultSet rs = s.executeQuery("select current_setting('" + name + "')")) {
      rs.next();
      return rs.getString(1);
    }
  }

  /** The simple query protocol: EXPLAIN (GENERIC_PLAN) takes $n without values bound. */
  static Connection appConnection() throws SQLException {
    return DriverManager.getConnection(url() + "?preferQueryMode=simple",
        EmbeddedDatabase.APP_ROLE, "local");
  }

  static String url() {
    return "jdbc:postgresql://localhost:" + server.port() + "/" + DATABASE;
  }
}

package io.healthscore.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.healthscore.common.EmbeddedDatabase;
import io.healthscore.common.Transactions;
import io.healthscore.scoring.DataNeed;
import io.healthscore.support.EmbeddedPostgresResource;
import io.healthscore.support.RoundTrips;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The lock, the read and the write run with plans made once per connection
 * (IngestStore.GENERIC_PLANS). A plan made while the tables are empty is kept after they have
 * grown, so it must not depend on their sizes: this plans them as the service does, on a freshly
 * migrated database, before and after its empty tables are analysed (the state in which PostgreSQL
 * favours sequential scans and arbitrary indexes most).
 */
class IngestPlanTest {

  static final String DATABASE = "plan_check";
  static EmbeddedDatabase server;

  @BeforeAll
  static void migrateAnEmptyDatabase() throws SQLException {
    server = EmbeddedPostgresResource.database();
    try (Connection c = server.ownerConnection();
        Statement s = c.createStatement()) {
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
    try (Connection c = server.ownerConnection();
        Statement s = c.createStatement()) {
      s.execute("drop database if exists " + DATABASE + " with (force)");
    }
  }

  @Test
  void the_plans_scan_no_table_and_probe_by_the_accounts_whatever_the_statistics()
      throws SQLException {
    // One test for both, before and after the one ANALYZE: a database is analysed only once.
    String readNeverAnalysed = readPlan();
    String writeNeverAnalysed = writePlan();
    try (Connection c = DriverManager.getConnection(url(), EmbeddedDatabase.OWNER, "local");
        Statement s = c.createStatement()) {
      s.execute("analyze");
    }
    String readAnalysedEmpty = readPlan();
    String writeAnalysedEmpty = writePlan();

    for (String plan :
        List.of(readNeverAnalysed, readAnalysedEmpty, writeNeverAnalysed, writeAnalysedEmpty)) {
      assertFalse(plan.contains("Seq Scan"), plan);
      assertFalse(plan.contains("health_latest_score_idx"), plan);
    }
    for (String plan : List.of(readNeverAnalysed, readAnalysedEmpty)) {
      assertFalse(plan.contains("health_override_expiry_idx"), plan);
      for (String probe :
          List.of(
              "account_pkey on account",
              "signal_latest_pkey on signal_latest",
              "signal_pkey on signal",
              "health_latest_pkey on health_latest",
              "signal_event_id_uq on signal",
              "health_override_active_uq on health_override")) {
        assertTrue(probesByAccount(probe).matcher(plan).find(), probe + " in\n" + plan);
      }
    }
    for (String plan : List.of(writeNeverAnalysed, writeAnalysedEmpty)) {
      assertTrue(plan.contains("Index Scan using webhook_subscription_live_idx"), plan);
      assertTrue(plan.contains("Conflict Arbiter Indexes: health_latest_pkey"), plan);
    }
  }

  @Test
  void the_portfolio_index_still_serves_the_portfolio_list() throws SQLException {
    String plan =
        plan(
            List.of(
                """
                select account_id from health_latest l where l.tenant_id = ? and l.scorecard_id = ?
                order by coalesce(l.score, -1), l.account_id limit 10\
                """));
    assertTrue(plan.contains("health_latest_score_idx"), plan);
    assertFalse(plan.contains("Sort"), plan);
  }

  @Test
  void the_settings_make_the_plan_generic_and_end_with_the_transaction() throws SQLException {
    try (Connection c = appConnection();
        Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.execute("select " + IngestStore.GENERIC_PLANS);
      assertEquals("force_generic_plan", setting(s, "plan_cache_mode"));
      assertEquals("off", setting(s, "enable_seqscan"));
      c.commit();
      assertEquals("auto", setting(s, "plan_cache_mode"));
      assertEquals("on", setting(s, "enable_seqscan"));
    }
  }

  @Test
  void the_service_runs_the_read_and_the_write_with_their_generic_plans() throws SQLException {
    IngestStore store = new IngestStore(null);
    try (Connection c = DriverManager.getConnection(url(), EmbeddedDatabase.APP_ROLE, "local")) {
      for (int i = 0; i < 10; i++) {
        c.setAutoCommit(false);
        store.lockAndRead(c, "default", List.of(), List.of(), List.of(), List.of("default"));
        store.writeAndCommit(c, "default", "signals", List.of(), List.of());
        c.setAutoCommit(true);
      }
      for (String statement :
          List.of("%from signal_latest%", "%insert into health_history%", "%for update%")) {
        try (PreparedStatement ps =
            c.prepareStatement(
                """
                select generic_plans, custom_plans from pg_prepared_statements
                where statement like ?
                """)) {
          ps.setString(1, statement);
          try (ResultSet rs = ps.executeQuery()) {
            assertTrue(rs.next(), statement + " is not a prepared statement of this connection");
            assertTrue(rs.getLong(1) > 0, "no generic plan for " + statement);
            assertEquals(0, rs.getLong(2), "custom plans for " + statement);
          }
        }
      }
    }
  }

  @Test
  void the_lock_and_read_is_one_round_trip_and_so_is_the_write() throws SQLException {
    IngestStore store = new IngestStore(new AccountAttributes(new ObjectMapper()));
    Instant now = Instant.now();
    List<DataNeed> needs =
        List.of(
            new DataNeed("csm_sentiment", now.minus(Duration.ofDays(90)), true),
            new DataNeed("nps_response", now.minus(Duration.ofDays(180)), false));
    try (Connection c =
        DriverManager.getConnection(
            url() + "?socketFactory=" + RoundTrips.class.getName(),
            EmbeddedDatabase.APP_ROLE,
            "local")) {
      // From the driver's fifth execution on, the statements are named and described: the
      // state in which a result of unbounded size made it wait before sending the next.
      for (int i = 0; i < 10; i++) {
        c.setAutoCommit(false);
        int before = RoundTrips.count();
        store.lockAndRead(
            c, "default", List.of("trips-" + i), needs, List.of("event-" + i), List.of("default"));
        int read = RoundTrips.count() - before;
        store.writeAndCommit(c, "default", "signals", List.of(), List.of());
        int write = RoundTrips.count() - before - read;
        c.setAutoCommit(true);
        assertEquals(1, read, "round trips of the lock and the read, execution " + i);
        assertEquals(1, write, "round trips of the write, execution " + i);
      }
    }
  }

  /** EXPLAIN (GENERIC_PLAN) of the write, as the service's role under a tenant. */
  static String writePlan() throws SQLException {
    return plan(List.of(IngestStore.WRITE.substring(0, IngestStore.WRITE.lastIndexOf("commit"))));
  }

  /** EXPLAIN (GENERIC_PLAN) of the lock and the read, as the service's role under a tenant. */
  static String readPlan() throws SQLException {
    return plan(List.of(IngestStore.LOCK_AND_READ.split(";\n")));
  }

  /** EXPLAIN (GENERIC_PLAN) of statements, with the write path's plan settings. */
  static String plan(List<String> statements) throws SQLException {
    try (Connection c = appConnection();
        Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.execute("select set_config('" + Transactions.TENANT_SETTING + "', 'default', true)");
      s.execute("select " + IngestStore.GENERIC_PLANS);
      StringBuilder plan = new StringBuilder();
      for (String statement : statements) {
        if (statement.isBlank()) {
          continue;
        }
        try (ResultSet rs = s.executeQuery("explain (generic_plan) " + numbered(statement))) {
          while (rs.next()) {
            plan.append(rs.getString(1)).append('\n');
          }
        }
      }
      c.rollback();
      return plan.toString();
    }
  }

  /** An index scan whose condition is the tenant and a set of accounts. */
  static Pattern probesByAccount(String indexOnTable) {
    return Pattern.compile(
        "using "
            + Pattern.quote(indexOnTable)
            + "[^\\n]*\\n\\s+Index Cond: \\(\\(tenant_id = \\$\\d+\\) AND \\(account_id = ANY");
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
    return DriverManager.getConnection(
        url() + "?preferQueryMode=simple", EmbeddedDatabase.APP_ROLE, "local");
  }

  static String url() {
    return "jdbc:postgresql://localhost:" + server.port() + "/" + DATABASE;
  }
}

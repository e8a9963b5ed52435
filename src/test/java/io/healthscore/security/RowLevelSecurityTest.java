package io.healthscore.security;

import static io.healthscore.support.Api.jsonAs;
import static io.healthscore.support.Api.newAccountId;
import static io.healthscore.support.Api.newTenantAdminKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.healthscore.common.EmbeddedDatabase;
import io.healthscore.support.Database;
import io.healthscore.support.EmbeddedPostgresResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The database's own wall between tenants, under the application's role. */
@QuarkusTest
class RowLevelSecurityTest {

  static Connection asService() throws SQLException {
    return DriverManager.getConnection(
        EmbeddedPostgresResource.database().jdbcUrl(), EmbeddedDatabase.APP_ROLE, "local");
  }

  static long count(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  String tenantWithAnAccount() {
    String key = newTenantAdminKey("rls");
    jsonAs(key)
        .body("{\"signals\": [{\"key\": \"active_users_ratio\", \"value\": 0.5}]}")
        .post("/v1/accounts/{id}/signals", newAccountId("rls"))
        .then()
        .statusCode(200);
    return Database.string("select tenant_id from api_key where prefix = ?", key.substring(0, 11));
  }

  @Test
  void without_the_tenant_setting_the_service_role_sees_no_row() throws Exception {
    tenantWithAnAccount();
    assertTrue(Database.count("select count(*) from account") > 0);
    try (Connection c = asService()) {
      for (String table :
          new String[] {
            "tenant",
            "account",
            "signal",
            "health_history",
            "health_latest",
            "scorecard",
            "api_key",
            "webhook_delivery",
            "idempotency_key"
          }) {
        assertEquals(0, count(c, "select count(*) from " + table), table);
      }
    }
  }

  @Test
  void with_the_setting_it_sees_and_writes_that_tenant_only() throws Exception {
    String tenant = tenantWithAnAccount();
    try (Connection c = asService()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps =
          c.prepareStatement("select set_config('healthscore.tenant_id', ?, true)")) {
        ps.setString(1, tenant);
        ps.execute();
      }
      assertEquals(1, count(c, "select count(*) from account"));
      assertEquals(0, count(c, "select count(*) from account where tenant_id <> '" + tenant + "'"));
      SQLException refused =
          assertThrows(
              SQLException.class,
              () ->
                  c.createStatement()
                      .executeUpdate(
                          "insert into account (tenant_id, account_id) values ('default', 'x')"));
      assertEquals("42501", refused.getSQLState(), "row-level security violation");
      c.rollback();
    }
  }

  @Test
  void the_service_role_cannot_switch_the_wall_off() throws Exception {
    tenantWithAnAccount();
    assertEquals(
        0,
        Database.count(
            "select count(*) from pg_roles where rolname = ? " + "and (rolsuper or rolbypassrls)",
            EmbeddedDatabase.APP_ROLE));
    assertEquals(
        0,
        Database.count(
            "select count(*) from pg_tables where schemaname = 'public' " + "and tableowner = ?",
            EmbeddedDatabase.APP_ROLE));
    try (Connection c = asService()) {
      assertThrows(
          SQLException.class,
          () -> c.createStatement().execute("alter table account disable row level security"));
      assertThrows(
          SQLException.class,
          () -> c.createStatement().execute("alter table account no force row level security"));
      assertThrows(SQLException.class, () -> c.createStatement().execute("set role postgres"));
      c.createStatement().execute("set row_security = off");
      // Off for a role the policies apply to means an error, never all rows.
      assertThrows(SQLException.class, () -> count(c, "select count(*) from account"));
    }
  }

  @Test
  void every_table_with_a_tenant_has_the_policy() {
    assertEquals(
        0,
        Database.count(
            """
            select count(*) from information_schema.columns col
            join pg_class t on t.relname = col.table_name and t.relkind = 'r'
            join pg_namespace n on n.oid = t.relnamespace and n.nspname = col.table_schema
            where col.table_schema = 'public' and col.column_name = 'tenant_id'
              and (not t.relrowsecurity
                   or not exists (select 1 from pg_policy p where p.polrelid = t.oid))
            """));
    assertFalse(Database.count("select count(*) from pg_policy") == 0);
  }
}

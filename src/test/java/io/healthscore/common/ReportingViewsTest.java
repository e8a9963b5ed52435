package io.healthscore.common;

import static io.healthscore.support.Api.json;
import static io.healthscore.support.Api.newAccountId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.healthscore.support.Database;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reporting views are a contract: these columns, in this order, readable by the role. */
@QuarkusTest
class ReportingViewsTest {

  List<String> columns(String view) throws Exception {
    List<String> names = new ArrayList<>();
    try (Connection c = io.healthscore.support.Database.owner();
        PreparedStatement ps =
            c.prepareStatement(
                "select column_name from information_schema.columns where table_schema ="
                    + " 'reporting' and table_name = ? order by ordinal_position")) {
      ps.setString(1, view);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          names.add(rs.getString(1));
        }
      }
    }
    return names;
  }

  @Test
  void the_views_keep_their_columns() throws Exception {
    assertEquals(
        List.of(
            "tenant_id",
            "account_id",
            "account_name",
            "scorecard_id",
            "scorecard_version",
            "segment",
            "score",
            "band",
            "coverage",
            "computed_at",
            "override_score",
            "override_band",
            "override_reason",
            "override_author",
            "override_expires_at",
            "arr_amount",
            "arr_currency",
            "renewal_date"),
        columns("latest_health_v1"));
    assertEquals(
        List.of(
            "tenant_id",
            "account_id",
            "scorecard_id",
            "seq",
            "scorecard_version",
            "segment",
            "engine",
            "score",
            "band",
            "coverage",
            "trigger",
            "computed_at"),
        columns("health_history_v1"));
    assertEquals(
        List.of(
            "tenant_id",
            "account_id",
            "name",
            "attributes",
            "arr_amount",
            "arr_currency",
            "renewal_date",
            "created_at",
            "updated_at"),
        columns("accounts_v1"));
  }

  @Test
  void the_reader_role_reads_the_views_and_nothing_else() {
    assertEquals(
        1, Database.count("select count(*) from pg_roles where rolname = 'healthscore_reader'"));
    for (String view : List.of("latest_health_v1", "health_history_v1", "accounts_v1")) {
      assertTrue(
          Database.count(
                  "select count(*) where has_table_privilege("
                      + "'healthscore_reader', ?, 'select')",
                  "reporting." + view)
              == 1,
          view);
    }
    for (String table : List.of("signal", "health_history", "account", "scorecard")) {
      assertFalse(
          Database.count(
                  "select count(*) where has_table_privilege("
                      + "'healthscore_reader', ?, 'select')",
                  "public." + table)
              == 1,
          table);
    }
    assertFalse(
        Database.count(
                "select count(*) where has_table_privilege("
                    + "'healthscore_reader', 'reporting.latest_health_v1', 'insert')")
            == 1);
  }

  @Test
  void a_written_score_shows_in_the_views() {
    String account = newAccountId("reporting");
    json()
        .body(
            "{\"name\": \"Reporting Co\", \"arr\": {\"amount\": 42000, \"currency\": "
                + "\"EUR\"}, \"signals\": [{\"key\": \"goals_met_ratio\", \"value\": 0.5}]}")
        .put("/v1/accounts/{id}", account)
        .then()
        .statusCode(200);
    assertEquals(
        1,
        Database.count(
            "select count(*) from reporting.latest_health_v1 where account_id = ? and scorecard_id"
                + " = 'default' and account_name = 'Reporting Co' and arr_amount = 42000 and"
                + " arr_currency = 'EUR'",
            account));
    assertEquals(
        1,
        Database.count(
            "select count(*) from "
                + "reporting.health_history_v1 where account_id = ? and scorecard_id = 'default' "
                + "and trigger = 'account_upsert'",
            account));
  }
}

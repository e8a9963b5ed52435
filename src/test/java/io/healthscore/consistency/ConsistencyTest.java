package io.healthscore.consistency;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.healthscore.support.Api;
import io.healthscore.support.Database;
import io.healthscore.support.EmbeddedPostgresResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.function.BinaryOperator;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ConsistencyTest {

  static Api.Tenant tenantWithScores(String prefix, int accounts, int scoresEach) {
    Api.Tenant tenant = Api.newTenant(prefix);
    String key = tenant.adminKey();
    for (int a = 0; a < accounts; a++) {
      for (int s = 0; s < scoresEach; s++) {
        Api.jsonAs(key)
            .body("{\"signals\": [{\"key\": \"active_users_ratio\", \"value\": 0." + s + "}]}")
            .post("/v1/accounts/{id}/signals", "acct-" + a)
            .then()
            .statusCode(200);
      }
    }
    return tenant;
  }

  @Test
  void what_the_service_wrote_passes_every_invariant() {
    String key = tenantWithScores("consistent", 3, 4).adminKey();
    Api.as(key)
        .get("/v1/consistency")
        .then()
        .statusCode(200)
        .body("consistent", equalTo(true))
        .body("historyRows", equalTo(12))
        .body("projectionRows", equalTo(3))
        .body("invariants.size()", equalTo(8))
        .body("invariants.violations", everyItem(equalTo(0)));
    // A key without the admin scope may not run it.
    String reader =
        Api.jsonAs(key)
            .body("{\"name\": \"bi\", \"scopes\": [\"health:read\"]}")
            .post("/v1/api-keys")
            .then()
            .statusCode(201)
            .extract()
            .path("key");
    Api.as(reader).get("/v1/consistency").then().statusCode(403);
  }

  @Test
  void each_broken_invariant_is_found_and_named() throws Exception {
    String tenant = tenantWithScores("broken", 2, 2).id();
    // Broken rows are written in a transaction that is never committed: the check sees them, the
    // service's workers (which would repair some) never do.
    try (Connection c = Database.owner();
        Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.execute(
          "insert into health_history (tenant_id, account_id, scorecard_id, seq,"
              + " scorecard_version, engine, segment, score, band, coverage, trigger, computed_at,"
              + " result) select tenant_id, account_id, scorecard_id, seq + 2, scorecard_version,"
              + " engine, segment, score, band, coverage, trigger, computed_at, result"
              + " from health_history where tenant_id = '"
              + tenant
              + "' and account_id = 'acct-0'"
              + " and seq = 2");
      s.execute(
          "update health_latest set score = score - 1 where tenant_id = '"
              + tenant
              + "' and account_id = 'acct-1'");
      s.execute(
          "update signal_latest set number_value = 0.99 where tenant_id = '"
              + tenant
              + "' and account_id = 'acct-0'");
      s.execute(
          "insert into signal (tenant_id, account_id, key, number_value, observed_at)"
              + " values ('"
              + tenant
              + "', 'no-such-account', 'tickets_30d', 1, now())");
      s.execute(
          "insert into webhook_subscription (tenant_id, subscription_id, url,"
              + " event_types, secret) values ('"
              + tenant
              + "', 'wh', 'https://example.com',"
              + " '{health.score_updated}', 'secret')");
      s.execute(
          "insert into webhook_delivery (tenant_id, subscription_id, message_id,"
              + " event_type, payload, next_attempt_at) values ('"
              + tenant
              + "', 'wh', 'msg_1',"
              + " 'health.score_updated', '{}', now() - interval '1 hour')");
      s.execute(
          "insert into job (tenant_id, kind, scorecard_id, scorecard_version, status,"
              + " total) values ('"
              + tenant
              + "', 'recompute', 'default', 1, 'running', 2)");
      s.execute(
          "insert into job_chunk (tenant_id, job_id, chunk_no, first_account,"
              + " last_account, status, leased_by, lease_until) select tenant_id, job_id, 0, 'a',"
              + " 'b', 'leased', 'gone', now() - interval '1 hour' from job where tenant_id = '"
              + tenant
              + "'");

      s.execute(
          "update account set status = 'churned' where tenant_id = '"
              + tenant
              + "' and account_id = 'acct-0'"); // no outcome says so
      s.execute(
          "insert into import (tenant_id, format, status, sha256, bytes, lines_read, last_line,"
              + " account_lines, signal_lines, outcome_lines, rejected, leased_by, lease_until)"
              + " values ('"
              + tenant
              + "', 'ndjson', 'merging', '', 0, 0, 0, 0, 0, 0, 0, 'gone',"
              + " now() - interval '1 hour')");

      ConsistencyCheck.Report report = ConsistencyCheck.run(c, Duration.ofMinutes(5));
      c.rollback();

      assertFalse(report.consistent());
      Map<String, ConsistencyCheck.Finding> byName = new java.util.HashMap<>();
      report.invariants().forEach(f -> byName.put(f.invariant(), f));
      assertEquals(2, byName.get("projection-is-newest-history").violations(), report.toString());
      assertEquals(1, byName.get("history-has-no-gaps").violations());
      assertEquals(1, byName.get("newest-signal-is-kept").violations(), report.toString());
      // The signal and the newest signal its insert kept: one account, two kinds of rows.
      assertEquals(2, byName.get("rows-have-their-account").violations(), report.toString());
      assertTrue(
          byName.get("rows-have-their-account").examples().stream()
              .allMatch(e -> e.startsWith(tenant + "/no-such-account: ")),
          report.toString());
      assertTrue(
          byName
              .get("history-has-no-gaps")
              .examples()
              .get(0)
              .startsWith(tenant + "/acct-0/default: 3 rows, seq 1..4"),
          report.toString());
      assertEquals(1, byName.get("outbox-is-progressing").violations());
      assertEquals(1, byName.get("jobs-are-progressing").violations());
      assertEquals(1, byName.get("status-follows-newest-outcome").violations(), report.toString());
      assertEquals(1, byName.get("imports-are-progressing").violations(), report.toString());
    }
    Database.assertConsistent();
  }

  @Test
  void the_command_checks_every_tenant_and_exits_non_zero_on_a_finding() throws Exception {
    String tenant = tenantWithScores("command", 1, 1).id();
    String url = EmbeddedPostgresResource.database().jdbcUrl();
    BinaryOperator<String> settings =
        (name, fallback) ->
            Map.of(
                    "quarkus.datasource.jdbc.url", url,
                    "quarkus.datasource.username", "healthscore_app",
                    "quarkus.flyway.username", "postgres")
                .getOrDefault(name, fallback);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
    assertEquals(
        0,
        ConsistencyCommand.run(settings, Path.of("unused"), print, print),
        out.toString(StandardCharsets.UTF_8));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("\"consistent\" : true"));

    Database.execute(
        "update health_latest set band = 'green', score = 99 where tenant_id = ?", tenant);
    try {
      out.reset();
      assertEquals(1, ConsistencyCommand.run(settings, Path.of("unused"), print, print));
      assertTrue(
          out.toString(StandardCharsets.UTF_8).contains(tenant + "/acct-0/default"),
          out.toString(StandardCharsets.UTF_8));
    } finally {
      Database.execute(
          "update health_latest l set band = h.band, score = h.score"
              + " from health_history h where l.tenant_id = ? and h.tenant_id = l.tenant_id"
              + " and h.account_id = l.account_id and h.scorecard_id = l.scorecard_id"
              + " and h.seq = l.seq",
          tenant);
    }
    out.reset();
    assertEquals(
        2,
        ConsistencyCommand.run(
            (name, fallback) -> fallback, Path.of("target", "no-such-data"), print, print));
  }
}

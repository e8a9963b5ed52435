package io.healthscore.imports;

import static io.healthscore.support.Api.as;
import static io.healthscore.support.Api.assertProblem;
import static io.healthscore.support.Api.newTenant;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.healthscore.support.Api;
import io.healthscore.support.Database;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ImportApiTest {

  static final byte[] NOT_UTF8 = {
    '{', '"', 'a', '"', ':', ' ', '"', (byte) 0xC3, (byte) 0x28, '"', '}'
  };

  Api.Tenant tenant;

  @BeforeEach
  void newBook() {
    tenant = newTenant("imports");
  }

  static byte[] lines(Object... lines) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Object line : lines) {
      byte[] bytes =
          line instanceof byte[] raw ? raw : line.toString().getBytes(StandardCharsets.UTF_8);
      out.writeBytes(bytes);
      out.write('\n');
    }
    return out.toByteArray();
  }

  static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
      zip.write(bytes);
    }
    return out.toByteArray();
  }

  JsonPath upload(String contentType, String query, byte[] body, int status) {
    return as(tenant.adminKey())
        .contentType(contentType)
        .body(body)
        .post("/v1/imports" + query)
        .then()
        .statusCode(status)
        .extract()
        .jsonPath();
  }

  JsonPath awaitDone(long id) {
    Api.await(
        "import " + id + " done",
        60,
        () ->
            "done"
                .equals(
                    as(tenant.adminKey()).get("/v1/imports/{id}", id).jsonPath().get("status")));
    return as(tenant.adminKey())
        .get("/v1/imports/{id}", id)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  long count(String table) {
    return Database.count("select count(*) from " + table + " where tenant_id = ?", tenant.id());
  }

  static final byte[] MIXED =
      lines(
          """
          {"type": "account", "accountId": "a1", "name": "A1", "arr": {"amount": 1000, "currency": "EUR"}, "attributes": {"plan": "pro"}}\
          """,
          """
          {"type": "account", "accountId": "a2", "name": "A2"}\
          """,
          """
          {"type": "signal", "accountId": "a1", "key": "nps", "value": 40, "observedAt": "2026-11-01T00:00:00Z", "eventId": "e1"}\
          """,
          """
          {"type": "signal", "accountId": "a1", "key": "nps", "value": "high", "eventId": "e2"}\
          """,
          """
          {"type": "signal", "accountId": "a1", "key": "no_such_key", "value": 1, "eventId": "e3"}\
          """,
          """
          {"type": "signal", "accountId": "ghost", "key": "nps", "value": 1, "eventId": "e4"}\
          """,
          """
          {"type": "signal", "accountId": "a2", "key": "nps", "value": 10, "observedAt": "2026-13-01T00:00:00Z"}\
          """,
          """
          {"type": "signal", "accountId": "a1", "key": "nps", "value": 50, "eventId": "e1"}\
          """,
          "this is not json",
          NOT_UTF8,
          """
          {"type": "outcome", "accountId": "a1", "eventId": "o1", "kind": "renewed", "date": "2026-10-01", "arrBefore": 1000, "arrAfter": 1000}\
          """,
          """
          {"type": "outcome", "accountId": "a2", "eventId": "o2", "kind": "churned", "date": "2026-10-01", "arrBefore": 500, "arrAfter": 0}\
          """,
          "",
          """
          {"type": "widget"}\
          """,
          """
          {"type": "signal", "accountId": "a2", "key": "csat", "value": 4, "eventId": "e5"}\
          """);

  @Test
  void a_file_with_bad_lines_applies_exactly_the_good_ones_and_reports_each_bad_one()
      throws Exception {
    double rejectedBefore = linesCounted("rejected");
    double appliedBefore = linesCounted("applied");
    JsonPath created = upload("application/x-ndjson", "", MIXED, 202);
    long id = created.getLong("id");
    assertEquals(14, created.getLong("lines.read"));
    JsonPath done = awaitDone(id);
    assertEquals(5, done.getLong("lines.applied"), done.prettify());
    assertEquals(0, done.getLong("lines.unchanged"));
    assertEquals(9, done.getLong("lines.rejected"));
    // The metrics count what the import reports.
    assertEquals(9, linesCounted("rejected") - rejectedBefore);
    assertEquals(5, linesCounted("applied") - appliedBefore);
    Map<Integer, String> byLine =
        done.getList("rejectedLines", Map.class).stream()
            .collect(
                java.util.stream.Collectors.toMap(
                    r -> (Integer) r.get("line"), r -> r.get("field") + ": " + r.get("message")));
    assertEquals(
        List.of(4, 5, 6, 7, 8, 9, 10, 12, 14),
        byLine.keySet().stream().sorted().toList(),
        byLine.toString());
    assertEquals("value", field(byLine, 4));
    assertEquals("key", field(byLine, 5));
    assertEquals("accountId", field(byLine, 6));
    assertEquals("observedAt", field(byLine, 7));
    assertEquals("eventId: repeats line 3 (the same eventId for the same account)", byLine.get(8));
    assertEquals("line", field(byLine, 9));
    assertEquals("line: is not valid UTF-8", byLine.get(10));
    assertEquals("currency", field(byLine, 12));
    assertEquals("type", field(byLine, 14));

    assertEquals(2, count("account"));
    assertEquals(2, count("signal"));
    assertEquals(1, count("account_outcome"));
    as(tenant.adminKey())
        .get("/v1/accounts/a1")
        .then()
        .body("attributes.plan", equalTo("pro"))
        .body("arr.amount", equalTo(1000.0f));
    // Each touched account re-scored once, with every scorecard, at the end.
    long scorecards =
        Database.count("select count(*) from scorecard where tenant_id = ?", tenant.id());
    assertEquals(
        2 * scorecards,
        Database.count(
            "select count(*) from health_history where tenant_id = ? and trigger = 'import'",
            tenant.id()));
    as(tenant.adminKey())
        .get("/v1/accounts/a1/health")
        .then()
        .statusCode(200)
        .body("trigger", equalTo("import"));
    as(tenant.adminKey())
        .get("/v1/jobs/{id}", done.getLong("jobId"))
        .then()
        .statusCode(200)
        .body("kind", equalTo("import"))
        .body("status", equalTo("done"))
        .body("total", equalTo(2))
        .body("processed", equalTo(2));

    List<String> download =
        as(tenant.adminKey())
            .get("/v1/imports/{id}/rejected", id)
            .then()
            .statusCode(200)
            .contentType("application/x-ndjson")
            .extract()
            .asString()
            .lines()
            .toList();
    assertEquals(9, download.size());
    assertEquals(
        "{\"line\":4,\"type\":\"signal\",\"field\":\"value\"",
        download.get(0).substring(0, download.get(0).indexOf(",\"message\"")));

    // The same file again: nothing new.
    long history = count("health_history");
    JsonPath again = awaitDone(upload("application/x-ndjson", "", MIXED, 202).getLong("id"));
    assertEquals(0, again.getLong("lines.applied"), again.prettify());
    assertEquals(5, again.getLong("lines.unchanged"));
    assertEquals(9, again.getLong("lines.rejected"));
    assertEquals(2, count("signal"));
    assertEquals(1, count("account_outcome"));
    assertEquals(history, count("health_history"));

    // An outcome line is an outcome: a churn sets the ARR and takes the account out of the book.
    JsonPath churn =
        awaitDone(
            upload(
                    "application/x-ndjson",
                    "?type=outcome",
                    lines(
                        """
                        {"accountId": "a1", "eventId": "o-churn", "kind": "churned", "date": "2026-11-30", "arrBefore": 1000, "arrAfter": 0}\
                        """),
                    202)
                .getLong("id"));
    assertEquals(1, churn.getLong("lines.applied"), churn.prettify());
    as(tenant.adminKey())
        .get("/v1/accounts/a1")
        .then()
        .body("status", equalTo("churned"))
        .body("arr.amount", equalTo(0.0f));
  }

  /** healthscore_import_lines_total of a result, as Prometheus reads it. */
  static double linesCounted(String result) {
    return io.healthscore.support.Metrics.value(
        io.restassured.RestAssured.get("/q/metrics").asString(),
        "healthscore_import_lines_total",
        "result=\"" + result + "\"");
  }

  static String field(Map<Integer, String> byLine, int line) {
    return byLine.get(line).substring(0, byLine.get(line).indexOf(':'));
  }

  @Test
  void csv_gzip_and_idempotency_keys() throws Exception {
    as(tenant.adminKey())
        .contentType("application/json")
        .body("{\"name\": \"C\", \"arr\": {\"amount\": 10, \"currency\": \"USD\"}}")
        .put("/v1/accounts/c1")
        .then()
        .statusCode(200);
    byte[] csv =
        lines(
            "accountId,key,value,observedAt,eventId",
            "c1,active_users_ratio,0.5,2026-11-01T00:00:00Z,u1",
            "c1,active_users_ratio,\"0.6,2026-11-02T00:00:00Z,u2",
            "c1,active_users_ratio,0.7",
            "c1,csat,4,2026-11-03T00:00:00Z,u3");
    io.restassured.response.Response first =
        as(tenant.adminKey())
            .contentType("text/csv")
            .header("Idempotency-Key", "csv-1")
            .body(gzip(csv))
            .post("/v1/imports?type=signal");
    first.then().log().ifValidationFails().statusCode(202);
    long id = first.jsonPath().getLong("id");
    assertEquals("/v1/imports/" + id, java.net.URI.create(first.header("Location")).getPath());
    JsonPath done = awaitDone(id);
    assertEquals(2, done.getLong("lines.applied"), done.prettify());
    assertEquals(2, done.getLong("lines.rejected"));
    assertEquals(List.of(3, 4), done.getList("rejectedLines.line"));
    assertEquals("csv", done.getString("format"));

    // The same key and file: the first import, nothing stored again.
    as(tenant.adminKey())
        .contentType("text/csv")
        .header("Idempotency-Key", "csv-1")
        .body(gzip(csv))
        .post("/v1/imports?type=signal")
        .then()
        .statusCode(200)
        .body("id", equalTo((int) id));
    assertEquals(1, count("import"));
    assertProblem(
        as(tenant.adminKey())
            .contentType("text/csv")
            .header("Idempotency-Key", "csv-1")
            .body(lines("accountId,key,value", "c1,csat,5"))
            .post("/v1/imports?type=signal")
            .then(),
        422,
        "Idempotency-Key");
    // A header naming an unknown column refuses the upload before anything is stored.
    assertProblem(
        as(tenant.adminKey())
            .contentType("text/csv")
            .body(lines("accountId,colour", "c1,red"))
            .post("/v1/imports?type=account")
            .then(),
        400,
        "header");
    assertProblem(
        as(tenant.adminKey())
            .contentType("application/x-ndjson")
            .body(new byte[] {0x1f, (byte) 0x8b, 1, 2, 3})
            .post("/v1/imports")
            .then(),
        400,
        "body");
    assertEquals(1, count("import"));
    as(tenant.adminKey())
        .get("/v1/imports")
        .then()
        .statusCode(200)
        .body("items.id", equalTo(List.of((int) id)));
  }
}

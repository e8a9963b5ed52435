package io.healthscore.job;

import static io.healthscore.support.Api.given;
import static io.healthscore.support.Api.json;
import static io.healthscore.support.Api.postSignals;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.healthscore.common.Examples;
import io.healthscore.support.Database;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

@QuarkusTest
public class RecomputeJobTest {

  static final Pattern MONITOR = Pattern.compile("</v1/jobs/(\\d+)>; rel=\"monitor\"");

  static String newScorecard() {
    return "recompute-" + UUID.randomUUID().toString().substring(0, 8);
  }

  public static long jobOf(String link) {
    Matcher m = MONITOR.matcher(link);
    assertTrue(m.matches(), link);
    return Long.parseLong(m.group(1));
  }

  public static JsonPath awaitFinished(long job) {
    return org.awaitility.Awaitility.await("job " + job + " finished")
        .atMost(java.time.Duration.ofSeconds(60))
        .pollInterval(java.time.Duration.ofMillis(100))
        .until(
            () -> given().get("/v1/jobs/{id}", job).then().statusCode(200).extract().jsonPath(),
            view -> !view.getString("status").equals("running"));
  }

  long recomputeRows(String scorecard, String accountPrefix, int version) {
    return Database.count(
        "select count(*) from health_history where scorecard_id = ?"
            + " and account_id like ? and trigger = 'recompute' and scorecard_version = ?",
        scorecard,
        accountPrefix + "%",
        version);
  }

  @Test
  void saving_a_version_recomputes_every_account_once_in_the_background() throws Exception {
    String prefix = "job-" + UUID.randomUUID().toString().substring(0, 8);
    for (int i = 0; i < 30; i++) {
      postSignals(
              prefix + "-" + i,
              "{\"signals\": [{\"key\": \"goals_met_ratio\", " + "\"value\": 0.5}]}")
          .statusCode(200);
    }
    String id = newScorecard();
    String body = Examples.SCORECARD.replace("\"id\": \"dear\"", "\"id\": \"" + id + "\"");
    long job =
        jobOf(
            json()
                .body(body)
                .post("/v1/scorecards")
                .then()
                .statusCode(201)
                .extract()
                .header("Link"));
    JsonPath done = awaitFinished(job);
    assertEquals("done", done.getString("status"));
    assertEquals(done.getInt("total"), done.getInt("processed"));
    assertEquals(0, done.getInt("failed"));
    assertEquals(id, done.getString("scorecardId"));
    assertEquals(30, recomputeRows(id, prefix, 1));
    given()
        .get("/v1/accounts/{a}/health?scorecard={s}", prefix + "-7", id)
        .then()
        .statusCode(200)
        .body("trigger", equalTo("recompute"))
        .body("score", equalTo(50.0f));

    long second =
        jobOf(
            json()
                .header("If-Match", "\"v1\"")
                .body(body)
                .put("/v1/scorecards/{id}", id)
                .then()
                .statusCode(200)
                .extract()
                .header("Link"));
    assertEquals("done", awaitFinished(second).getString("status"));
    assertEquals(30, recomputeRows(id, prefix, 2));
    assertEquals(30, recomputeRows(id, prefix, 1)); // each account once per job
    given()
        .get("/v1/jobs?scorecard={s}", id)
        .then()
        .statusCode(200)
        .body("items.id", equalTo(java.util.List.of((int) second, (int) job)));
    io.healthscore.support.Api.assertProblem(given().get("/v1/jobs/999999999").then(), 404, null);
  }

  @Test
  void a_chunk_whose_worker_died_is_resumed_after_its_last_committed_batch() throws Exception {
    String prefix = "resume-" + UUID.randomUUID().toString().substring(0, 8);
    for (int i = 0; i < 10; i++) {
      postSignals(
              prefix + "-" + i,
              "{\"signals\": [{\"key\": \"goals_met_ratio\", " + "\"value\": 0.5}]}")
          .statusCode(200);
    }
    // A job whose only chunk was leased by a worker that died after committing up to -4.
    Database.execute(
        "insert into job (tenant_id, kind, scorecard_id, "
            + "scorecard_version, status, total) values ('default', 'recompute', 'default', 1, "
            + "'running', 10)");
    long job = Database.count("select max(job_id) from job");
    Database.execute(
        "insert into job_chunk (tenant_id, job_id, chunk_no, first_account, last_account,"
            + " done_through, status, leased_by, lease_until, attempts) values ('default', ?, 0, ?,"
            + " ?, ?, 'leased', 'dead-worker', now() - interval '1 minute', 1)",
        job,
        prefix + "-0",
        prefix + "-9",
        prefix + "-4");
    JsonPath done = awaitFinished(job);
    assertEquals("done", done.getString("status"));
    assertEquals(5, done.getInt("processed"));
    assertEquals(
        0,
        Database.count(
            "select count(*) from health_history where "
                + "account_id between ? and ? and trigger = 'recompute'",
            prefix + "-0",
            prefix + "-4"));
    assertEquals(
        5,
        Database.count(
            "select count(*) from health_history where "
                + "account_id between ? and ? and trigger = 'recompute'",
            prefix + "-5",
            prefix + "-9"));
    assertEquals(2, Database.count("select attempts from job_chunk where job_id = ?", job));
  }
}

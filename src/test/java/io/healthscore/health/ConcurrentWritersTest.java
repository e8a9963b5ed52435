package io.healthscore.health;

import static io.healthscore.support.Api.given;
import static io.healthscore.support.Api.newAccountId;
import static io.healthscore.support.Api.postSignals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.healthscore.support.Database;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ConcurrentWritersTest {

  static final int WRITERS = 8;
  static final int REQUESTS_PER_WRITER = 25;

  @Test
  void parallel_writers_to_one_account_lose_no_update() throws Exception {
    String id = newAccountId("race");
    ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
    List<Future<Integer>> statuses = new ArrayList<>();
    for (int w = 0; w < WRITERS; w++) {
      int writer = w;
      statuses.add(
          pool.submit(
              () -> {
                int ok = 0;
                for (int r = 0; r < REQUESTS_PER_WRITER; r++) {
                  // Promoters from even writers, detractors from odd ones: the NPS checks every
                  // answer.
                  int answer = writer % 2 == 0 ? 10 : 3;
                  int status =
                      postSignals(
                              id,
                              """
                              {"signals": [{"key": "nps_response", "value": %d, "eventId": "w%d-r%d"}]}
                              """
                                  .formatted(answer, writer, r))
                          .extract()
                          .statusCode();
                  ok += status == 200 ? 1 : 0;
                }
                return ok;
              }));
    }
    int accepted = 0;
    for (Future<Integer> f : statuses) {
      accepted += f.get();
    }
    pool.shutdown();
    int total = WRITERS * REQUESTS_PER_WRITER;
    assertEquals(total, accepted);

    JsonPath latest =
        given().get("/v1/accounts/{id}/health", id).then().statusCode(200).extract().jsonPath();
    String nps = "groups.measures.flatten().find { it.id == 'nps_responses' }.";
    assertEquals(total, latest.getInt(nps + "signalCount"));
    assertEquals(0.0f, latest.getFloat(nps + "rawValue")); // half promoters, half detractors
    assertEquals(total, latest.getInt("sequence"));
    // History has one row per request, numbered 1..N without gaps, and the projection is its top.
    assertEquals(
        total,
        Database.count(
            "select count(distinct seq) from health_history where account_id = ? "
                + "and scorecard_id = 'default' and seq between 1 and ?",
            id,
            (long) total));
    assertEquals(
        1,
        Database.count(
            "select count(*) from health_latest l join health_history h using "
                + "(tenant_id, account_id, scorecard_id, seq) where l.account_id = ? "
                + "and l.scorecard_id = 'default' and l.seq = (select max(seq) from health_history "
                + "where account_id = ? and scorecard_id = 'default')",
            id,
            id));
  }

  @Test
  void concurrent_writers_across_accounts_with_retries_land_each_event_exactly_once()
      throws Exception {
    String prefix = newAccountId("spread");
    int accountsCount = 10;
    ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
    List<Future<int[]>> results = new ArrayList<>();
    for (int w = 0; w < WRITERS; w++) {
      int writer = w;
      results.add(
          pool.submit(
              () -> {
                int accepted = 0;
                int duplicates = 0;
                for (int r = 0; r < REQUESTS_PER_WRITER; r++) {
                  // Writers pair up: writer 2k and 2k+1 send the same events, as a retrying client
                  // would.
                  int event = (writer / 2) * REQUESTS_PER_WRITER + r;
                  String account = prefix + "-" + (event % accountsCount);
                  JsonPath reply =
                      postSignals(
                              account,
                              """
                              {"signals": [{"key": "nps_response", "value": 9, "eventId": "e%d"}]}
                              """
                                  .formatted(event))
                          .statusCode(200)
                          .extract()
                          .jsonPath();
                  accepted += reply.getInt("accepted");
                  duplicates += reply.getInt("duplicates");
                }
                return new int[] {accepted, duplicates};
              }));
    }
    int accepted = 0;
    int duplicates = 0;
    for (Future<int[]> f : results) {
      accepted += f.get()[0];
      duplicates += f.get()[1];
    }
    pool.shutdown();
    int distinctEvents = WRITERS / 2 * REQUESTS_PER_WRITER;
    assertEquals(distinctEvents, accepted, "each event stored once");
    assertEquals(WRITERS * REQUESTS_PER_WRITER - distinctEvents, duplicates);
    assertEquals(
        distinctEvents,
        Database.count("select count(*) from signal where account_id like ?", prefix + "-%"));
    for (int a = 0; a < accountsCount; a++) {
      String account = prefix + "-" + a;
      long events = distinctEvents / accountsCount;
      // One history row per distinct event (a retry re-scores nothing), numbered without gaps,
      // and the projection is the newest.
      assertEquals(
          events,
          Database.count(
              "select count(*) from health_history where account_id = ? "
                  + "and scorecard_id = 'default' and seq between 1 and ?",
              account,
              events));
      assertEquals(
          events,
          given()
              .get("/v1/accounts/{id}/health", account)
              .then()
              .statusCode(200)
              .extract()
              .jsonPath()
              .getLong("sequence"));
    }
    Database.assertConsistent();
  }
}

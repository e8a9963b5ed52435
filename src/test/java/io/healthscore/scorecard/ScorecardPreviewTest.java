package io.healthscore.scorecard;

import static io.healthscore.support.Api.assertProblem;
import static io.healthscore.support.Api.json;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.healthscore.support.Database;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ScorecardPreviewTest {

  static String card(String key, String normaliser) {
    return """
    {"groups": [{"id": "g", "weight": 1, "measures": [
      {"id": "m", "signal": "%s", "aggregation": "latest", "normaliser": %s,
       "weight": 1}]}]}
    """
        .formatted(key, normaliser);
  }

  @Test
  void compares_bands_and_arr_before_and_after_and_pages_the_changed_accounts() throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String key = "preview_" + run;
    json()
        .body("{\"type\": \"number\", \"min\": 0, \"max\": 100}")
        .put("/v1/signal-keys/{k}", key)
        .then()
        .statusCode(200);
    String[] accounts = {"preview-" + run + "-a", "preview-" + run + "-b", "preview-" + run + "-c"};
    int[] values = {10, 50, 90}; // red, yellow, green with range 0..100
    for (int i = 0; i < 3; i++) {
      json()
          .body(
              "{\"arr\": {\"amount\": "
                  + (i + 1) * 1000
                  + ", \"currency\": \"USD\"}, "
                  + "\"signals\": [{\"key\": \""
                  + key
                  + "\", \"value\": "
                  + values[i]
                  + "}]}")
          .put("/v1/accounts/{id}", accounts[i])
          .then()
          .statusCode(200);
    }
    String id = "preview-" + run;
    String link =
        json()
            .body(
                card(key, "{\"type\": \"range\", \"min\": 0, \"max\": 100}")
                    .replaceFirst("\\{", "{\"id\": \"" + id + "\", "))
            .post("/v1/scorecards")
            .then()
            .statusCode(201)
            .extract()
            .header("Link");
    long job = io.healthscore.job.RecomputeJobTest.jobOf(link);
    io.healthscore.job.RecomputeJobTest.awaitFinished(job);

    long history = Database.count("select count(*) from health_history");
    // Inverted: 10 -> 90 (green), 50 -> 50 (yellow), 90 -> 10 (red)
    String draft = card(key, "{\"type\": \"inverted_range\", \"min\": 0, \"max\": 100}");
    JsonPath first =
        json()
            .body(draft)
            .post("/v1/scorecards/{id}/preview?limit=1", id)
            .then()
            .statusCode(200)
            .body("scorecardId", equalTo(id))
            .body("before.red.accounts", equalTo(1))
            .body("before.red.arr.USD", equalTo(1000.0f))
            .body("before.yellow.accounts", equalTo(1))
            .body("before.green.arr.USD", equalTo(3000.0f))
            .body("after.green.arr.USD", equalTo(1000.0f))
            .body("after.red.arr.USD", equalTo(3000.0f))
            .body("after.yellow.arr.USD", equalTo(2000.0f))
            .body("changedAccounts", equalTo(2))
            .body("changes.size()", equalTo(1))
            .body("changes[0].accountId", equalTo(accounts[0]))
            .body("changes[0].bandBefore", equalTo("red"))
            .body("changes[0].bandAfter", equalTo("green"))
            .body("changes[0].scoreAfter", equalTo(90.0f))
            .extract()
            .jsonPath();
    assertEquals(
        first.getInt("accounts"),
        first.getInt("before.red.accounts")
            + first.getInt("before.yellow.accounts")
            + first.getInt("before.green.accounts")
            + first.getInt("before.unknown.accounts")
            + first.getInt("before.unscored.accounts"));
    String cursor = first.getString("nextCursor");
    assertNotNull(cursor);
    json()
        .body(draft)
        .post("/v1/scorecards/{id}/preview?limit=1&cursor={c}", id, cursor)
        .then()
        .statusCode(200)
        .body("changes.accountId", equalTo(List.of(accounts[2])))
        .body("nextCursor", nullValue());
    assertEquals(history, Database.count("select count(*) from health_history"));

    assertProblem(
        json().body(draft).post("/v1/scorecards/{id}/preview?cursor=bogus", id).then(),
        400,
        "cursor");
    assertProblem(
        json()
            .body(card("no_such_key", "{\"type\": \"range\", \"min\": 0, " + "\"max\": 1}"))
            .post("/v1/scorecards/{id}/preview", id)
            .then(),
        400,
        "groups[0].measures[0].signal");
  }
}

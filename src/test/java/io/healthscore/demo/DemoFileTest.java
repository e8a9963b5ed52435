package io.healthscore.demo;

import static io.healthscore.support.Api.as;
import static io.healthscore.support.Api.newTenant;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.healthscore.support.Api;
import io.healthscore.support.Database;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo portfolio as an import file: every line imports, and it is the demo's data. */
@QuarkusTest
class DemoFileTest {

  @Test
  void the_demo_file_imports_whole_and_holds_what_the_demo_loads() {
    Api.Tenant tenant = newTenant("demofile");
    byte[] file =
        as(tenant.adminKey())
            .get("/v1/demo-data/file?accounts=12&seed=7")
            .then()
            .statusCode(200)
            .contentType("application/x-ndjson")
            .extract()
            .asByteArray();
    List<String> lines = new String(file, java.nio.charset.StandardCharsets.UTF_8).lines().toList();
    long signals = lines.stream().filter(l -> l.startsWith("{\"type\":\"signal\"")).count();
    long outcomes = lines.stream().filter(l -> l.startsWith("{\"type\":\"outcome\"")).count();
    long id =
        as(tenant.adminKey())
            .contentType("application/x-ndjson")
            .body(file)
            .post("/v1/imports")
            .then()
            .statusCode(202)
            .extract()
            .jsonPath()
            .getLong("id");
    Api.await(
        "demo import done",
        60,
        () ->
            "done"
                .equals(
                    as(tenant.adminKey()).get("/v1/imports/{id}", id).jsonPath().get("status")));
    JsonPath done = as(tenant.adminKey()).get("/v1/imports/{id}", id).jsonPath();
    assertEquals(lines.size(), done.getLong("lines.read"));
    assertEquals(lines.size(), done.getLong("lines.applied"), done.prettify());
    assertEquals(0, done.getLong("lines.rejected"));

    // The same portfolio as POST /v1/demo-data loads it into another tenant.
    Api.Tenant loaded = newTenant("demoload");
    as(loaded.adminKey()).post("/v1/demo-data?accounts=12&seed=7").then().statusCode(201);
    for (String table : List.of("account", "signal", "account_outcome")) {
      assertEquals(
          count(table, loaded.id()), count(table, tenant.id()), table + " rows of both tenants");
    }
    assertEquals(12, count("account", tenant.id()));
    assertEquals(signals, count("signal", tenant.id()));
    assertEquals(outcomes, count("account_outcome", tenant.id()));
  }

  static long count(String table, String tenantId) {
    return Database.count("select count(*) from " + table + " where tenant_id = ?", tenantId);
  }
}

package io.healthscore.common;

import static io.healthscore.support.Api.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class HealthProbesTest {

  /** The newest migration this build ships, e.g. 6 for V6__Reporting_views.sql. */
  static String newestMigration() throws java.io.IOException {
    try (var files =
        java.nio.file.Files.list(java.nio.file.Path.of("src/main/resources/db/migration"))) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(name -> name.matches("V\\d+__.*\\.sql"))
          .map(name -> Integer.parseInt(name.substring(1, name.indexOf("__"))))
          .max(Integer::compare)
          .orElseThrow()
          .toString();
    }
  }

  @Test
  void readiness_covers_the_database_and_its_migrations() throws Exception {
    given()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("status", equalTo("UP"))
        .body("checks.name", hasItems("Database connections health check", "database-migrations"))
        .body("checks.find { it.name == 'database-migrations' }.data.pending", equalTo(0))
        .body(
            "checks.find { it.name == 'database-migrations' }.data.schemaVersion",
            equalTo(newestMigration()));
  }

  @Test
  void liveness_does_not_depend_on_the_database() {
    given()
        .get("/q/health/live")
        .then()
        .statusCode(200)
        .body("status", equalTo("UP"))
        .body("checks.name", not(hasItem("Database connections health check")))
        .body("checks.name", not(hasItem("database-migrations")));
    given().get("/q/health/started").then().statusCode(200).body("status", equalTo("UP"));
  }
}

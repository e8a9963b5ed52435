package io.healthscore.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class HealthProbesTest {

  @Test
  void readiness_covers_the_database_and_its_migrations() {
    given().get("/q/health/ready").then().statusCode(200)
        .body("status", equalTo("UP"))
        .body("checks.name", hasItems("Database connections health check",
            "database-migrations"))
        .body("checks.find { it.name == 'database-migrations' }.data.pending", equalTo(0))
        .body("checks.find { it.name == 'database-migrations' }.data.schemaVersion",
            equalTo("5"));
  }

  @Test
  void liveness_does_not_depend_on_the_database() {
    given().get("/q/health/live").then().statusCode(200)
        .body("status", equalTo("UP"))
        .body("checks.name", not(hasItem("Database connections health check")))
        .body("checks.name", not(hasItem("database-migrations")));
    given().get("/q/health/started").then().statusCode(200).body("status", equalTo("UP"));
  }
}

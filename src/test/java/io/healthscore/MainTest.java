package io.healthscore;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MainTest {

  @Test
  void starts_an_embedded_database_only_without_a_configured_url() {
    String previous = System.getProperty("quarkus.datasource.jdbc.url");
    try {
      System.clearProperty("quarkus.datasource.jdbc.url");
      // CI and developer machines do not set QUARKUS_DATASOURCE_JDBC_URL for the build.
      assertTrue(
          System.getenv("QUARKUS_DATASOURCE_JDBC_URL") != null || Main.needsEmbeddedDatabase());
      System.setProperty("quarkus.datasource.jdbc.url", "jdbc:postgresql://db:5432/health");
      assertFalse(Main.needsEmbeddedDatabase());
    } finally {
      if (previous == null) {
        System.clearProperty("quarkus.datasource.jdbc.url");
      } else {
        System.setProperty("quarkus.datasource.jdbc.url", previous);
      }
    }
  }
}

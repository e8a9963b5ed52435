package io.healthscore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class MainTest {

  static Properties properties(String... pairs) {
    Properties properties = new Properties();
    for (int i = 0; i + 1 < pairs.length; i += 2) {
      properties.setProperty(pairs[i], pairs[i + 1]);
    }
    return properties;
  }

  @Test
  void starts_an_embedded_database_only_without_a_configured_url() {
    assertTrue(Main.needsEmbeddedDatabase(properties(), Map.of()));
    assertTrue(
        Main.needsEmbeddedDatabase(properties("quarkus.datasource.jdbc.url", " "), Map.of()));
    assertFalse(
        Main.needsEmbeddedDatabase(
            properties("quarkus.datasource.jdbc.url", "jdbc:postgresql://db:5432/health"),
            Map.of()));
    assertFalse(
        Main.needsEmbeddedDatabase(
            properties(), Map.of("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://db/health")));
  }

  @Test
  void a_system_property_wins_over_its_environment_variable() {
    Map<String, String> environment = Map.of("HEALTHSCORE_EMBEDDED_POSTGRES_PORT", "6000");
    assertEquals(
        "6000",
        Main.setting("healthscore.embedded-postgres.port", "5432", properties(), environment));
    assertEquals(
        "7000",
        Main.setting(
            "healthscore.embedded-postgres.port",
            "5432",
            properties("healthscore.embedded-postgres.port", "7000"),
            environment));
    assertEquals(
        "5432", Main.setting("healthscore.embedded-postgres.port", "5432", properties(), Map.of()));
  }
}

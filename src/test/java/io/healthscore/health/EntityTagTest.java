package io.healthscore.health;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EntityTagTest {

  @Test
  void if_none_match_compares_weakly_against_every_listed_tag() {
    String etag = "\"default.7\"";
    assertTrue(HealthResource.matches("\"default.7\"", etag));
    assertTrue(HealthResource.matches("W/\"default.7\"", etag));
    assertTrue(HealthResource.matches("\"default.6\", \"default.7\"", etag));
    assertTrue(HealthResource.matches("*", etag));
    assertFalse(HealthResource.matches("\"default.6\"", etag));
    assertFalse(HealthResource.matches(null, etag));
    assertFalse(HealthResource.matches("default.7", etag));
  }
}

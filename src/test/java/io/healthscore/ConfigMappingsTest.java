package io.healthscore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.healthscore.analytics.AnalyticsConfig;
import io.healthscore.health.HealthConfig;
import io.healthscore.imports.ImportConfig;
import io.healthscore.job.JobConfig;
import io.healthscore.security.SecurityConfig;
import io.healthscore.support.Configs;
import io.healthscore.tenant.BootstrapConfig;
import io.healthscore.webhook.WebhookConfig;
import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.SmallRyeConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The service's settings are one @ConfigMapping per package, each default written once (in the
 * interface), checked as the service starts: a bad value stops it with the property's name.
 */
class ConfigMappingsTest {

  @Test
  void every_setting_has_its_default_in_the_mapping() {
    SmallRyeConfig config = Configs.of(Map.of());
    assertEquals(Duration.ofSeconds(10), config.getConfigMapping(JobConfig.class).lease());
    assertEquals(20_000, config.getConfigMapping(ImportConfig.class).chunkLines());
    assertEquals(250, config.getConfigMapping(JobConfig.class).batchSize());
    assertEquals(
        Duration.ofSeconds(1), config.getConfigMapping(HealthConfig.class).readCache().ttl());
    assertEquals(
        200, config.getConfigMapping(SecurityConfig.class).rateLimit().requestsPerSecond());
    assertEquals(0.8, config.getConfigMapping(AnalyticsConfig.class).grossMargin());
    assertTrue(config.getConfigMapping(BootstrapConfig.class).adminKey().isEmpty());
    assertEquals(false, config.getConfigMapping(WebhookConfig.class).allowHttp());
  }

  @ParameterizedTest
  @CsvSource({
    "healthscore.jobs.threads, 0",
    "healthscore.jobs.lease, two minutes",
    "healthscore.webhooks.batch-size, 5000",
    "healthscore.analytics.gross-margin, 1.5",
    "healthscore.bootstrap.admin-key, too-short",
    "healthscore.rate-limit.requests-per-second, -1",
    "healthscore.read-cache.max-entries, -5",
    "healthscore.imports.poll-interval, 0.2s"
  })
  void a_bad_value_stops_the_start_naming_its_property(String property, String value) {
    RuntimeException refused =
        assertThrows(RuntimeException.class, () -> Configs.of(Map.of(property, value)));
    String message = messages(refused);
    assertTrue(message.contains(property), message);
  }

  private static String messages(Throwable e) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      all.append(t.getMessage()).append('\n');
      if (t instanceof ConfigValidationException invalid) {
        for (int i = 0; i < invalid.getProblemCount(); i++) {
          all.append(invalid.getProblem(i).getMessage()).append('\n');
        }
      }
    }
    return all.toString();
  }
}

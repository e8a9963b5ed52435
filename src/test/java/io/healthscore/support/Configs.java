package io.healthscore.support;

import io.healthscore.analytics.AnalyticsConfig;
import io.healthscore.common.IdempotencyConfig;
import io.healthscore.common.Limits;
import io.healthscore.consistency.ConsistencyConfig;
import io.healthscore.health.HealthConfig;
import io.healthscore.imports.ImportConfig;
import io.healthscore.job.JobConfig;
import io.healthscore.portfolio.CoverageRules;
import io.healthscore.security.SecurityConfig;
import io.healthscore.signal.SignalConfig;
import io.healthscore.tenant.BootstrapConfig;
import io.healthscore.webhook.WebhookConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.validator.BeanValidationConfigValidator;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The service's configuration built outside Quarkus, for tests of classes that take it. */
public final class Configs {

  private Configs() {}

  public static final List<Class<?>> MAPPINGS =
      List.of(
          AnalyticsConfig.class,
          BootstrapConfig.class,
          ConsistencyConfig.class,
          CoverageRules.class,
          HealthConfig.class,
          IdempotencyConfig.class,
          ImportConfig.class,
          JobConfig.class,
          Limits.class,
          SecurityConfig.class,
          SignalConfig.class,
          WebhookConfig.class);

  // The default interpolator, with expression language, as Quarkus validates at start: the same
  // messages ("must be greater than or equal to ..."), and no HV000185 warning per message.
  private static final Validator VALIDATOR =
      Validation.buildDefaultValidatorFactory().getValidator();

  /**
   * Builds the configuration as Quarkus does at start: every mapping, validated, durations in
   * Quarkus's forms (PT1S or 1s), sizes as 2M.
   */
  public static SmallRyeConfig of(Map<String, String> values) {
    SmallRyeConfigBuilder builder =
        new SmallRyeConfigBuilder()
            .withValidator((BeanValidationConfigValidator) () -> VALIDATOR)
            .withConverter(Duration.class, 200, new DurationConverter())
            .withConverter(MemorySize.class, 200, new MemorySizeConverter())
            .withDefaultValues(values);
    MAPPINGS.forEach(builder::withMapping);
    return builder.build();
  }
}

package io.healthscore.analytics;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;

/** Analytics reports. */
@ConfigMapping(prefix = "healthscore.analytics")
public interface AnalyticsConfig {

  /** Gross margin in the lifetime value of the retention report. */
  @WithDefault("0.8")
  @DecimalMin("0")
  @DecimalMax("1")
  double grossMargin();
}

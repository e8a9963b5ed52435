package io.healthscore.analytics;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(
    name = "ForecastReport",
    description =
        "Expected retained ARR = sum of ARR x P(renew | "
            + "score) over the accounts that renew within the period; the others keep their ARR.")
public record ForecastReport(
    @Schema(example = "P365D") Duration period,
    @Schema(example = "default") String scorecardId,
    @Schema(
            description =
                "How P(renew | score) was found: logistic (fitted on the score before each"
                    + " outcome), bands (each band's churn rate, when too few outcomes for a fit),"
                    + " none (no outcome yet: no forecast).",
            enumeration = {"logistic", "bands", "none"},
            example = "logistic")
        String basis,
    @Schema(description = "Outcomes the probabilities rest on.", example = "269") int outcomes,
    @Schema(example = "plan") String groupBy,
    List<CurrencyForecast> currencies) {

  @Schema(name = "CurrencyForecast")
  public record CurrencyForecast(
      @Schema(example = "USD") String currency, Figures overall, List<SegmentForecast> segments) {}

  @Schema(name = "SegmentForecast")
  public record SegmentForecast(@Schema(example = "enterprise") String value, Figures figures) {}

  @Schema(name = "ForecastFigures")
  public record Figures(
      @Schema(example = "300") int accounts,
      @Schema(description = "Accounts renewing within the period.", example = "212") int renewing,
      @Schema(example = "14500000") BigDecimal arr,
      @Schema(description = "Absent when basis is none.", example = "13020000")
          BigDecimal expectedRetainedArr,
      @Schema(description = "Expected retained ARR / ARR.", example = "0.8979")
          Double expectedRetention) {}
}

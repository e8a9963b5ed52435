package io.healthscore.analytics;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(
    name = "RetentionReport",
    description =
        "Retention over a period, per currency (ARR in "
            + "different currencies is never added up), overall and by segment.")
public record RetentionReport(
    @Schema(example = "2025-11-01") LocalDate from,
    @Schema(example = "2026-11-01") LocalDate to,
    @Schema(description = "Segment attribute the figures are grouped by.", example = "plan")
        String groupBy,
    @Schema(description = "Gross margin used for the lifetime value.", example = "0.8")
        double grossMargin,
    List<CurrencyRetention> currencies) {

  @Schema(name = "CurrencyRetention")
  public record CurrencyRetention(
      @Schema(example = "USD") String currency, Figures overall, List<SegmentFigures> segments) {}

  @Schema(name = "SegmentRetention")
  public record SegmentFigures(
      @Schema(description = "Attribute value (absent: not set).", example = "enterprise")
          String value,
      Figures figures) {}

  @Schema(
      name = "RetentionFigures",
      description =
          "GRR = (start - churned - contraction) / start; NRR = (start - churned - contraction +"
              + " expansion) / start; logo churn = churned accounts / starting accounts; revenue"
              + " churn = (churned + contraction) / start; ARPA = start / starting accounts;"
              + " lifetime value = ARPA x gross margin / annualised revenue churn (absent when"
              + " nothing churned). Reactivations are reported beside, not in NRR.")
  public record Figures(
      @Schema(example = "120") int startingAccounts,
      @Schema(example = "4800000") BigDecimal startingArr,
      @Schema(example = "9") int churnedAccounts,
      @Schema(example = "310000") BigDecimal churnedArr,
      @Schema(example = "85000") BigDecimal contractionArr,
      @Schema(example = "420000") BigDecimal expansionArr,
      @Schema(example = "2") int reactivatedAccounts,
      @Schema(example = "60000") BigDecimal reactivationArr,
      @Schema(example = "0.9177") Double grossRevenueRetention,
      @Schema(example = "1.0052") Double netRevenueRetention,
      @Schema(example = "0.075") Double logoChurnRate,
      @Schema(example = "0.0823") Double revenueChurnRate,
      @Schema(example = "40000") BigDecimal averageRevenuePerAccount,
      @Schema(example = "388820") BigDecimal lifetimeValue) {}
}

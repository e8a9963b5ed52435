package io.healthscore.portfolio;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The portfolio reports' shapes. ARR is always given per currency, never summed across. */
public final class PortfolioViews {

  private PortfolioViews() {}

  @Schema(name = "PortfolioSummary")
  public record Summary(
      @Schema(example = "default") String scorecardId,
      @Schema(example = "plan") String groupBy,
      Figures overall,
      List<SegmentFigures> segments) {}

  @Schema(name = "PortfolioSegment")
  public record SegmentFigures(@Schema(example = "enterprise") String value, Figures figures) {}

  @Schema(name = "PortfolioFigures")
  public record Figures(
      @Schema(example = "412") int accounts,
      @Schema(description = "Mean of the scored accounts' scores.", example = "63.4")
          Double meanScore,
      @Schema(description = "Accounts and ARR per band (red, yellow, green, unknown).")
          Map<String, BandFigures> bands,
      @Schema(
              description = "ARR of red and yellow accounts, per currency.",
              example = "{\"USD\": 1250000}")
          Map<String, BigDecimal> arrAtRisk,
      @Schema(description = "Accounts by coverage: below25, from25to50, from50to75, from75.")
          Map<String, Integer> coverage) {}

  @Schema(name = "PortfolioBand")
  public record BandFigures(
      @Schema(example = "37") int accounts,
      @Schema(example = "{\"USD\": 910000}") Map<String, BigDecimal> arr) {}

  @Schema(name = "Renewal")
  public record Renewal(
      @Schema(example = "acme-001") String accountId,
      @Schema(example = "Acme Corp") String name,
      @Schema(example = "2027-01-15") LocalDate renewalDate,
      @Schema(example = "120000") BigDecimal arr,
      @Schema(example = "USD") String currency,
      @Schema(example = "red") String band,
      @Schema(example = "31.5") Double score) {}

  @Schema(name = "PortfolioMatrix", description = "Accounts on a loyalty x revenue grid.")
  public record Matrix(
      @Schema(
              enumeration = {"score", "nps"},
              example = "score")
          String loyalty,
      @Schema(description = "Loyalty at or above this is high.", example = "70")
          double loyaltyThreshold,
      @Schema(
              description = "ARR at or above this is high (default: the median).",
              example = "60000")
          BigDecimal arrThreshold,
      @Schema(
              description =
                  "Cells: protect (high revenue, low loyalty), nurture (high revenue, high"
                      + " loyalty), fix (low revenue, low loyalty), grow (low revenue, high "
                      + "loyalty).")
          Map<String, BandFigures> cells,
      @Schema(description = "Accounts without a loyalty value.", example = "12") int unplaced) {}

  @Schema(
      name = "PortfolioDriver",
      description =
          "A measure and the score points it costs "
              + "across the portfolio: effectiveWeight x (100 - normalised) per account.")
  public record Driver(
      @Schema(example = "active_users") String measureId,
      @Schema(example = "adoption") String groupId,
      @Schema(description = "Accounts where the measure had data.", example = "388") int accounts,
      @Schema(description = "Mean points lost per account.", example = "6.2") double meanPointsLost,
      @Schema(
              description = "Points lost weighted by ARR: big accounts count more.",
              example = "9.8")
          Double arrWeightedPointsLost) {}

  @Schema(name = "PortfolioDrivers")
  public record Drivers(
      @Schema(example = "default") String scorecardId,
      @Schema(description = "Ranked by mean points lost.") List<Driver> unweighted,
      @Schema(description = "Ranked by ARR-weighted points lost.") List<Driver> arrWeighted) {}

  @Schema(name = "CoverageGap")
  public record CoverageGap(
      @Schema(example = "acme-001") String accountId,
      @Schema(example = "Acme Corp") String name,
      @Schema(example = "250000") BigDecimal arr,
      @Schema(example = "USD") String currency,
      @Schema(description = "Engaged contacts by role (absent: never reported).")
          Map<String, Integer> contacts,
      @Schema(description = "What the account's ARR tier requires.") Map<String, Integer> required,
      @Schema(description = "Days since the last touchpoint, as of now.", example = "45")
          Integer daysSinceLastTouch,
      @Schema(description = "What falls short.", example = "[\"decision_maker\", \"no_touch\"]")
          List<String> gaps) {}

  @Schema(name = "Mover")
  public record Mover(
      @Schema(example = "acme-001") String accountId,
      @Schema(example = "71.2") Double scoreBefore,
      @Schema(example = "48.0") Double scoreAfter,
      @Schema(example = "-23.2") double delta,
      @Schema(example = "green") String bandBefore,
      @Schema(example = "yellow") String bandAfter,
      @Schema(description = "Measures whose contribution moved most, in points.")
          List<MeasureMove> drivers) {}

  @Schema(name = "MoverMeasure")
  public record MeasureMove(
      @Schema(example = "active_users") String measureId,
      @Schema(example = "-12.5") double points) {}

  @Schema(name = "PortfolioMovers")
  public record Movers(
      @Schema(example = "P30D") java.time.Duration since,
      @Schema(description = "Largest rises.") List<Mover> climbers,
      @Schema(description = "Largest falls.") List<Mover> fallers,
      @Schema(description = "Accounts whose band changed.") List<Mover> bandChanges) {}

  @Schema(name = "TrendPoint")
  public record TrendPoint(
      @Schema(description = "End of the interval.") Instant at,
      @Schema(description = "Accounts and ARR per band as of then.")
          Map<String, BandFigures> bands) {}

  @Schema(name = "PortfolioTrend")
  public record Trend(
      @Schema(enumeration = {"day", "week", "month"}) String interval, List<TrendPoint> points) {}
}

package io.healthscore.health;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A scorecard as JSON (API) or YAML (resource files). Checked by {@link ScorecardMapper}. */
@Schema(
    name = "Scorecard",
    description =
        "Measures grouped into weighted groups, band thresholds, "
            + "missing-data policy and weighting engine.")
public record ScorecardDefinition(
    @Schema(description = "Scorecard id.", example = "default", required = true) String id,
    @Schema(description = "Version; set by the service for stored scorecards.", example = "1")
        Integer version,
    @Schema(description = "Human-readable name.", example = "Customer health") String name,
    @Schema(
            description = "Weighting engine id.",
            defaultValue = "weighted_mean",
            example = "weighted_mean")
        String engine,
    @Schema(
            description = "Settings of the engine, by name (GET /v1/engines lists them).",
            example = "{}")
        Map<String, String> engineSettings,
    @Schema(
            description =
                "Share of total weight (0-1) that must have data; below it the band "
                    + "is unknown.",
            defaultValue = "0.5",
            example = "0.5")
        Double minCoverage,
    @Schema(description = "Band thresholds; default red < 40 <= yellow < 70 <= green.")
        BandsDefinition bands,
    @Schema(description = "Weighted groups of measures.", required = true)
        List<GroupDefinition> groups,
    @Schema(
            description =
                "Variants for groups of accounts, tried in order; the first whose conditions all"
                    + " hold scores the account, with its own weights, bands or minimum coverage."
                    + " No match: the scorecard as written.")
        List<SegmentDefinition> segments) {

  /** The same definition under another version number. */
  public ScorecardDefinition withVersion(Integer newVersion) {
    return new ScorecardDefinition(
        id, newVersion, name, engine, engineSettings, minCoverage, bands, groups, segments);
  }

  @Schema(name = "ScorecardSegment")
  public record SegmentDefinition(
      @Schema(example = "onboarding", required = true) String id,
      @Schema(description = "Conditions on account attributes; all must hold.", required = true)
          List<ConditionDefinition> when,
      @Schema(
              description = "Weight per group id, replacing the scorecard's.",
              example = "{\"adoption\": 40}")
          Map<String, Double> groupWeights,
      @Schema(
              description = "Weight per measure id, replacing the scorecard's.",
              example = "{\"active_users\": 2}")
          Map<String, Double> measureWeights,
      @Schema(description = "Band thresholds for this segment.") BandsDefinition bands,
      @Schema(description = "Minimum coverage for this segment.", example = "0.3")
          Double minCoverage) {}

  @Schema(
      name = "SegmentCondition",
      description =
          "A test on one account attribute: exactly one "
              + "of equals, in, or a numeric range (min <= value < max). The attribute arr is the "
              + "account's ARR amount; any other name is one of its segment attributes.")
  public record ConditionDefinition(
      @Schema(example = "lifecycle_stage", required = true) String attribute,
      @Schema(example = "onboarding") String equals,
      @Schema(example = "[\"pro\", \"enterprise\"]") List<String> in,
      @Schema(description = "Inclusive lower bound (numbers).", example = "100000") Double min,
      @Schema(description = "Exclusive upper bound (numbers).") Double max) {}

  @Schema(name = "Bands")
  public record BandsDefinition(
      @Schema(description = "Scores from here are yellow (below: red).", example = "40")
          Double yellowFrom,
      @Schema(description = "Scores from here are green.", example = "70") Double greenFrom) {}

  @Schema(name = "MeasureGroup")
  public record GroupDefinition(
      @Schema(example = "support", required = true, maxLength = 64) String id,
      @Schema(example = "Support health") String name,
      @Schema(description = "Relative weight (> 0).", example = "15", required = true)
          Double weight,
      @Schema(required = true) List<MeasureDefinition> measures) {}

  @Schema(name = "Measure")
  public record MeasureDefinition(
      @Schema(example = "urgent_tickets", required = true, maxLength = 64) String id,
      @Schema(description = "Signal key.", example = "urgent_tickets_30d", required = true)
          String signal,
      @Schema(
              description = "How observations in the window become one value.",
              enumeration = {"latest", "mean", "sum", "count", "min", "max", "nps"},
              example = "latest",
              required = true)
          String aggregation,
      @Schema(
              description = "ISO-8601 duration aggregated over (default: all fresh observations).",
              implementation = String.class,
              example = "P90D")
          Duration window,
      @Schema(
              description = "ISO-8601 duration after which an observation no longer counts.",
              implementation = String.class,
              example = "P45D")
          Duration staleAfter,
      @Schema(required = true) NormaliserDefinition normaliser,
      @Schema(
              description = "Relative weight inside the group (> 0).",
              example = "1",
              required = true)
          Double weight,
      @Schema(
              description = "Flags a measure whose red value matters on its own.",
              defaultValue = "false")
          Boolean critical,
      @Schema(
              description =
                  "Time decay (mean, sum, count, nps): an observation this old counts half as much"
                      + " as a new one, a quarter at twice the age, and so on. An alternative to"
                      + " the hard staleAfter cut.",
              implementation = String.class,
              example = "P30D")
          Duration halfLife) {}

  @Schema(
      name = "Normaliser",
      description =
          "Maps a raw value to 0-100. range: min->0, max->100; inverted_range: min->100, max->0;"
              + " steps: score of the last step whose from <= value; labels: score per label;"
              + " boolean: whenTrue/whenFalse.")
  public record NormaliserDefinition(
      @Schema(
              enumeration = {"range", "inverted_range", "steps", "labels", "boolean"},
              example = "inverted_range",
              required = true)
          String type,
      @Schema(description = "range, inverted_range", example = "0") Double min,
      @Schema(description = "range, inverted_range", example = "5") Double max,
      @Schema(description = "steps, ascending by from") List<StepDefinition> steps,
      @Schema(description = "labels: score (0-100) per label") Map<String, Double> scores,
      @Schema(description = "boolean", example = "100") Double whenTrue,
      @Schema(description = "boolean", example = "0") Double whenFalse) {}

  @Schema(name = "Step")
  public record StepDefinition(
      @Schema(example = "3") Double from, @Schema(example = "60") Double score) {}
}

package io.healthscore.analytics;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.healthscore.health.ScorecardDefinition;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(
    name = "WeightProposal",
    description =
        "A scorecard learned from outcomes, and how it and the current version rank churn on the"
            + " same cross-validation folds. Every figure is measured by scoring each fold's"
            + " accounts with a scorecard learned without them, through the same scoring as live"
            + " scores, from the signals observed `horizon` before each decision.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WeightProposal(
    @Schema(example = "default") String scorecardId,
    @Schema(description = "The version the proposal starts from.", example = "3")
        int scorecardVersion,
    @Schema(example = "P90D") Duration horizon,
    @Schema(description = "Renewal decisions with a score by then.", example = "269") int samples,
    @Schema(example = "61") int churned,
    @Schema(example = "5") int folds,
    @Schema(description = "L2 regularisation strength.", example = "0.01") double lambda,
    @Schema(description = "Mean test-fold AUC of the current version.", example = "0.83")
        double currentAuc,
    @Schema(
            description = "Standard deviation of the current version's fold AUCs.",
            example = "0.02")
        double currentAucStdDev,
    @Schema(
            description =
                "Mean test-fold AUC of the proposal: each fold scored by a scorecard learned on"
                    + " the other folds, as the proposal was learned on all of them.",
            example = "0.86")
        double proposedAuc,
    @Schema(description = "Standard deviation of the proposal's fold AUCs.", example = "0.02")
        double proposedAucStdDev,
    @Schema(
            description =
                "With segmentBy: the attribute whose values were tried for weights of their own.",
            example = "plan")
        String segmentBy,
    @Schema(
            description =
                "With segmentBy: mean test-fold AUC with the segments' own weights (kept in the"
                    + " proposal only when higher than proposedAuc).",
            example = "0.861")
        Double segmentedAuc,
    @Schema(description = "With segmentBy: whether the segments' own weights are in the proposal.")
        Boolean segmentsKept,
    @Schema(description = "Per fold: current, proposed (and segmented) AUC.")
        List<FoldAuc> foldAucs,
    @Schema(
            description =
                "Churn per band on the held-out folds (each fold's accounts scored and banded by"
                    + " the scorecard learned without them), with 95 % Wilson intervals: what the"
                    + " proposal's bands would have shown.")
        Map<String, CalibrationStats.Rate> proposedBands,
    @Schema(description = "What the proposal does with each measure, and why.")
        List<MeasureWeight> measures,
    @Schema(description = "What else changed (groups left out, segments, engine, bands).")
        List<String> notes,
    @Schema(
            description =
                "The proposed scorecard: preview it with POST /v1/scorecards/{id}/preview, measure"
                    + " it with POST /v1/analytics/calibration, activate it with PUT"
                    + " /v1/scorecards/{id}.")
        ScorecardDefinition proposal,
    @Schema(
            description =
                "With save=true: the draft the proposal was kept as "
                    + "(GET /v1/scorecards/{id}/drafts/{draftId}).",
            example = "4")
        Long draftId) {

  WeightProposal savedAs(long draft) {
    return new WeightProposal(
        scorecardId,
        scorecardVersion,
        horizon,
        samples,
        churned,
        folds,
        lambda,
        currentAuc,
        currentAucStdDev,
        proposedAuc,
        proposedAucStdDev,
        segmentBy,
        segmentedAuc,
        segmentsKept,
        foldAucs,
        proposedBands,
        measures,
        notes,
        proposal,
        draft);
  }

  @Schema(name = "FoldAuc")
  public record FoldAuc(
      @Schema(example = "0.82") Double current,
      @Schema(example = "0.85") Double proposed,
      @Schema(description = "With segmentBy.", example = "0.851") Double segmented) {}

  @Schema(name = "MeasureWeight")
  public record MeasureWeight(
      @Schema(example = "active_users") String measureId,
      @Schema(example = "adoption") String groupId,
      @Schema(description = "Share of the score now (0-1).", example = "0.1") double currentWeight,
      @Schema(description = "Proposed share (0-1); 0 when dropped.", example = "0.22")
          double proposedWeight,
      @Schema(
              description =
                  "kept (same direction), reversed (higher values now score lower, or the"
                      + " reverse) or dropped (left out of the proposal).",
              enumeration = {"kept", "reversed", "dropped"},
              example = "kept")
          String action,
      @Schema(
              description =
                  "How health runs along the measure's value in the proposal: rising, falling,"
                      + " middle_best, middle_worst (learned steps), linear (its normaliser,"
                      + " direction learned), labels or boolean.",
              example = "rising")
          String shape,
      @Schema(description = "Why, in words.", example = "5 steps from binned churn evidence")
          String reason,
      @Schema(
              description =
                  "Logistic coefficient on churn of the measure's feature (its weight of"
                      + " evidence, or its normalised value / 100 for linear measures); negative"
                      + " protects. Null when the measure was dropped before the fit.",
              example = "-0.92")
          Double coefficient,
      @Schema(description = "Lower end of its 95 % Wald interval.", example = "-1.1")
          Double coefficientLower,
      @Schema(description = "Upper end of its 95 % Wald interval.", example = "-0.74")
          Double coefficientUpper,
      @Schema(
              description =
                  "Information value of its churn evidence (steps, labels, boolean): below 0.02 is"
                      + " usually read as unpredictive, above 0.3 as strong.",
              example = "0.31")
          Double informationValue) {}
}

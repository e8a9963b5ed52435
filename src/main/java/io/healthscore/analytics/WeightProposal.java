package io.healthscore.analytics;

import io.healthscore.scorecard.ScorecardDefinition;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(
    name = "WeightProposal",
    description =
        "Measure weights learned from outcomes, and how "
            + "the proposal and the current version rank churn on the same cross-validation folds.")
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
            description = "Mean test-fold AUC of the proposal (fitted on the other folds).",
            example = "0.86")
        double proposedAuc,
    @Schema(description = "Per fold: current and proposed AUC.") List<FoldAuc> foldAucs,
    List<MeasureWeight> measures,
    @Schema(
            description =
                "The scorecard with the proposed weights: preview it with POST "
                    + "/v1/scorecards/{id}/preview, activate it with PUT /v1/scorecards/{id}.")
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
        proposedAuc,
        foldAucs,
        measures,
        proposal,
        draft);
  }

  @Schema(name = "FoldAuc")
  public record FoldAuc(
      @Schema(example = "0.82") Double current, @Schema(example = "0.85") Double proposed) {}

  @Schema(name = "MeasureWeight")
  public record MeasureWeight(
      @Schema(example = "active_users") String measureId,
      @Schema(example = "adoption") String groupId,
      @Schema(description = "Share of the score now (0-1).", example = "0.1") double currentWeight,
      @Schema(
              description = "Proposed share (0-1); at least 0.01, so every measure stays.",
              example = "0.22")
          double proposedWeight,
      @Schema(description = "Logistic coefficient on churn (negative: protects).", example = "-2.4")
          double coefficient) {}
}

package io.healthscore.analytics;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(
    name = "CalibrationReport",
    description =
        "How well the score, taken `horizon` before each renewal decision (recomputed from the"
            + " signals observed by then: no look-ahead), separated the accounts that churned from"
            + " those that stayed.")
public record CalibrationReport(
    @Schema(example = "default") String scorecardId,
    @Schema(description = "The version used (the current one).", example = "3")
        int scorecardVersion,
    @Schema(example = "P90D") Duration horizon,
    @Schema(
            description =
                "Renewal decisions (renewed, expanded, contracted, churned) " + "considered.",
            example = "300")
        int outcomes,
    @Schema(
            description = "Of those, left out because the account had no score by then.",
            example = "12")
        int excluded,
    CalibrationStats.Rate overall,
    @Schema(description = "Churn per band, with 95 % Wilson intervals.")
        Map<String, CalibrationStats.Rate> bands,
    @Schema(
            description = "ROC AUC of the score as a predictor of staying: 0.5 is chance.",
            example = "0.81")
        Double auc,
    @Schema(
            description =
                "The same with the outcomes shuffled (fixed seed): what chance looks "
                    + "like on these scores.",
            example = "0.49")
        Double aucWithShuffledOutcomes,
    @Schema(description = "Red band's churn rate over the overall churn rate.", example = "2.7")
        Double redLift,
    @Schema(description = "Observed churn by score decile.") List<Decile> reliability) {

  @Schema(name = "CalibrationDecile")
  public record Decile(
      @Schema(example = "30") int scoreFrom,
      @Schema(example = "40") int scoreTo,
      @Schema(example = "14.2") Double meanScore,
      CalibrationStats.Rate churn) {}
}

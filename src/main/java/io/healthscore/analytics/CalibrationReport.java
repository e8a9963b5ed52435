package io.healthscore.analytics;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(
    name = "CalibrationReport",
    description =
        "How well the score, taken `horizon` before each renewal decision (recomputed from the"
            + " signals observed by then: no look-ahead), separated the accounts that churned from"
            + " those that stayed. Measured with the scorecard named by `source`: the current"
            + " version, a past version, a draft or a scorecard sent inline.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CalibrationReport(
    @Schema(example = "default") String scorecardId,
    @Schema(
            description = "The version measured; absent for a draft or an inline scorecard.",
            example = "3")
        Integer scorecardVersion,
    @Schema(
            description = "Which scorecard was measured.",
            enumeration = {"current", "version", "draft", "inline"},
            example = "current")
        String source,
    @Schema(description = "With source draft: the draft measured.", example = "4") Long draftId,
    @Schema(example = "P90D") Duration horizon,
    @Schema(
            description = "Renewal decisions (renewed, expanded, contracted, churned) considered.",
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
            description = "Lower end of the AUC's 95 % interval (Hanley and McNeil).",
            example = "0.77")
        Double aucLower,
    @Schema(description = "Upper end of the AUC's 95 % interval.", example = "0.85")
        Double aucUpper,
    @Schema(
            description =
                "The same with the outcomes shuffled (fixed seed): what chance looks "
                    + "like on these scores.",
            example = "0.49")
        Double aucWithShuffledOutcomes,
    @Schema(description = "Red band's churn rate over the overall churn rate.", example = "2.7")
        Double redLift,
    @Schema(description = "Observed churn by score decile.") List<Decile> reliability,
    @Schema(
            description =
                "The ROC curve, at most 101 points from (0, 0) to (1, 1): the share of churned"
                    + " accounts flagged against the share of retained ones flagged, flagging"
                    + " every account scored at most `score`.")
        List<CalibrationStats.RocPoint> roc) {

  @Schema(name = "CalibrationDecile")
  public record Decile(
      @Schema(example = "30") int scoreFrom,
      @Schema(example = "40") int scoreTo,
      @Schema(example = "14.2") Double meanScore,
      CalibrationStats.Rate churn) {}
}

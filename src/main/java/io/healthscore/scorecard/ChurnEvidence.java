package io.healthscore.scorecard;

import io.healthscore.scoring.Scorecard;
import java.sql.SQLException;
import java.time.Duration;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * How well scorecards would have predicted the tenant's recorded renewals, for the preview to show
 * beside its band moves. Implemented where outcomes are analysed (the analytics feature), so that
 * this feature does not depend on it.
 */
public interface ChurnEvidence {

  /**
   * The figures of the draft and, when there is one, the version in force; null without outcomes.
   */
  Prediction compare(String tenantId, Scorecard inForce, Scorecard draft) throws SQLException;

  @Schema(
      name = "PreviewPrediction",
      description =
          "How the draft and the version in force would have ranked the recorded renewal"
              + " decisions, each scored from the signals observed `horizon` before it (as GET"
              + " /v1/analytics/calibration does), on the newest 20,000 decisions at most.")
  record Prediction(
      @Schema(
              description = "Renewal decisions the figures rest on (the newest 20,000 at most).",
              example = "300")
          int outcomes,
      @Schema(example = "P90D") Duration horizon,
      @Schema(description = "The version in force; absent for a new scorecard.") Figures inForce,
      Figures draft) {}

  @Schema(name = "PreviewPredictionFigures")
  record Figures(
      @Schema(description = "Decisions the scorecard could score.", example = "269") int scored,
      @Schema(description = "ROC AUC as a predictor of staying: 0.5 is chance.", example = "0.81")
          Double auc,
      @Schema(example = "0.42") Double redChurnRate,
      @Schema(example = "0.12") Double yellowChurnRate,
      @Schema(example = "0.04") Double greenChurnRate) {}
}

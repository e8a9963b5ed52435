package io.healthscore.analytics;

import io.healthscore.scorecard.ChurnEvidence;
import io.healthscore.scoring.Scorecard;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** The preview's predictive figures: the calibration report's, for the draft and the version. */
@ApplicationScoped
public class PreviewEvidence implements ChurnEvidence {

  static final Duration HORIZON = Duration.ofDays(90);

  /**
   * Decisions the figures rest on, the newest first: they keep a preview's answer within seconds
   * (each decision is a point-in-time read; 100,000 took ~5 s per scorecard).
   */
  static final int NEWEST = 20_000;

  private final Analytics analytics;

  public PreviewEvidence(Analytics analytics) {
    this.analytics = analytics;
  }

  @Override
  public Prediction compare(String tenantId, Scorecard inForce, Scorecard draft)
      throws SQLException {
    LocalDate from = LocalDate.of(1970, 1, 1);
    LocalDate to = LocalDate.now(ZoneOffset.UTC).plusDays(1);
    List<Analytics.PointInTime> byDraft =
        analytics.pointInTime(tenantId, draft, HORIZON, from, to, NEWEST);
    if (byDraft.isEmpty()) {
      return null;
    }
    Figures current =
        inForce == null
            ? null
            : figures(
                Analytics.samples(
                    analytics.pointInTime(tenantId, inForce, HORIZON, from, to, NEWEST)));
    return new Prediction(byDraft.size(), HORIZON, current, figures(Analytics.samples(byDraft)));
  }

  private static Figures figures(List<CalibrationStats.Sample> samples) {
    Map<String, CalibrationStats.Rate> bands = Analytics.bandRates(samples);
    return new Figures(
        samples.size(),
        CalibrationStats.auc(samples),
        bands.get("red").churnRate(),
        bands.get("yellow").churnRate(),
        bands.get("green").churnRate());
  }
}

package io.healthscore.scoring;

import java.util.List;

/**
 * Weighted arithmetic mean with a gate: when a measure marked critical is red on its own (its
 * normalised value is below the scorecard's yellow threshold), the total is capped at the top of
 * the red band, whatever the other measures say. A customer about to churn on one critical
 * ingredient is red even if everything else looks fine.
 */
public final class CriticalGatedEngine implements WeightingEngine {

  public static final String ID = "critical_gated";

  /** Scores carry one decimal: the highest red score is one tenth below the yellow threshold. */
  static final double STEP = 0.1;

  private final WeightedMeanEngine mean = new WeightedMeanEngine();

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "Weighted arithmetic mean, capped at the top of the red band when any measure marked "
        + "critical is red on its own.";
  }

  @Override
  public Combination combine(Scorecard scorecard, List<PresentMeasure> present) {
    Combination combination = mean.combine(scorecard, present);
    double redTop = Math.max(0, scorecard.bands().yellowFrom() - STEP);
    boolean criticalRed =
        present.stream()
            .anyMatch(
                p -> p.measure().critical() && scorecard.bands().of(p.normalised()) == Band.RED);
    return criticalRed && combination.score() > redTop
        ? combination.rescaledTo(redTop)
        : combination;
  }
}

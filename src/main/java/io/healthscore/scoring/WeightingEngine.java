package io.healthscore.scoring;

import java.util.List;
import java.util.Map;

/**
 * Combines the normalised measures that are present into one 0-100 score. Implementations must be
 * pure: the same inputs always give the same result.
 */
public interface WeightingEngine {

  /** Stable id that scorecards name in their {@code engine} field. */
  String id();

  String description();

  /**
   * @param present the measures that have a value, with their group; never empty
   * @return the score and, per measure id, its effective weight (summing to 1) and contribution in
   *     points (summing to the score)
   */
  Combination combine(Scorecard scorecard, List<PresentMeasure> present);

  record PresentMeasure(MeasureGroup group, Measure measure, double normalised) {}

  record Combination(double score, Map<String, Double> effectiveWeights,
      Map<String, Double> contributions) {}
}

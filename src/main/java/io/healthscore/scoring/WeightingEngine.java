package io.healthscore.scoring;

import java.util.List;
import java.util.Map;

/**
 * Combines the normalised measures that are present into one 0-100 score. Implementations must be
 * pure: the same inputs always give the same result.
 *
 * <p>Engines are found with {@link java.util.ServiceLoader} (see {@link WeightingEngines}): a jar
 * whose {@code META-INF/services/io.healthscore.scoring.WeightingEngine} names an implementation
 * adds an engine.
 */
public interface WeightingEngine {

  /** Stable id that scorecards name in their {@code engine} field. */
  String id();

  String description();

  /** Settings a scorecard may give this engine in its {@code engineSettings}. */
  default List<Parameter> parameters() {
    return List.of();
  }

  /**
   * What is wrong with the scorecard for this engine (e.g. a setting that does not parse), each
   * violation named by its path under {@code root}; checked when the scorecard is saved.
   */
  default List<Violation> validate(Scorecard scorecard, String root) {
    return List.of();
  }

  /**
   * @param present the measures that have a value, with their group; never empty
   * @return the score and, per measure id, its effective weight (summing to 1) and contribution in
   *     points (summing to the score)
   */
  Combination combine(Scorecard scorecard, List<PresentMeasure> present);

  /** A setting an engine reads from the scorecard's {@code engineSettings}. */
  record Parameter(String name, boolean required, String description) {}

  record PresentMeasure(MeasureGroup group, Measure measure, double normalised) {}

  record Combination(
      double score, Map<String, Double> effectiveWeights, Map<String, Double> contributions) {

    /** The same weights with contributions scaled so that they sum to {@code newScore}. */
    public Combination rescaledTo(double newScore) {
      double factor = score == 0 ? 0 : newScore / score;
      Map<String, Double> scaled = new java.util.LinkedHashMap<>();
      contributions.forEach((id, points) -> scaled.put(id, points * factor));
      return new Combination(newScore, effectiveWeights, scaled);
    }
  }
}

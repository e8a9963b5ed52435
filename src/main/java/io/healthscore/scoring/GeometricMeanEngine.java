package io.healthscore.scoring;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Weighted geometric mean: with the weighted mean's effective weights w, score = prod(x^w). One
 * very poor measure pulls the total down harder than in the arithmetic mean. Values below 1 count
 * as 1, so a single zero lowers the score steeply without erasing every other measure.
 * Contributions are the arithmetic ones scaled to sum to the geometric score.
 */
public final class GeometricMeanEngine implements WeightingEngine {

  public static final String ID = "weighted_geometric_mean";
  static final double FLOOR = 1;

  private final WeightedMeanEngine weights = new WeightedMeanEngine();

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "Weighted geometric mean of the present measures (values below 1 count as 1): one "
        + "very poor measure pulls harder than in the arithmetic mean.";
  }

  @Override
  public Combination combine(Scorecard scorecard, List<PresentMeasure> present) {
    Combination arithmetic = weights.combine(scorecard, present);
    double logScore = 0;
    for (PresentMeasure p : present) {
      logScore +=
          arithmetic.effectiveWeights().get(p.measure().id())
              * Math.log(Math.max(FLOOR, p.normalised()));
    }
    double score = Math.exp(logScore);
    if (arithmetic.score() == 0) { // every measure at 0: share the floor's points evenly by weight
      Map<String, Double> contributions = new LinkedHashMap<>();
      arithmetic.effectiveWeights().forEach((id, w) -> contributions.put(id, w * score));
      return new Combination(score, arithmetic.effectiveWeights(), contributions);
    }
    return arithmetic.rescaledTo(score);
  }
}

package io.healthscore.scoring;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An engine that only the tests register (src/test/resources/META-INF/services): the score is the
 * best present measure, which carries all the weight. Proves that a jar can add an engine.
 */
public final class BestMeasureEngine implements WeightingEngine {

  public static final String ID = "test_best_measure";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "Test engine: the best present measure is the score.";
  }

  @Override
  public List<Parameter> parameters() {
    return List.of(new Parameter("bonus", false, "Points added to the best measure."));
  }

  @Override
  public Combination combine(Scorecard scorecard, List<PresentMeasure> present) {
    PresentMeasure best =
        present.stream()
            .max(java.util.Comparator.comparingDouble(PresentMeasure::normalised))
            .orElseThrow();
    double score =
        best.normalised()
            + Double.parseDouble(scorecard.engineSettings().getOrDefault("bonus", "0"));
    Map<String, Double> weights = new LinkedHashMap<>();
    Map<String, Double> contributions = new LinkedHashMap<>();
    for (PresentMeasure p : present) {
      boolean isBest = p == best;
      weights.put(p.measure().id(), isBest ? 1.0 : 0.0);
      contributions.put(p.measure().id(), isBest ? score : 0.0);
    }
    return new Combination(score, weights, contributions);
  }
}

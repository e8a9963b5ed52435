package io.healthscore.scoring;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Weighted arithmetic mean: each group's weight is shared among its present measures, and the
 * weight of absent groups and measures is re-normalised over what is present.
 */
public final class WeightedMeanEngine implements WeightingEngine {

  public static final String ID = "weighted_mean";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "Weighted arithmetic mean of the present measures; missing weight is re-normalised.";
  }

  @Override
  public Combination combine(Scorecard scorecard, List<PresentMeasure> present) {
    Map<String, Double> groupWeightPresent = new HashMap<>();
    Map<String, Double> measureWeightPresentInGroup = new HashMap<>();
    for (PresentMeasure p : present) {
      groupWeightPresent.putIfAbsent(p.group().id(), p.group().weight());
      measureWeightPresentInGroup.merge(p.group().id(), p.measure().weight(), Double::sum);
    }
    double totalGroupWeight = 0;
    for (double weight : groupWeightPresent.values()) {
      totalGroupWeight += weight;
    }
    Map<String, Double> weights = new LinkedHashMap<>();
    Map<String, Double> contributions = new LinkedHashMap<>();
    double score = 0;
    for (PresentMeasure p : present) {
      double weight =
          p.group().weight()
              / totalGroupWeight
              * p.measure().weight()
              / measureWeightPresentInGroup.get(p.group().id());
      double contribution = weight * p.normalised();
      weights.put(p.measure().id(), weight);
      contributions.put(p.measure().id(), contribution);
      score += contribution;
    }
    return new Combination(score, weights, contributions);
  }
}

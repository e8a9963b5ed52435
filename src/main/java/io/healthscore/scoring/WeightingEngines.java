package io.healthscore.scoring;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;

/** The weighting engines on the classpath: the built-in ones and any a jar registers. */
public final class WeightingEngines {

  private WeightingEngines() {}

  /** Every registered engine, sorted by id; two engines with one id are a packaging error. */
  public static List<WeightingEngine> discover(ClassLoader classLoader) {
    List<WeightingEngine> engines = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (WeightingEngine engine : ServiceLoader.load(WeightingEngine.class, classLoader)) {
      if (!ids.add(engine.id())) {
        throw new IllegalStateException("two weighting engines have the id " + engine.id());
      }
      engines.add(engine);
    }
    engines.sort(Comparator.comparing(WeightingEngine::id));
    return List.copyOf(engines);
  }
}

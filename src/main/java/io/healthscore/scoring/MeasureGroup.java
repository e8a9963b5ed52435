package io.healthscore.scoring;

import java.util.List;

/** Measures that belong together (one ingredient), with the group's weight in the total. */
public record MeasureGroup(String id, String name, double weight, List<Measure> measures) {
  public MeasureGroup {
    measures = measures == null ? List.of() : List.copyOf(measures);
  }
}

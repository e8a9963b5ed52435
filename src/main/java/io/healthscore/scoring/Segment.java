package io.healthscore.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A variant of a scorecard for the accounts that match every condition: its own group and measure
 * weights, bands or minimum coverage; what it leaves out is the scorecard's. A scorecard's segments
 * are tried in order and the first match wins; no match means the scorecard as written.
 *
 * @param groupWeights weight per group id, replacing the scorecard's
 * @param measureWeights weight per measure id, replacing the scorecard's
 */
public record Segment(
    String id,
    List<Condition> when,
    Map<String, Double> groupWeights,
    Map<String, Double> measureWeights,
    Bands bands,
    Double minCoverage) {

  public Segment {
    when = when == null ? List.of() : List.copyOf(when);
    groupWeights = groupWeights == null ? Map.of() : Map.copyOf(groupWeights);
    measureWeights = measureWeights == null ? Map.of() : Map.copyOf(measureWeights);
  }

  /**
   * A test on one account attribute. The attribute {@value AccountFacts#ARR} is the account's ARR
   * amount; any other name is a segment attribute of the account.
   */
  public sealed interface Condition {

    String attribute();

    boolean matches(AccountFacts account);

    /** The attribute equals the value. */
    record Equals(String attribute, String value) implements Condition {
      @Override
      public boolean matches(AccountFacts account) {
        return value.equals(account.text(attribute));
      }
    }

    /** The attribute is one of the values. */
    record In(String attribute, List<String> values) implements Condition {
      public In {
        values = List.copyOf(values);
      }

      @Override
      public boolean matches(AccountFacts account) {
        String actual = account.text(attribute);
        return actual != null && values.contains(actual);
      }
    }

    /** The attribute is a number with min <= value < max (either bound may be absent). */
    record Range(String attribute, Double min, Double max) implements Condition {
      @Override
      public boolean matches(AccountFacts account) {
        Double actual = account.number(attribute);
        return actual != null && (min == null || actual >= min) && (max == null || actual < max);
      }
    }
  }

  public boolean matches(AccountFacts account) {
    return when.stream().allMatch(c -> c.matches(account));
  }

  /** The scorecard with this segment's weights, bands and minimum coverage applied. */
  public Scorecard applyTo(Scorecard scorecard) {
    List<MeasureGroup> groups = new ArrayList<>();
    for (MeasureGroup g : scorecard.groups()) {
      List<Measure> measures =
          g.measures().stream()
              .map(
                  m ->
                      measureWeights.containsKey(m.id())
                          ? m.withWeight(measureWeights.get(m.id()))
                          : m)
              .toList();
      groups.add(
          new MeasureGroup(
              g.id(), g.name(), groupWeights.getOrDefault(g.id(), g.weight()), measures));
    }
    return new Scorecard(
        scorecard.id(),
        scorecard.version(),
        scorecard.name(),
        groups,
        bands == null ? scorecard.bands() : bands,
        minCoverage == null ? scorecard.minCoverage() : minCoverage,
        scorecard.engine(),
        scorecard.engineSettings(),
        List.of());
  }
}

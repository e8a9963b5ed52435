package io.healthscore.scoring;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An explained health score.
 *
 * @param segment id of the scorecard segment whose variant scored the account, null for none
 * @param score 0-100 with one decimal, null when no measure was present
 * @param coverage share (0-1) of the scorecard's total weight that had data
 * @param drivers the (up to three) present measures that cost the most points
 * @param change versus the previous score, null for an account's first score
 * @param disagreement set when the CSM's sentiment strongly contradicts the band
 */
public record HealthResult(
    String scorecardId,
    int scorecardVersion,
    String segment,
    String engine,
    Double score,
    Band band,
    double coverage,
    List<GroupResult> groups,
    List<Driver> drivers,
    Change change,
    Disagreement disagreement,
    Instant computedAt) {

  /**
   * The CSM's sentiment and the computed band tell opposite stories (positive or very positive
   * sentiment with a red band, or negative or very negative with a green one): the team should
   * reconcile the two.
   *
   * @param direction csm_more_positive or csm_more_negative
   */
  public record Disagreement(String csmSentiment, Band band, String direction) {}

  public record GroupResult(
      String id,
      String name,
      double weight,
      double effectiveWeight,
      Double score,
      double contribution,
      List<MeasureResult> measures) {}

  /**
   * @param rawValue the aggregated number (null for labels and missing measures)
   * @param rawLabel the latest label, for label signals
   * @param normalised 0-100, null when missing
   * @param effectiveWeight share (0-1) of the score this measure carried after re-normalisation
   * @param contribution points this measure added to the score
   * @param observedAt the newest observation used (or, when stale, the newest seen)
   * @param signalCount observations aggregated
   */
  public record MeasureResult(
      String id,
      String groupId,
      String signal,
      Aggregation aggregation,
      MeasureStatus status,
      Double rawValue,
      String rawLabel,
      Double normalised,
      double weight,
      double effectiveWeight,
      double contribution,
      Instant observedAt,
      boolean stale,
      int signalCount,
      boolean critical) {}

  /** A measure that cost points: {@code pointsLost} = effective weight x (100 - normalised). */
  public record Driver(String measureId, String groupId, double normalised, double pointsLost) {}

  public record Change(
      Double previousScore,
      Band previousBand,
      Double delta,
      boolean bandChanged,
      List<Mover> movers) {}

  /** A measure whose contribution moved, in points. */
  public record Mover(String measureId, double before, double after, double delta) {}

  /** What the scorer needs to know of the previous score to explain the change. */
  public record Previous(Double score, Band band, Map<String, Double> contributions) {}

  public List<MeasureResult> measures() {
    return groups.stream().flatMap(g -> g.measures().stream()).toList();
  }
}

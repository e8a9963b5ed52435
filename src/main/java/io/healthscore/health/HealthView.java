package io.healthscore.health;

import io.healthscore.scoring.HealthResult;
import io.healthscore.scoring.HealthResult.GroupResult;
import io.healthscore.scoring.HealthResult.MeasureResult;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An explained health score as the API writes it (history stores {@link StoredForm}). */
@Schema(name = "Health", description = "An explained health score.")
public record HealthView(
    @Schema(description = "The account (absent for stateless scoring).", example = "acme-001")
        String accountId,
    @Schema(
            description = "Position in the account's history for this scorecard (1, 2, ...).",
            example = "7")
        Long sequence,
    @Schema(description = "The scorecard version that produced the score.") ScorecardRef scorecard,
    @Schema(
            description =
                "The scorecard segment whose weights scored the account; absent when "
                    + "no segment matched.",
            example = "onboarding")
        String segment,
    @Schema(description = "Weighting engine.", example = "weighted_mean") String engine,
    @Schema(description = "0-100, one decimal; absent when no measure had data.", example = "64.3")
        Double score,
    @Schema(
            description = "Colour band; unknown when coverage is below the scorecard's minimum.",
            enumeration = {"red", "yellow", "green", "unknown"},
            example = "yellow")
        String band,
    @Schema(
            description = "Share (0-1) of the scorecard's total weight that had data.",
            example = "0.85")
        double coverage,
    @Schema(
            description = "What caused the computation.",
            enumeration = {
              "account_upsert",
              "signals",
              "batch",
              "stateless",
              "recompute",
              "import",
              "override_set",
              "override_removed",
              "override_expired"
            },
            example = "signals")
        String trigger,
    @Schema(description = "When it was computed.", example = "2026-11-23T10:15:30Z")
        Instant computedAt,
    @Schema(description = "Per-group and per-measure breakdown.") List<GroupView> groups,
    @Schema(description = "The (up to three) measures that cost the most points.")
        List<DriverView> drivers,
    @Schema(description = "Change versus the previous score; absent for the first score.")
        ChangeView change,
    @Schema(
            description =
                "Set when the CSM's sentiment strongly contradicts the band (e.g. "
                    + "very positive, yet red), so that the team reconciles the two.")
        DisagreementView disagreement,
    @Schema(
            description =
                "A manual override in force, shown beside the computed score and "
                    + "band (which stay as computed).")
        OverrideView override) {

  /** This score in the detail asked for: without its groups for a summary. */
  public HealthView in(ScoreDetail detail) {
    if (detail == ScoreDetail.FULL) {
      return this;
    }
    return new HealthView(
        accountId,
        sequence,
        scorecard,
        segment,
        engine,
        score,
        band,
        coverage,
        trigger,
        computedAt,
        null,
        drivers,
        change,
        disagreement,
        override);
  }

  @Schema(name = "HealthOverride")
  public record OverrideView(
      @Schema(description = "Overriding score (absent: band only).", example = "35.0") Double score,
      @Schema(
              enumeration = {"red", "yellow", "green"},
              example = "red")
          String band,
      @Schema(example = "Champion left; renewal at risk despite usage") String reason,
      @Schema(example = "jane.doe@example.com") String author,
      Instant createdAt,
      Instant expiresAt) {}

  @Schema(name = "HealthDisagreement")
  public record DisagreementView(
      @Schema(example = "very_positive") String csmSentiment,
      @Schema(example = "red") String band,
      @Schema(
              enumeration = {"csm_more_positive", "csm_more_negative"},
              example = "csm_more_positive")
          String direction) {}

  public record ScorecardRef(
      @Schema(example = "default") String id, @Schema(example = "1") int version) {}

  @Schema(name = "HealthGroup")
  public record GroupView(
      @Schema(example = "support") String id,
      @Schema(example = "Support health") String name,
      @Schema(description = "Configured relative weight.", example = "10") double weight,
      @Schema(
              description = "Share (0-1) of the score carried after re-normalisation.",
              example = "0.1176")
          double effectiveWeight,
      @Schema(
              description = "Weighted mean of the group's present measures (0-100).",
              example = "73.33")
          Double score,
      @Schema(description = "Points the group added to the score.", example = "8.63")
          double contribution,
      List<MeasureView> measures) {}

  @Schema(name = "HealthMeasure")
  public record MeasureView(
      @Schema(example = "urgent_tickets") String id,
      @Schema(example = "urgent_tickets_30d") String signal,
      @Schema(example = "latest") String aggregation,
      @Schema(
              enumeration = {"present", "missing", "stale"},
              example = "present")
          String status,
      @Schema(description = "Aggregated raw value (numbers).", example = "2") Double rawValue,
      @Schema(description = "Latest label (label signals).", example = "positive") String rawLabel,
      @Schema(description = "0-100.", example = "60") Double normalised,
      @Schema(description = "Configured relative weight in the group.", example = "2")
          double weight,
      @Schema(description = "Share (0-1) of the score carried.", example = "0.0784")
          double effectiveWeight,
      @Schema(description = "Points added to the score.", example = "4.71") double contribution,
      @Schema(
              description = "Newest observation used (or seen, when stale).",
              example = "2026-11-20T09:30:00Z")
          Instant observedAt,
      @Schema(description = "True when only observations older than the staleness limit exist.")
          boolean stale,
      @Schema(description = "Observations aggregated.", example = "1") int signalCount,
      @Schema(description = "Measure flagged critical by the scorecard.") boolean critical) {}

  @Schema(
      name = "HealthDriver",
      description = "A measure that cost points: effectiveWeight x " + "(100 - normalised).")
  public record DriverView(
      @Schema(example = "active_users") String measureId,
      @Schema(example = "adoption") String groupId,
      @Schema(example = "35") double normalised,
      @Schema(example = "7.65") double pointsLost) {}

  @Schema(name = "HealthChange")
  public record ChangeView(
      @Schema(example = "71.2") Double previousScore,
      @Schema(example = "green") String previousBand,
      @Schema(description = "Score minus previous score, in points.", example = "-6.9")
          Double delta,
      boolean bandChanged,
      @Schema(description = "Measures whose contribution moved most.") List<MoverView> movers) {}

  @Schema(name = "HealthMover")
  public record MoverView(
      @Schema(example = "urgent_tickets") String measureId,
      @Schema(description = "Contribution before, in points.", example = "7.84") double before,
      @Schema(description = "Contribution now, in points.", example = "1.96") double after,
      @Schema(example = "-5.88") double delta) {}

  /** The wire form of a core result. */
  public static HealthView of(
      String accountId, Long sequence, String trigger, HealthResult result) {
    return of(accountId, sequence, trigger, result, null);
  }

  /** The wire form of a core result, with the override in force (or null). */
  public static HealthView of(
      String accountId, Long sequence, String trigger, HealthResult result, OverrideView override) {
    HealthResult.Change c = result.change();
    return new HealthView(
        accountId,
        sequence,
        new ScorecardRef(result.scorecardId(), result.scorecardVersion()),
        result.segment(),
        result.engine(),
        result.score(),
        result.band().wireName(),
        result.coverage(),
        trigger,
        result.computedAt(),
        result.groups().stream().map(HealthView::group).toList(),
        result.drivers().stream()
            .map(d -> new DriverView(d.measureId(), d.groupId(), d.normalised(), d.pointsLost()))
            .toList(),
        c == null
            ? null
            : new ChangeView(
                c.previousScore(),
                c.previousBand() == null ? null : c.previousBand().wireName(),
                c.delta(),
                c.bandChanged(),
                c.movers().stream()
                    .map(m -> new MoverView(m.measureId(), m.before(), m.after(), m.delta()))
                    .toList()),
        result.disagreement() == null
            ? null
            : new DisagreementView(
                result.disagreement().csmSentiment(),
                result.disagreement().band().wireName(),
                result.disagreement().direction()),
        override);
  }

  private static GroupView group(GroupResult g) {
    return new GroupView(
        g.id(),
        g.name(),
        g.weight(),
        g.effectiveWeight(),
        g.score(),
        g.contribution(),
        g.measures().stream().map(HealthView::measure).toList());
  }

  private static MeasureView measure(MeasureResult m) {
    return new MeasureView(
        m.id(),
        m.signal(),
        m.aggregation().wireName(),
        m.status().wireName(),
        m.rawValue(),
        m.rawLabel(),
        m.normalised(),
        m.weight(),
        m.effectiveWeight(),
        m.contribution(),
        m.observedAt(),
        m.stale(),
        m.signalCount(),
        m.critical());
  }

  /**
   * Contribution per measure id, to explain the next score's change; a measure that added no points
   * is left out (the change counts it as 0).
   */
  public java.util.Map<String, Double> contributions() {
    java.util.Map<String, Double> byMeasure = new java.util.LinkedHashMap<>();
    groups.forEach(
        g ->
            g.measures().stream()
                .filter(m -> m.contribution() != 0)
                .forEach(m -> byMeasure.put(m.id(), m.contribution())));
    return byMeasure;
  }
}

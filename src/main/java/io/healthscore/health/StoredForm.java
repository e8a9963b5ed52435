package io.healthscore.health;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.healthscore.health.HealthView.ChangeView;
import io.healthscore.health.HealthView.DisagreementView;
import io.healthscore.health.HealthView.DriverView;
import io.healthscore.health.HealthView.GroupView;
import io.healthscore.health.HealthView.MeasureView;
import io.healthscore.health.HealthView.OverrideView;
import io.healthscore.health.HealthView.ScorecardRef;
import io.healthscore.scoring.Measure;
import io.healthscore.scoring.MeasureGroup;
import io.healthscore.scoring.MeasureStatus;
import io.healthscore.scoring.Scorecard;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A score as history stores it: what the computation found, without what the scorecard version
 * already says (group and measure names, signals, aggregations, weights, critical flags), and
 * without the measures and groups that had no data. The explained score is rendered from it and its
 * scorecard version ({@link #toView}). Under a third of the API form's size: stored whole, the 5 KB
 * explanation cost PostgreSQL more to validate and compress than the rest of a write.
 *
 * <p>Rows written before this form hold the API form itself (a {@code groups} array and no {@code
 * explanation}); they are read as they are.
 *
 * @param explanation per group id that had data: its figures and its measures' (see {@link
 *     StoredGroup})
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StoredForm(
    String accountId,
    Long sequence,
    ScorecardRef scorecard,
    String segment,
    String engine,
    Double score,
    String band,
    double coverage,
    String trigger,
    Instant computedAt,
    Map<String, StoredGroup> explanation,
    List<DriverView> drivers,
    ChangeView change,
    DisagreementView disagreement,
    OverrideView override) {

  /** A group's figures, and those of its measures that were not simply missing, by id. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record StoredGroup(
      double effectiveWeight,
      Double score,
      double contribution,
      Map<String, StoredMeasure> measures) {}

  /** A measure's figures, as a JSON array in this order (names would double its size). */
  @JsonFormat(shape = JsonFormat.Shape.ARRAY)
  @JsonPropertyOrder({
    "status",
    "rawValue",
    "rawLabel",
    "normalised",
    "effectiveWeight",
    "contribution",
    "observedAt",
    "signalCount"
  })
  public record StoredMeasure(
      String status,
      Double rawValue,
      String rawLabel,
      Double normalised,
      double effectiveWeight,
      double contribution,
      Instant observedAt,
      int signalCount) {}

  private static final String STALE = MeasureStatus.STALE.wireName();
  private static final StoredMeasure MISSING_MEASURE =
      new StoredMeasure(MeasureStatus.MISSING.wireName(), null, null, null, 0, 0, null, 0);
  private static final StoredGroup EMPTY_GROUP = new StoredGroup(0, null, 0, null);

  /** True for a row in the API form (written before this form existed). */
  public boolean isApiForm() {
    return explanation == null;
  }

  /** The stored form of an explained score. */
  public static StoredForm of(HealthView view) {
    Map<String, StoredGroup> groups = new LinkedHashMap<>();
    for (GroupView g : view.groups()) {
      Map<String, StoredMeasure> measures = new LinkedHashMap<>();
      for (MeasureView m : g.measures()) {
        if (!isSimplyMissing(m)) {
          measures.put(
              m.id(),
              new StoredMeasure(
                  m.status(),
                  m.rawValue(),
                  m.rawLabel(),
                  m.normalised(),
                  m.effectiveWeight(),
                  m.contribution(),
                  m.observedAt(),
                  m.signalCount()));
        }
      }
      if (!measures.isEmpty() || !isEmpty(g)) {
        groups.put(
            g.id(),
            new StoredGroup(
                g.effectiveWeight(),
                g.score(),
                g.contribution(),
                measures.isEmpty() ? null : measures));
      }
    }
    return new StoredForm(
        view.accountId(),
        view.sequence(),
        view.scorecard(),
        view.segment(),
        view.engine(),
        view.score(),
        view.band(),
        view.coverage(),
        view.trigger(),
        view.computedAt(),
        groups,
        view.drivers(),
        view.change(),
        view.disagreement(),
        view.override());
  }

  /** A measure without data nor figures: all of it is rendered from the scorecard. */
  private static boolean isSimplyMissing(MeasureView m) {
    return MISSING_MEASURE.status().equals(m.status())
        && m.rawValue() == null
        && m.rawLabel() == null
        && m.normalised() == null
        && isZero(m.effectiveWeight())
        && isZero(m.contribution())
        && m.observedAt() == null
        && m.signalCount() == 0;
  }

  /** A group without figures of its own (its measures aside): all of it is rendered. */
  private static boolean isEmpty(GroupView g) {
    return isZero(g.effectiveWeight()) && g.score() == null && isZero(g.contribution());
  }

  // 0.0 only: -0.0 is stored, so that it reads back as it was written.
  private static boolean isZero(double value) {
    return Double.doubleToRawLongBits(value) == 0;
  }

  /**
   * The explained score, with what the scorecard says filled in.
   *
   * @param scorecard the version that computed it, with the stored segment's weights applied
   */
  public HealthView toView(Scorecard scorecard) {
    List<GroupView> groups = new ArrayList<>();
    for (MeasureGroup group : scorecard.groups()) {
      StoredGroup g = explanation.getOrDefault(group.id(), EMPTY_GROUP);
      Map<String, StoredMeasure> stored = g.measures() == null ? Map.of() : g.measures();
      List<MeasureView> measures = new ArrayList<>();
      for (Measure measure : group.measures()) {
        StoredMeasure m = stored.getOrDefault(measure.id(), MISSING_MEASURE);
        measures.add(
            new MeasureView(
                measure.id(),
                measure.signal(),
                measure.aggregation().wireName(),
                m.status(),
                m.rawValue(),
                m.rawLabel(),
                m.normalised(),
                measure.weight(),
                m.effectiveWeight(),
                m.contribution(),
                m.observedAt(),
                STALE.equals(m.status()),
                m.signalCount(),
                measure.critical()));
      }
      groups.add(
          new GroupView(
              group.id(),
              group.name(),
              group.weight(),
              g.effectiveWeight(),
              g.score(),
              g.contribution(),
              measures));
    }
    return new HealthView(
        accountId,
        sequence,
        scorecard(),
        segment,
        engine,
        score,
        band,
        coverage,
        trigger,
        computedAt,
        groups,
        drivers,
        change,
        disagreement,
        override);
  }
}

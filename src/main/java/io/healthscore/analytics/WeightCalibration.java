package io.healthscore.analytics;

import io.healthscore.common.ApiProblem;
import io.healthscore.health.ScorecardMapper;
import io.healthscore.health.Scorecards;
import io.healthscore.scoring.AccountFacts;
import io.healthscore.scoring.Bands;
import io.healthscore.scoring.HealthResult;
import io.healthscore.scoring.Measure;
import io.healthscore.scoring.MeasureGroup;
import io.healthscore.scoring.Scorecard;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;

/**
 * Learns a scorecard from outcomes ({@link ScorecardLearner}) and measures it honestly: on each
 * cross-validation fold, a scorecard learned on the other folds scores the fold's accounts through
 * the scoring core, from the same point-in-time signals, beside the current version.
 */
@ApplicationScoped
public class WeightCalibration {

  static final long FOLD_SEED = 20261125L;
  static final int MIN_PER_CLASS = 5;

  /** The AUC gain segments' own weights need over the shared ones to be kept. */
  static final double SEGMENT_GAIN = 0.002;

  /** Rows the bands are fitted on, at most. */
  static final int BAND_SAMPLE = 20_000;

  private final Analytics analytics;
  private final Scorecards scorecards;

  public WeightCalibration(Analytics analytics, Scorecards scorecards) {
    this.analytics = analytics;
    this.scorecards = scorecards;
  }

  /** The scorecard's current version, or a 404 problem. */
  Scorecard scorecard(String tenantId, String scorecardId) throws SQLException {
    return scorecards.catalog(tenantId).get(scorecardId);
  }

  /** What calibrate was asked. */
  public record Request(
      Duration horizon, int folds, double lambda, String segmentBy, boolean learnBands) {}

  /** One learned scorecard, bands included, and its variant with segments (if asked). */
  private record Learning(
      ScorecardLearner.Learned learned, Scorecard shared, Scorecard segmented) {}

  public WeightProposal propose(String tenantId, String scorecardId, Request request)
      throws SQLException {
    Scorecard current = scorecard(tenantId, scorecardId);
    List<Analytics.PointInTime> rows =
        analytics
            .pointInTime(
                tenantId,
                current,
                request.horizon(),
                LocalDate.of(1970, 1, 1),
                LocalDate.now().plusDays(1))
            .stream()
            .filter(p -> p.result() != null)
            .toList();
    return propose(current, rows, request, analytics::score);
  }

  /**
   * The proposal from point-in-time rows the current scorecard scored: a pure function of its
   * arguments, {@code score} being how another scorecard scores a row.
   */
  static WeightProposal propose(
      Scorecard current,
      List<Analytics.PointInTime> rows,
      Request request,
      BiFunction<Scorecard, Analytics.PointInTime, HealthResult> score) {
    int n = rows.size();
    boolean[] y = new boolean[n];
    int churned = 0;
    for (int i = 0; i < n; i++) {
      y[i] = rows.get(i).churned();
      churned += y[i] ? 1 : 0;
    }
    if (churned < MIN_PER_CLASS || n - churned < MIN_PER_CLASS || n < request.folds() * 2) {
      throw ApiProblem.unprocessable(
          "outcomes",
          "Too few outcomes to learn from: "
              + n
              + " scored decisions, "
              + churned
              + " churned; at least "
              + MIN_PER_CLASS
              + " churned and "
              + MIN_PER_CLASS
              + " retained are needed, and two per fold.");
    }

    // The folds and the final learning are independent: run side by side (the cores are the
    // limit: each scores its held-out accounts and fits on the rest).
    List<List<Integer>> folds = WeightLearning.folds(y, request.folds(), FOLD_SEED);
    CompletableFuture<Learning> onAll =
        CompletableFuture.supplyAsync(() -> learn(current, rows, request, score));
    List<Fold> results =
        folds.parallelStream().map(test -> fold(current, rows, y, test, request, score)).toList();
    List<WeightProposal.FoldAuc> foldAucs = new ArrayList<>();
    List<CalibrationStats.Sample> heldOut = new ArrayList<>();
    List<CalibrationStats.Sample> heldOutSegmented = new ArrayList<>();
    double[] currentAucs = new double[folds.size()];
    double[] proposedAucs = new double[folds.size()];
    double[] segmentedAucs = new double[folds.size()];
    boolean anySegments = false;
    for (int f = 0; f < folds.size(); f++) {
      Fold fold = results.get(f);
      currentAucs[f] = aucOrHalf(fold.current());
      proposedAucs[f] = aucOrHalf(fold.proposed());
      segmentedAucs[f] = aucOrHalf(fold.segmented());
      anySegments |= fold.withSegments();
      heldOut.addAll(fold.proposed());
      heldOutSegmented.addAll(fold.segmented());
      foldAucs.add(
          new WeightProposal.FoldAuc(
              CalibrationStats.round(currentAucs[f]),
              CalibrationStats.round(proposedAucs[f]),
              request.segmentBy() == null ? null : CalibrationStats.round(segmentedAucs[f])));
    }
    Learning learning = onAll.join();
    if (learning.shared().groups().isEmpty()) {
      throw ApiProblem.unprocessable(
          "outcomes",
          "No measure has reliable evidence in these outcomes, so there is no scorecard to"
              + " propose: "
              + learning.learned().measures().stream()
                  .map(m -> m.measureId() + " (" + m.reason() + ")")
                  .collect(java.util.stream.Collectors.joining("; ")));
    }
    List<String> notes = new ArrayList<>(learning.learned().notes());
    Scorecard proposal = learning.shared();
    Double segmentedAuc = null;
    Boolean segmentsKept = null;
    List<CalibrationStats.Sample> bandSamples = heldOut;
    if (request.segmentBy() != null) {
      segmentedAuc =
          learning.segmented() == null || !anySegments
              ? null
              : CalibrationStats.round(mean(segmentedAucs));
      segmentsKept =
          segmentedAuc != null && mean(segmentedAucs) - mean(proposedAucs) > SEGMENT_GAIN;
      if (segmentsKept) {
        proposal = learning.segmented();
        bandSamples = heldOutSegmented;
      }
      notes.add(
          segmentedAuc == null
              ? "No value of "
                  + request.segmentBy()
                  + " has enough outcomes for weights of its own (at least "
                  + ScorecardLearner.MIN_SEGMENT_ROWS
                  + " decisions, "
                  + ScorecardLearner.MIN_SEGMENT_EACH
                  + " of each kind)."
              : String.format(
                  Locale.ROOT,
                  "Weights per %s: held-out AUC %.4f against %.4f with shared weights; %s.",
                  request.segmentBy(),
                  mean(segmentedAucs),
                  mean(proposedAucs),
                  segmentsKept ? "kept" : "not kept (no clear gain)"));
    }
    if (mean(proposedAucs) < mean(currentAucs)) {
      notes.add(
          String.format(
              Locale.ROOT,
              "On the held-out folds the proposal ranks churn worse than the current version"
                  + " (AUC %.4f against %.4f): keep the current version, or calibrate again when"
                  + " there are more outcomes.",
              mean(proposedAucs),
              mean(currentAucs)));
    }
    if (request.learnBands() && !proposal.bands().equals(current.bands())) {
      notes.add(
          String.format(
              Locale.ROOT,
              "Bands by risk: red below %.0f (odds of churn at least twice the book's), green"
                  + " from %.0f (at most half); were %.0f and %.0f.",
              proposal.bands().yellowFrom(),
              proposal.bands().greenFrom(),
              current.bands().yellowFrom(),
              current.bands().greenFrom()));
    }
    return new WeightProposal(
        current.id(),
        current.version(),
        request.horizon(),
        n,
        churned,
        request.folds(),
        request.lambda(),
        CalibrationStats.round(mean(currentAucs)),
        CalibrationStats.round(standardDeviation(currentAucs)),
        CalibrationStats.round(mean(proposedAucs)),
        CalibrationStats.round(standardDeviation(proposedAucs)),
        request.segmentBy(),
        segmentedAuc,
        segmentsKept,
        foldAucs,
        Analytics.bandRates(bandSamples.stream().filter(s -> s.band() != null).toList()),
        weights(current, learning.learned()),
        notes,
        ScorecardMapper.toDefinition(proposal).withVersion(null),
        null);
  }

  /**
   * One fold's held-out accounts as the current version, the proposal learned without them, and its
   * segmented variant (the proposal itself where no segment got weights of its own) scored them.
   */
  private record Fold(
      List<CalibrationStats.Sample> current,
      List<CalibrationStats.Sample> proposed,
      List<CalibrationStats.Sample> segmented,
      boolean withSegments) {}

  private static Fold fold(
      Scorecard current,
      List<Analytics.PointInTime> rows,
      boolean[] y,
      List<Integer> test,
      Request request,
      BiFunction<Scorecard, Analytics.PointInTime, HealthResult> score) {
    boolean[] inTest = new boolean[rows.size()];
    test.forEach(i -> inTest[i] = true);
    List<Analytics.PointInTime> train = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      if (!inTest[i]) {
        train.add(rows.get(i));
      }
    }
    Learning learning = learn(current, train, request, score);
    List<CalibrationStats.Sample> now = new ArrayList<>();
    List<CalibrationStats.Sample> proposed = new ArrayList<>();
    List<CalibrationStats.Sample> segmented = new ArrayList<>();
    for (int i : test) {
      Analytics.PointInTime row = rows.get(i);
      now.add(sample(row.result(), y[i]));
      CalibrationStats.Sample byProposal = sample(score.apply(learning.shared(), row), y[i]);
      proposed.add(byProposal);
      segmented.add(
          learning.segmented() == null
              ? byProposal
              : sample(score.apply(learning.segmented(), row), y[i]));
    }
    return new Fold(now, proposed, segmented, learning.segmented() != null);
  }

  /** Learns on the rows: the shared scorecard with its bands, and the segmented variant. */
  private static Learning learn(
      Scorecard current,
      List<Analytics.PointInTime> rows,
      Request request,
      BiFunction<Scorecard, Analytics.PointInTime, HealthResult> score) {
    boolean[] y = new boolean[rows.size()];
    List<HealthResult> results = new ArrayList<>();
    List<AccountFacts> facts = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      y[i] = rows.get(i).churned();
      results.add(rows.get(i).result());
      facts.add(rows.get(i).facts());
    }
    ScorecardLearner.Learned learned =
        ScorecardLearner.learn(current, results, y, request.lambda());
    Scorecard shared = learned.scorecard();
    if (request.learnBands()) {
      shared = shared.withBands(bands(shared, rows, y, current.bands(), score));
    }
    Scorecard segmented =
        request.segmentBy() == null
            ? null
            : ScorecardLearner.withSegments(
                shared, results, facts, y, request.segmentBy(), request.lambda());
    return new Learning(learned, shared, segmented == shared ? null : segmented);
  }

  private static Bands bands(
      Scorecard scorecard,
      List<Analytics.PointInTime> rows,
      boolean[] y,
      Bands given,
      BiFunction<Scorecard, Analytics.PointInTime, HealthResult> score) {
    List<Double> scores = new ArrayList<>();
    List<Boolean> labels = new ArrayList<>();
    // Two parameters of a logistic fit: a spread-out sample of the rows fixes them as well.
    int every = Math.max(1, rows.size() / BAND_SAMPLE);
    for (int i = 0; i < rows.size(); i += every) {
      HealthResult result = score.apply(scorecard, rows.get(i));
      if (result != null && result.score() != null) {
        scores.add(result.score());
        labels.add(y[i]);
      }
    }
    double[] s = new double[scores.size()];
    boolean[] c = new boolean[scores.size()];
    for (int i = 0; i < s.length; i++) {
      s[i] = scores.get(i);
      c[i] = labels.get(i);
    }
    return ScorecardLearner.bands(s, c, given);
  }

  /** A held-out account's sample; one the scorecard could not score ranks as chance would. */
  private static CalibrationStats.Sample sample(HealthResult result, boolean churned) {
    return result == null || result.score() == null
        ? new CalibrationStats.Sample(50, null, churned)
        : new CalibrationStats.Sample(result.score(), result.band().wireName(), churned);
  }

  private static double aucOrHalf(List<CalibrationStats.Sample> samples) {
    Double auc = CalibrationStats.auc(samples);
    return auc == null ? 0.5 : auc;
  }

  private static List<WeightProposal.MeasureWeight> weights(
      Scorecard current, ScorecardLearner.Learned learned) {
    Map<String, Double> currentShares = currentShares(current);
    List<WeightProposal.MeasureWeight> weights = new ArrayList<>();
    for (ScorecardLearner.MeasureChange m : learned.measures()) {
      weights.add(
          new WeightProposal.MeasureWeight(
              m.measureId(),
              m.groupId(),
              CalibrationStats.round(currentShares.get(m.measureId())),
              m.proposedWeight(),
              m.action(),
              m.shape(),
              m.reason(),
              m.coefficient(),
              m.coefficientLower(),
              m.coefficientUpper(),
              m.informationValue()));
    }
    return weights;
  }

  private static Map<String, Double> currentShares(Scorecard scorecard) {
    Map<String, Double> shares = new HashMap<>();
    double groups = scorecard.groups().stream().mapToDouble(MeasureGroup::weight).sum();
    for (MeasureGroup group : scorecard.groups()) {
      double inGroup = group.measures().stream().mapToDouble(Measure::weight).sum();
      for (Measure measure : group.measures()) {
        shares.put(measure.id(), group.weight() / groups * measure.weight() / inGroup);
      }
    }
    return shares;
  }

  private static double mean(double[] values) {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.length;
  }

  private static double standardDeviation(double[] values) {
    double mean = mean(values);
    double sum = 0;
    for (double v : values) {
      sum += (v - mean) * (v - mean);
    }
    return values.length < 2 ? 0 : Math.sqrt(sum / (values.length - 1));
  }
}

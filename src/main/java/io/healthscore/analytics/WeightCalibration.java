package io.healthscore.analytics;

import io.healthscore.common.ApiProblem;
import io.healthscore.scorecard.ScorecardDefinition;
import io.healthscore.scorecard.ScorecardDefinition.GroupDefinition;
import io.healthscore.scorecard.ScorecardDefinition.MeasureDefinition;
import io.healthscore.scorecard.ScorecardMapper;
import io.healthscore.scorecard.Scorecards;
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
import java.util.Map;

/**
 * Learns measure weights from outcomes: a regularised logistic regression of churn on the
 * point-in-time normalised measure values, compared with the current version on the same folds.
 */
@ApplicationScoped
public class WeightCalibration {

  static final long FOLD_SEED = 20261125L;
  static final int MIN_PER_CLASS = 5;
  static final double FLOOR = 0.01;

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

  public WeightProposal propose(
      String tenantId, String scorecardId, Duration horizon, int k, double lambda)
      throws SQLException {
    Scorecard scorecard = scorecard(tenantId, scorecardId);
    List<Measure> measures = new ArrayList<>();
    List<String> groupOf = new ArrayList<>();
    for (MeasureGroup group : scorecard.groups()) {
      for (Measure measure : group.measures()) {
        measures.add(measure);
        groupOf.add(group.id());
      }
    }
    List<Analytics.PointInTime> scored =
        analytics
            .pointInTime(
                tenantId, scorecard, horizon, LocalDate.of(1970, 1, 1), LocalDate.now().plusDays(1))
            .stream()
            .filter(p -> p.result() != null)
            .toList();
    int churned = (int) scored.stream().filter(p -> p.decision().churned()).count();
    if (churned < MIN_PER_CLASS
        || scored.size() - churned < MIN_PER_CLASS
        || scored.size() < k * 2) {
      throw ApiProblem.unprocessable(
          "outcomes",
          "Too few outcomes to learn from: "
              + scored.size()
              + " scored decisions, "
              + churned
              + " churned; at least "
              + MIN_PER_CLASS
              + " churned and "
              + MIN_PER_CLASS
              + " retained are needed, and two per fold.");
    }
    double[][] x = features(scored, measures);
    boolean[] y = new boolean[scored.size()];
    double[] current = new double[scored.size()];
    for (int i = 0; i < scored.size(); i++) {
      y[i] = scored.get(i).decision().churned();
      current[i] = scored.get(i).result().score();
    }

    List<WeightProposal.FoldAuc> foldAucs = new ArrayList<>();
    double currentSum = 0;
    double proposedSum = 0;
    for (List<Integer> test : WeightLearning.folds(scored.size(), k, FOLD_SEED)) {
      List<Integer> train = new ArrayList<>();
      for (int i = 0; i < scored.size(); i++) {
        if (!test.contains(i)) {
          train.add(i);
        }
      }
      WeightLearning.Fit fit = WeightLearning.fit(rows(x, train), labels(y, train), lambda);
      List<CalibrationStats.Sample> now = new ArrayList<>();
      List<CalibrationStats.Sample> proposed = new ArrayList<>();
      for (int i : test) {
        now.add(new CalibrationStats.Sample(current[i], "", y[i]));
        proposed.add(new CalibrationStats.Sample(fit.health(x[i]), "", y[i]));
      }
      Double a = CalibrationStats.auc(now);
      Double b = CalibrationStats.auc(proposed);
      foldAucs.add(new WeightProposal.FoldAuc(a, b));
      currentSum += a == null ? 0.5 : a;
      proposedSum += b == null ? 0.5 : b;
    }

    WeightLearning.Fit fit = WeightLearning.fit(x, y, lambda);
    double[] shares = shares(fit.coefficients());
    Map<String, Double> proposedById = new HashMap<>();
    List<WeightProposal.MeasureWeight> weights = new ArrayList<>();
    Map<String, Double> currentShares = currentShares(scorecard);
    for (int j = 0; j < measures.size(); j++) {
      proposedById.put(measures.get(j).id(), shares[j]);
      weights.add(
          new WeightProposal.MeasureWeight(
              measures.get(j).id(),
              groupOf.get(j),
              round(currentShares.get(measures.get(j).id())),
              round(shares[j]),
              round(fit.coefficients()[j])));
    }
    return new WeightProposal(
        scorecard.id(),
        scorecard.version(),
        horizon,
        scored.size(),
        churned,
        k,
        lambda,
        round(currentSum / k),
        round(proposedSum / k),
        foldAucs,
        weights,
        proposal(ScorecardMapper.toDefinition(scorecard), proposedById),
        null);
  }

  /** Normalised values / 100; a missing one takes the measure's mean (0.5 when never seen). */
  static double[][] features(List<Analytics.PointInTime> scored, List<Measure> measures) {
    double[][] x = new double[scored.size()][measures.size()];
    for (int j = 0; j < measures.size(); j++) {
      double sum = 0;
      int seen = 0;
      for (int i = 0; i < scored.size(); i++) {
        Double value = normalised(scored.get(i).result(), measures.get(j).id());
        x[i][j] = value == null ? Double.NaN : value / 100;
        if (value != null) {
          sum += value / 100;
          seen++;
        }
      }
      double mean = seen == 0 ? 0.5 : sum / seen;
      for (int i = 0; i < scored.size(); i++) {
        if (Double.isNaN(x[i][j])) {
          x[i][j] = mean;
        }
      }
    }
    return x;
  }

  private static Double normalised(HealthResult result, String measureId) {
    for (HealthResult.GroupResult group : result.groups()) {
      for (HealthResult.MeasureResult measure : group.measures()) {
        if (measure.id().equals(measureId)) {
          return measure.normalised();
        }
      }
    }
    return null;
  }

  /** Shares from coefficients: protection (minus the churn coefficient), floored at 1 %. */
  static double[] shares(double[] coefficients) {
    double[] shares = new double[coefficients.length];
    double total = 0;
    for (int j = 0; j < coefficients.length; j++) {
      shares[j] = Math.max(0, -coefficients[j]);
      total += shares[j];
    }
    if (total == 0) {
      java.util.Arrays.fill(shares, 1.0 / shares.length);
      return shares;
    }
    double floored = 0;
    for (int j = 0; j < shares.length; j++) {
      shares[j] = Math.max(FLOOR, shares[j] / total);
      floored += shares[j];
    }
    for (int j = 0; j < shares.length; j++) {
      shares[j] /= floored;
    }
    return shares;
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

  /** The definition with measure weights = proposed shares and group weights their sums. */
  static ScorecardDefinition proposal(ScorecardDefinition current, Map<String, Double> shares) {
    List<GroupDefinition> groups = new ArrayList<>();
    for (GroupDefinition g : current.groups()) {
      List<MeasureDefinition> measures = new ArrayList<>();
      double groupWeight = 0;
      for (MeasureDefinition m : g.measures()) {
        double weight = Math.round(shares.get(m.id()) * 10_000) / 100.0;
        groupWeight += weight;
        measures.add(
            new MeasureDefinition(
                m.id(),
                m.signal(),
                m.aggregation(),
                m.window(),
                m.staleAfter(),
                m.normaliser(),
                weight,
                m.critical(),
                m.halfLife()));
      }
      groups.add(
          new GroupDefinition(g.id(), g.name(), Math.round(groupWeight * 100) / 100.0, measures));
    }
    return new ScorecardDefinition(
        current.id(),
        null,
        current.name(),
        current.engine(),
        current.engineSettings(),
        current.minCoverage(),
        current.bands(),
        groups,
        current.segments());
  }

  private static double[][] rows(double[][] x, List<Integer> which) {
    return which.stream().map(i -> x[i]).toArray(double[][]::new);
  }

  private static boolean[] labels(boolean[] y, List<Integer> which) {
    boolean[] labels = new boolean[which.size()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = y[which.get(i)];
    }
    return labels;
  }

  private static double round(double value) {
    return Math.round(value * 10_000) / 10_000.0;
  }
}

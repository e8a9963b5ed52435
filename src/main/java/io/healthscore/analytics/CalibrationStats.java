package io.healthscore.analytics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.commons.math3.stat.interval.ConfidenceInterval;
import org.apache.commons.math3.stat.interval.WilsonScoreInterval;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * How well scores separate accounts that churned from those that stayed. Plain Java on Apache
 * Commons Math: no framework, so it is unit-tested on its own.
 */
public final class CalibrationStats {

  /** One account outcome with the score the account had before it. */
  public record Sample(double score, String band, boolean churned) {}

  /** Churn rate with its 95 % Wilson interval. */
  public record Rate(int accounts, int churned, Double churnRate, Double lower, Double upper) {

    static Rate of(int accounts, int churned) {
      if (accounts == 0) {
        return new Rate(0, 0, null, null, null);
      }
      ConfidenceInterval ci = new WilsonScoreInterval().createInterval(accounts, churned, 0.95);
      return new Rate(
          accounts,
          churned,
          round((double) churned / accounts),
          round(ci.getLowerBound()),
          round(ci.getUpperBound()));
    }
  }

  private CalibrationStats() {}

  /**
   * ROC AUC of the score as a predictor of staying (the probability that a random account that
   * stayed scored above a random one that churned; ties count half): 0.5 is chance, 1 perfect. Null
   * without both kinds of outcome.
   */
  public static Double auc(List<Sample> samples) {
    int churned = (int) samples.stream().filter(Sample::churned).count();
    int stayed = samples.size() - churned;
    if (churned == 0 || stayed == 0) {
      return null;
    }
    double[] scores = samples.stream().mapToDouble(Sample::score).toArray();
    double[] ranks = new NaturalRanking(TiesStrategy.AVERAGE).rank(scores);
    double rankSumStayed = 0;
    for (int i = 0; i < ranks.length; i++) {
      if (!samples.get(i).churned()) {
        rankSumStayed += ranks[i];
      }
    }
    double u = rankSumStayed - (double) stayed * (stayed + 1) / 2;
    return round(u / ((double) stayed * churned));
  }

  /**
   * The AUC's 95 % interval by Hanley and McNeil (1982), clipped to 0-1: {lower, upper}, or null
   * without both kinds of outcome.
   */
  public static double[] aucInterval(Double auc, int churned, int stayed) {
    if (auc == null || churned == 0 || stayed == 0) {
      return null;
    }
    double q1 = auc / (2 - auc);
    double q2 = 2 * auc * auc / (1 + auc);
    double variance =
        (auc * (1 - auc) + (stayed - 1) * (q1 - auc * auc) + (churned - 1) * (q2 - auc * auc))
            / ((double) churned * stayed);
    double half = 1.96 * Math.sqrt(Math.max(0, variance));
    return new double[] {round(Math.max(0, auc - half)), round(Math.min(1, auc + half))};
  }

  /** A point of the ROC curve: flagging every account scored at most {@code score}. */
  @Schema(name = "RocPoint")
  public record RocPoint(
      @Schema(description = "Share of retained accounts flagged.", example = "0.2")
          double falsePositiveRate,
      @Schema(description = "Share of churned accounts flagged.", example = "0.7")
          double truePositiveRate,
      @Schema(description = "Flagged: scores up to this (null at the origin).", example = "42.5")
          Double score) {}

  /** The ROC curve of low scores flagging churn, thinned to at most {@code points} + 1 points. */
  public static List<RocPoint> roc(List<Sample> samples, int points) {
    int churned = (int) samples.stream().filter(Sample::churned).count();
    int stayed = samples.size() - churned;
    List<RocPoint> curve = new ArrayList<>();
    if (churned == 0 || stayed == 0) {
      return curve;
    }
    List<Sample> sorted = new ArrayList<>(samples);
    sorted.sort(java.util.Comparator.comparingDouble(Sample::score));
    List<RocPoint> all = new ArrayList<>();
    all.add(new RocPoint(0, 0, null));
    int tp = 0;
    int fp = 0;
    for (int i = 0; i < sorted.size(); i++) {
      if (sorted.get(i).churned()) {
        tp++;
      } else {
        fp++;
      }
      // Accounts with the same score are flagged together.
      if (i + 1 == sorted.size() || sorted.get(i + 1).score() != sorted.get(i).score()) {
        all.add(
            new RocPoint(
                round((double) fp / stayed), round((double) tp / churned), sorted.get(i).score()));
      }
    }
    double step = Math.max(1, (all.size() - 1) / (double) points);
    for (double k = 0; k < all.size() - 1; k += step) {
      curve.add(all.get((int) k));
    }
    curve.add(all.get(all.size() - 1));
    return curve;
  }

  /** The AUC with the labels shuffled (seeded): what chance looks like on these scores. */
  public static Double shuffledAuc(List<Sample> samples, long seed) {
    List<Boolean> labels = new ArrayList<>(samples.stream().map(Sample::churned).toList());
    Collections.shuffle(labels, new Random(seed));
    List<Sample> shuffled = new ArrayList<>();
    for (int i = 0; i < samples.size(); i++) {
      Sample s = samples.get(i);
      shuffled.add(new Sample(s.score(), s.band(), labels.get(i)));
    }
    return auc(shuffled);
  }

  public static Rate rate(List<Sample> samples) {
    return Rate.of(samples.size(), (int) samples.stream().filter(Sample::churned).count());
  }

  /** Samples by score decile: [0,10), [10,20), ... [90,100]. */
  public static List<List<Sample>> deciles(List<Sample> samples) {
    List<List<Sample>> deciles = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      deciles.add(new ArrayList<>());
    }
    for (Sample s : samples) {
      deciles.get(Math.min(9, (int) Math.floor(s.score() / 10))).add(s);
    }
    return deciles;
  }

  static double round(double value) {
    return Math.round(value * 10_000) / 10_000.0;
  }
}

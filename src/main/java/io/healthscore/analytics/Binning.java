package io.healthscore.analytics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Bins a numeric measure by its churn evidence, as credit scorecards do (Siddiqi, <i>Credit Risk
 * Scorecards</i>, 2006; Navas-Palencia, <i>Optimal binning</i>, 2020): fine quantile bins, merged
 * by pool-adjacent-violators into bins whose churn rate is monotone in the value; a shape with one
 * turn (churn falling then rising, or the reverse) only where it fits clearly better; then merged
 * until every bin holds enough accounts of both outcomes, and at most a few bins remain. Plain
 * Java.
 */
public final class Binning {

  /** Fine bins before merging. */
  static final int FINE_BINS = 20;

  /**
   * Twice the log-likelihood gain a one-turn shape needs over the best monotone one: the turn's
   * position is searched, so the usual 1-degree-of-freedom 3.84 would find turns in noise.
   */
  static final double TURN_EVIDENCE = 20;

  /** Values from {@code from} up to the next bin's from (the first bin also takes all below). */
  public record Bin(double from, int accounts, int churned) {

    double rate() {
      return accounts == 0 ? 0 : (double) churned / accounts;
    }

    Bin plus(Bin later) {
      return new Bin(from, accounts + later.accounts, churned + later.churned);
    }
  }

  /** How churn runs along the value. */
  public enum Shape {
    INCREASING,
    DECREASING,
    /** Churn falls, then rises: the middle is healthiest. */
    VALLEY,
    /** Churn rises, then falls. */
    PEAK
  }

  /** The bins, ascending by from, and their shape. */
  public record Result(List<Bin> bins, Shape shape) {

    public boolean monotone() {
      return shape == Shape.INCREASING || shape == Shape.DECREASING;
    }

    /** The bin a value falls in (the last whose from is at most the value; else the first). */
    public int binOf(double value) {
      int found = 0;
      for (int b = 1; b < bins.size(); b++) {
        if (value >= bins.get(b).from()) {
          found = b;
        }
      }
      return found;
    }
  }

  /**
   * @param minAccounts every bin holds at least this many accounts
   * @param minEach and at least this many churned and as many retained
   * @param maxBins at most this many bins
   */
  public record Limits(int minAccounts, int minEach, int maxBins) {}

  private Binning() {}

  /** The best binning of the values; one bin when the evidence supports no split. */
  public static Result bin(double[] values, boolean[] churned, Limits limits) {
    List<Bin> fine = fine(values, churned);
    Result best = null;
    for (boolean increasing : new boolean[] {true, false}) {
      Result candidate =
          new Result(
              finish(pool(fine, increasing), limits),
              increasing ? Shape.INCREASING : Shape.DECREASING);
      if (best == null || logLikelihood(candidate.bins()) > logLikelihood(best.bins())) {
        best = candidate;
      }
    }
    Result turned = null;
    for (int turn = 1; turn < fine.size(); turn++) {
      for (boolean valley : new boolean[] {true, false}) {
        List<Bin> bins = new ArrayList<>(pool(fine.subList(0, turn), !valley));
        bins.addAll(pool(fine.subList(turn, fine.size()), valley));
        List<Bin> finished = finish(bins, limits);
        if (finished.size() >= 3
            && (turned == null || logLikelihood(finished) > logLikelihood(turned.bins()))) {
          turned = new Result(finished, valley ? Shape.VALLEY : Shape.PEAK);
        }
      }
    }
    if (turned != null
        && !isMonotone(turned.bins())
        && 2 * (logLikelihood(turned.bins()) - logLikelihood(best.bins())) > TURN_EVIDENCE) {
      return turned;
    }
    return best;
  }

  /** Quantile bins; equal values always share a bin. */
  static List<Bin> fine(double[] values, boolean[] churned) {
    // Churned and retained values sorted apart (primitive sorts), then walked together.
    int c = 0;
    for (boolean y : churned) {
      c += y ? 1 : 0;
    }
    double[] yes = new double[c];
    double[] no = new double[values.length - c];
    for (int i = 0, a = 0, b = 0; i < values.length; i++) {
      if (churned[i]) {
        yes[a++] = values[i];
      } else {
        no[b++] = values[i];
      }
    }
    Arrays.sort(yes);
    Arrays.sort(no);
    int size = Math.max(1, values.length / FINE_BINS);
    List<Bin> bins = new ArrayList<>();
    int a = 0;
    int b = 0;
    Bin current = null;
    while (a < yes.length || b < no.length) {
      double value = b >= no.length || (a < yes.length && yes[a] <= no[b]) ? yes[a] : no[b];
      int accounts = 0;
      int churnedHere = 0;
      while (a < yes.length && yes[a] == value) {
        a++;
        accounts++;
        churnedHere++;
      }
      while (b < no.length && no[b] == value) {
        b++;
        accounts++;
      }
      if (current == null || current.accounts() >= size) {
        if (current != null) {
          bins.add(current);
        }
        current = new Bin(value, 0, 0);
      }
      current = current.plus(new Bin(value, accounts, churnedHere));
    }
    if (current != null) {
      bins.add(current);
    }
    return bins;
  }

  /** Pool-adjacent-violators: merges neighbours until churn rates rise (or fall) along bins. */
  static List<Bin> pool(List<Bin> bins, boolean increasing) {
    List<Bin> pooled = new ArrayList<>();
    for (Bin bin : bins) {
      pooled.add(bin);
      while (pooled.size() > 1) {
        Bin last = pooled.get(pooled.size() - 1);
        Bin before = pooled.get(pooled.size() - 2);
        boolean violates = increasing ? before.rate() >= last.rate() : before.rate() <= last.rate();
        if (!violates) {
          break;
        }
        pooled.remove(pooled.size() - 1);
        pooled.set(pooled.size() - 1, before.plus(last));
      }
    }
    return pooled;
  }

  /** Merges bins too small for the limits into their closer neighbour, then caps the count. */
  static List<Bin> finish(List<Bin> bins, Limits limits) {
    List<Bin> merged = new ArrayList<>(bins);
    while (merged.size() > 1) {
      int smallest = -1;
      for (int b = 0; b < merged.size(); b++) {
        Bin bin = merged.get(b);
        boolean tooSmall =
            bin.accounts() < limits.minAccounts()
                || bin.churned() < limits.minEach()
                || bin.accounts() - bin.churned() < limits.minEach();
        if (tooSmall && (smallest < 0 || bin.accounts() < merged.get(smallest).accounts())) {
          smallest = b;
        }
      }
      if (smallest < 0) {
        break;
      }
      mergeWithCloser(merged, smallest);
    }
    // Merge the neighbours whose split explains least while the split does not earn its
    // parameter (Akaike's criterion: 2 of deviance per bin).
    double penalty = 2;
    while (merged.size() > 2) {
      int cheapest = -1;
      double cheapestLoss = Double.POSITIVE_INFINITY;
      for (int b = 0; b + 1 < merged.size(); b++) {
        double loss = splitGain(merged.get(b), merged.get(b + 1));
        if (loss < cheapestLoss) {
          cheapest = b;
          cheapestLoss = loss;
        }
      }
      if (cheapestLoss >= penalty) {
        break;
      }
      merged.set(cheapest, merged.get(cheapest).plus(merged.remove(cheapest + 1)));
    }
    while (merged.size() > limits.maxBins()) {
      int closest = 0;
      for (int b = 1; b + 1 < merged.size(); b++) {
        if (gap(merged, b) < gap(merged, closest)) {
          closest = b;
        }
      }
      merged.set(closest, merged.get(closest).plus(merged.remove(closest + 1)));
    }
    return merged;
  }

  private static double gap(List<Bin> bins, int b) {
    return Math.abs(bins.get(b).rate() - bins.get(b + 1).rate());
  }

  private static void mergeWithCloser(List<Bin> bins, int b) {
    boolean withNext = b == 0 || (b + 1 < bins.size() && gap(bins, b) <= gap(bins, b - 1));
    int first = withNext ? b : b - 1;
    bins.set(first, bins.get(first).plus(bins.remove(first + 1)));
  }

  private static boolean isMonotone(List<Bin> bins) {
    boolean rising = true;
    boolean falling = true;
    for (int b = 1; b < bins.size(); b++) {
      rising &= bins.get(b).rate() >= bins.get(b - 1).rate();
      falling &= bins.get(b).rate() <= bins.get(b - 1).rate();
    }
    return rising || falling;
  }

  /** Twice the log-likelihood two neighbouring bins gain over one bin holding both. */
  private static double splitGain(Bin a, Bin b) {
    return 2 * (logLikelihood(List.of(a, b)) - logLikelihood(List.of(a.plus(b))));
  }

  /** The binomial log-likelihood of the outcomes with each bin's own churn rate. */
  static double logLikelihood(List<Bin> bins) {
    double total = 0;
    for (Bin bin : bins) {
      double p = bin.rate();
      int retained = bin.accounts() - bin.churned();
      total +=
          (bin.churned() == 0 ? 0 : bin.churned() * Math.log(p))
              + (retained == 0 ? 0 : retained * Math.log(1 - p));
    }
    return total;
  }
}

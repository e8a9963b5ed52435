package io.healthscore.analytics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.DecompositionSolver;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * L2-regularised logistic regression of churn, fitted by Newton's method (a handful of steps on the
 * few features a scorecard has), with the coefficients' standard errors from the curvature at the
 * optimum; and stratified k-fold splits to compare models on the same folds. Plain Java,
 * unit-tested on its own.
 */
public final class WeightLearning {

  private static final int MAX_STEPS = 100;
  private static final double CONVERGED = 1e-9;

  /**
   * P(churn) = 1 / (1 + exp(-(intercept + coefficients . x))).
   *
   * @param standardErrors of each coefficient, from the inverse of the penalised log loss's
   *     curvature at the optimum (the usual Wald errors when lambda is 0)
   */
  public record Fit(double intercept, double[] coefficients, double[] standardErrors) {

    /** Higher is healthier: the negated log-odds of churn. */
    public double health(double[] x) {
      double z = intercept;
      for (int j = 0; j < x.length; j++) {
        z += coefficients[j] * x[j];
      }
      return -z;
    }

    /** The coefficient's 95 % Wald interval: {lower, upper}. */
    public double[] interval(int j) {
      double half = 1.96 * standardErrors[j];
      return new double[] {coefficients[j] - half, coefficients[j] + half};
    }

    /** How many standard errors the coefficient lies from 0. */
    public double z(int j) {
      return standardErrors[j] == 0
          ? Double.POSITIVE_INFINITY
          : coefficients[j] / standardErrors[j];
    }
  }

  private WeightLearning() {}

  /**
   * Fits on rows {@code x} and labels {@code churned}: mean log loss plus {@code lambda}/2 times
   * the squared coefficients (not the intercept).
   */
  public static Fit fit(double[][] x, boolean[] churned, double lambda) {
    int n = x.length;
    int d = n == 0 ? 0 : x[0].length;
    double[] p = new double[d + 1];
    double loss = loss(x, churned, lambda, p);
    double[][] hessian = new double[d + 1][d + 1];
    for (int step = 0; step < MAX_STEPS; step++) {
      double[] gradient = new double[d + 1];
      curvature(x, churned, lambda, p, gradient, hessian);
      double[] move = solve(hessian, gradient);
      // Newton's step, halved until the loss does not grow (it rarely needs to be).
      double scale = 1;
      double[] next = new double[d + 1];
      double nextLoss;
      do {
        for (int j = 0; j <= d; j++) {
          next[j] = p[j] - scale * move[j];
        }
        nextLoss = loss(x, churned, lambda, next);
        scale /= 2;
      } while (nextLoss > loss + 1e-12 && scale > 1e-6);
      double largest = 0;
      for (int j = 0; j <= d; j++) {
        largest = Math.max(largest, Math.abs(next[j] - p[j]));
      }
      p = next;
      loss = nextLoss;
      if (largest < CONVERGED) {
        break;
      }
    }
    curvature(x, churned, lambda, p, new double[d + 1], hessian);
    double[] errors = new double[d];
    if (n > 0) {
      RealMatrix inverse =
          new LUDecomposition(new Array2DRowRealMatrix(hessian)).getSolver().getInverse();
      for (int j = 0; j < d; j++) {
        errors[j] = Math.sqrt(Math.max(0, inverse.getEntry(j + 1, j + 1) / n));
      }
    }
    double[] coefficients = new double[d];
    System.arraycopy(p, 1, coefficients, 0, d);
    return new Fit(p[0], coefficients, errors);
  }

  private static double loss(double[][] x, boolean[] churned, double lambda, double[] p) {
    double total = 0;
    for (int i = 0; i < x.length; i++) {
      double z = linear(x[i], p);
      // log(1 + e^z) - y z, computed without overflow
      total +=
          (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - (churned[i] ? z : 0);
    }
    double penalty = 0;
    for (int j = 1; j < p.length; j++) {
      penalty += p[j] * p[j];
    }
    return (x.length == 0 ? 0 : total / x.length) + lambda / 2 * penalty;
  }

  /** The penalised mean loss's gradient and Hessian at p, into the arrays given. */
  private static void curvature(
      double[][] x, boolean[] churned, double lambda, double[] p, double[] g, double[][] h) {
    int d = p.length - 1;
    for (double[] row : h) {
      java.util.Arrays.fill(row, 0);
    }
    double[] features = new double[d + 1];
    features[0] = 1;
    for (int i = 0; i < x.length; i++) {
      System.arraycopy(x[i], 0, features, 1, d);
      double mu = 1 / (1 + Math.exp(-linear(x[i], p)));
      double error = mu - (churned[i] ? 1 : 0);
      double weight = mu * (1 - mu);
      for (int a = 0; a <= d; a++) {
        g[a] += error * features[a];
        for (int b = 0; b <= a; b++) {
          h[a][b] += weight * features[a] * features[b];
        }
      }
    }
    int n = Math.max(1, x.length);
    for (int a = 0; a <= d; a++) {
      g[a] = g[a] / n + (a > 0 ? lambda * p[a] : 0);
      for (int b = 0; b <= a; b++) {
        h[a][b] = h[a][b] / n + (a == b && a > 0 ? lambda : 0);
        h[b][a] = h[a][b];
      }
      // A feature constant across the rows leaves the curvature singular without a penalty.
      h[a][a] += 1e-10;
    }
  }

  private static double[] solve(double[][] hessian, double[] gradient) {
    DecompositionSolver solver = new LUDecomposition(new Array2DRowRealMatrix(hessian)).getSolver();
    return solver.solve(new ArrayRealVector(gradient)).toArray();
  }

  private static double linear(double[] x, double[] p) {
    double z = p[0];
    for (int j = 0; j < x.length; j++) {
      z += p[j + 1] * x[j];
    }
    return z;
  }

  /**
   * The test indices of {@code k} folds over rows labelled {@code churned}: churned and retained
   * rows are dealt out separately, so every fold holds its share of both.
   */
  public static List<List<Integer>> folds(boolean[] churned, int k, long seed) {
    List<Integer> yes = new ArrayList<>();
    List<Integer> no = new ArrayList<>();
    for (int i = 0; i < churned.length; i++) {
      (churned[i] ? yes : no).add(i);
    }
    Random random = new Random(seed);
    Collections.shuffle(yes, random);
    Collections.shuffle(no, random);
    List<List<Integer>> folds = new ArrayList<>();
    for (int f = 0; f < k; f++) {
      folds.add(new ArrayList<>());
    }
    int next = 0;
    for (List<Integer> kind : List.of(yes, no)) {
      for (int i : kind) {
        folds.get(next++ % k).add(i);
      }
    }
    return folds;
  }
}

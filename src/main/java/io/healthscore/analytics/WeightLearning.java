package io.healthscore.analytics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.commons.math3.analysis.MultivariateFunction;
import org.apache.commons.math3.analysis.MultivariateVectorFunction;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.SimpleValueChecker;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunctionGradient;
import org.apache.commons.math3.optim.nonlinear.scalar.gradient.NonLinearConjugateGradientOptimizer;

/**
 * L2-regularised logistic regression of churn on normalised measure values, minimised by Commons
 * Math's conjugate-gradient optimiser, and k-fold splits to compare models on the same folds. Plain
 * Java, unit-tested on its own.
 */
public final class WeightLearning {

  /** P(churn) = 1 / (1 + exp(-(intercept + coefficients . x))). */
  public record Fit(double intercept, double[] coefficients) {

    /** Higher is healthier: the negated log-odds of churn. */
    public double health(double[] x) {
      double z = intercept;
      for (int j = 0; j < x.length; j++) {
        z += coefficients[j] * x[j];
      }
      return -z;
    }
  }

  private WeightLearning() {}

  /**
   * Fits on rows {@code x} (features in 0-1) and labels {@code churned}: mean log loss plus {@code
   * lambda}/2 times the squared coefficients (not the intercept).
   */
  public static Fit fit(double[][] x, boolean[] churned, double lambda) {
    int n = x.length;
    int d = x[0].length;
    MultivariateFunction loss =
        p -> {
          double total = 0;
          for (int i = 0; i < n; i++) {
            double z = p[0];
            for (int j = 0; j < d; j++) {
              z += p[j + 1] * x[i][j];
            }
            // log(1 + e^z) - y z, computed without overflow
            total +=
                (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z)))
                    - (churned[i] ? z : 0);
          }
          double penalty = 0;
          for (int j = 1; j <= d; j++) {
            penalty += p[j] * p[j];
          }
          return total / n + lambda / 2 * penalty;
        };
    MultivariateVectorFunction gradient =
        p -> {
          double[] g = new double[d + 1];
          for (int i = 0; i < n; i++) {
            double z = p[0];
            for (int j = 0; j < d; j++) {
              z += p[j + 1] * x[i][j];
            }
            double error = 1 / (1 + Math.exp(-z)) - (churned[i] ? 1 : 0);
            g[0] += error;
            for (int j = 0; j < d; j++) {
              g[j + 1] += error * x[i][j];
            }
          }
          for (int j = 0; j <= d; j++) {
            g[j] /= n;
            if (j > 0) {
              g[j] += lambda * p[j];
            }
          }
          return g;
        };
    NonLinearConjugateGradientOptimizer optimizer =
        new NonLinearConjugateGradientOptimizer(
            NonLinearConjugateGradientOptimizer.Formula.POLAK_RIBIERE,
            new SimpleValueChecker(1e-12, 1e-12));
    PointValuePair best =
        optimizer.optimize(
            new MaxEval(100_000),
            new MaxIter(10_000),
            new ObjectiveFunction(loss),
            new ObjectiveFunctionGradient(gradient),
            GoalType.MINIMIZE,
            new InitialGuess(new double[d + 1]));
    double[] p = best.getPoint();
    double[] coefficients = new double[d];
    System.arraycopy(p, 1, coefficients, 0, d);
    return new Fit(p[0], coefficients);
  }

  /** The test indices of {@code k} folds over {@code n} rows, shuffled with the seed. */
  public static List<List<Integer>> folds(int n, int k, long seed) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      order.add(i);
    }
    Collections.shuffle(order, new Random(seed));
    List<List<Integer>> folds = new ArrayList<>();
    for (int f = 0; f < k; f++) {
      folds.add(new ArrayList<>());
    }
    for (int i = 0; i < n; i++) {
      folds.get(i % k).add(order.get(i));
    }
    return folds;
  }
}

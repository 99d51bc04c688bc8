package io.liqopt.training.walkforward;

import java.util.Arrays;

/**
 * One model's out-of-sample forecasts of one asset and horizon, one entry per evaluation row, NaN
 * where the model made none (not fitted on the asset in that fold, or inputs undefined).
 */
public final class Predictions {
  final double[] variance;

  /** quantiles[k][i]: the long adverse-move quantile at evaluation level k, row i. */
  final double[][] quantiles;

  /** P(stress), only for the stress horizon (else null). */
  final double[] stressProbability;

  Predictions(int rows, int levels, boolean stress) {
    variance = nan(rows);
    quantiles = new double[levels][];
    for (int k = 0; k < levels; k++) {
      quantiles[k] = nan(rows);
    }
    stressProbability = stress ? nan(rows) : null;
  }

  private static double[] nan(int n) {
    double[] a = new double[n];
    Arrays.fill(a, Double.NaN);
    return a;
  }

  /** True if this model forecast row i. */
  public boolean has(int i) {
    return !Double.isNaN(variance[i]);
  }

  public double variance(int i) {
    return variance[i];
  }

  public double quantile(int level, int i) {
    return quantiles[level][i];
  }

  public boolean hasStress() {
    return stressProbability != null;
  }

  public double stressProbability(int i) {
    return stressProbability[i];
  }
}

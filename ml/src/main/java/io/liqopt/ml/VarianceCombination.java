package io.liqopt.ml;

import io.liqopt.core.Checks;

/**
 * How the ML model's variance over one horizon combines its trees' forecast with the asset's
 * GARCH(1,1)-t forecast: log v = (1 − w)·log v<sub>ML</sub> + w·log v<sub>GARCH</sub> + c, a
 * geometric forecast combination (Bates and Granger 1969; Timmermann 2006, "Forecast combinations",
 * Handbook of Economic Forecasting) with w and c chosen on the calibration block to minimise QLIKE
 * (c in closed form for each w on a grid). Assets without a fitted GARCH get v<sub>ML</sub> alone.
 *
 * @param garchWeight w in [0, 1]
 * @param logScale c
 * @param rows calibration rows it was chosen on
 * @param qlike the calibration block's QLIKE at the chosen (w, c)
 * @param qlikeTreesOnly the calibration block's QLIKE of v<sub>ML</sub> alone
 */
public record VarianceCombination(
    double garchWeight, double logScale, int rows, double qlike, double qlikeTreesOnly) {
  /** The grid of w tried: 0, 0.05, …, 1. */
  public static final int GRID_STEPS = 20;

  /** Realised variance is floored here before QLIKE, as in the evaluation. */
  static final double RV_FLOOR = 1e-10;

  public VarianceCombination {
    Checks.inRange(garchWeight, 0, 1, "garchWeight");
    Checks.finite(logScale, "logScale");
  }

  /** The combined variance. */
  public double apply(double mlVariance, double garchVariance) {
    return Math.exp(
        (1 - garchWeight) * Math.log(mlVariance)
            + garchWeight * Math.log(garchVariance)
            + logScale);
  }

  /**
   * The QLIKE-optimal combination on a block: for each w on the grid, c = ln mean(RV / v_w) (the
   * QLIKE-optimal scale), and the (w, c) with the lowest mean QLIKE, RV/v − ln(RV/v) − 1.
   *
   * @throws IllegalArgumentException if the arrays differ in length, are empty or hold a
   *     non-positive forecast
   */
  public static VarianceCombination fit(
      double[] mlVariance, double[] garchVariance, double[] realisedVariance) {
    int n = realisedVariance.length;
    if (n == 0 || mlVariance.length != n || garchVariance.length != n) {
      throw new IllegalArgumentException(
          "variance combination needs one ML and one GARCH forecast"
              + " per realised variance, had "
              + mlVariance.length
              + ", "
              + garchVariance.length
              + ", "
              + n);
    }
    for (int i = 0; i < n; i++) {
      if (!(mlVariance[i] > 0) || !(garchVariance[i] > 0)) {
        throw new IllegalArgumentException("variance forecasts must be positive, row " + i);
      }
    }
    double bestW = 0;
    double bestC = 0;
    double best = Double.POSITIVE_INFINITY;
    double treesOnly = Double.NaN;
    double[] v = new double[n];
    for (int k = 0; k <= GRID_STEPS; k++) {
      double w = (double) k / GRID_STEPS;
      double ratio = 0;
      for (int i = 0; i < n; i++) {
        v[i] = Math.exp((1 - w) * Math.log(mlVariance[i]) + w * Math.log(garchVariance[i]));
        ratio += Math.max(realisedVariance[i], RV_FLOOR) / v[i];
      }
      double c = Math.log(ratio / n);
      double q = 0;
      for (int i = 0; i < n; i++) {
        double r = Math.max(realisedVariance[i], RV_FLOOR) / (v[i] * Math.exp(c));
        q += r - Math.log(r) - 1;
      }
      q /= n;
      if (k == 0) {
        treesOnly = q;
      }
      if (q < best) {
        best = q;
        bestW = w;
        bestC = c;
      }
    }
    return new VarianceCombination(bestW, bestC, n, best, treesOnly);
  }
}

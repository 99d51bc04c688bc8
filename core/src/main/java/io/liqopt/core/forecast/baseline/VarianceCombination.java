package io.liqopt.core.forecast.baseline;

import io.liqopt.core.Checks;

/**
 * A geometric combination of two variance forecasts over one horizon: log v = (1 − w)·log
 * v<sub>A</sub> + w·log v<sub>B</sub> + c (Bates and Granger 1969; Timmermann 2006, "Forecast
 * combinations", Handbook of Economic Forecasting), with w and c chosen on a calibration block to
 * minimise QLIKE (c in closed form for each w on a grid). The ML model combines its trees' forecast
 * (A) with the asset's GARCH(1,1)-t forecast (B); {@link CalibratedVarianceForecaster} combines HAR
 * (A) with GARCH (B), or calibrates one of them alone at a fixed w. The component names keep the ML
 * model's, since its bundles store this record as JSON by these names.
 *
 * @param garchWeight w in [0, 1], the weight of v<sub>B</sub>
 * @param logScale c
 * @param rows calibration rows it was chosen on
 * @param qlike the calibration block's QLIKE at the chosen (w, c)
 * @param qlikeTreesOnly the calibration block's QLIKE of v<sub>A</sub> alone (w = 0, at its best c)
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

  /** The combined variance of v<sub>A</sub> = {@code mlVariance}, v<sub>B</sub> = garch. */
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
   * @param mlVariance v<sub>A</sub> per row
   * @param garchVariance v<sub>B</sub> per row
   * @param realisedVariance RV per row (floored at {@link #RV_FLOOR})
   * @throws IllegalArgumentException if the arrays differ in length, are empty or hold a
   *     non-positive forecast
   */
  public static VarianceCombination fit(
      double[] mlVariance, double[] garchVariance, double[] realisedVariance) {
    check(mlVariance, garchVariance, realisedVariance);
    int n = realisedVariance.length;
    double bestW = 0;
    double bestC = 0;
    double best = Double.POSITIVE_INFINITY;
    double treesOnly = Double.NaN;
    double[] v = new double[n];
    double[] scaleAndQlike = new double[2];
    for (int k = 0; k <= GRID_STEPS; k++) {
      double w = (double) k / GRID_STEPS;
      levelFit(mlVariance, garchVariance, realisedVariance, w, v, scaleAndQlike);
      double q = scaleAndQlike[1];
      if (k == 0) {
        treesOnly = q;
      }
      if (q < best) {
        best = q;
        bestW = w;
        bestC = scaleAndQlike[0];
      }
    }
    return new VarianceCombination(bestW, bestC, n, best, treesOnly);
  }

  /**
   * The QLIKE-optimal level alone at a fixed weight: c = ln mean(RV / v_w) — the point w of the
   * grid {@link #fit} searches. With v<sub>A</sub> = v<sub>B</sub> it calibrates one forecast: v =
   * v<sub>A</sub>·e<sup>c</sup> whatever w.
   *
   * @throws IllegalArgumentException as {@link #fit}, or if w is outside [0, 1]
   */
  public static VarianceCombination fitLevel(
      double[] mlVariance, double[] garchVariance, double[] realisedVariance, double garchWeight) {
    check(mlVariance, garchVariance, realisedVariance);
    Checks.inRange(garchWeight, 0, 1, "garchWeight");
    double[] v = new double[realisedVariance.length];
    double[] atZero = new double[2];
    levelFit(mlVariance, garchVariance, realisedVariance, 0, v, atZero);
    double[] atW = new double[2];
    levelFit(mlVariance, garchVariance, realisedVariance, garchWeight, v, atW);
    return new VarianceCombination(garchWeight, atW[0], realisedVariance.length, atW[1], atZero[1]);
  }

  /** c and the mean QLIKE at weight w into {@code out}; {@code v} is scratch of the rows' size. */
  private static void levelFit(
      double[] mlVariance,
      double[] garchVariance,
      double[] realisedVariance,
      double w,
      double[] v,
      double[] out) {
    int n = realisedVariance.length;
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
    out[0] = c;
    out[1] = q / n;
  }

  private static void check(
      double[] mlVariance, double[] garchVariance, double[] realisedVariance) {
    int n = realisedVariance.length;
    if (n == 0 || mlVariance.length != n || garchVariance.length != n) {
      throw new IllegalArgumentException(
          "variance combination needs one forecast of each component"
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
  }
}

package io.liqopt.training.metrics;

import io.liqopt.core.Checks;

/**
 * Losses of a variance forecast h_t against a realised-variance proxy σ²_t (DESIGN.md "Forecasts":
 * the volatility forecast, compared on the variance scale):
 *
 * <pre>
 *   QLIKE:  L_t = σ²_t / h_t − log(σ²_t / h_t) − 1
 *   MSE:    L_t = (σ²_t − h_t)²
 * </pre>
 *
 * Both are "robust" in the sense of Patton (2011): the ranking of two forecasts they give with a
 * noisy but unbiased proxy σ²_t is the ranking they would give with the true variance. This
 * normalisation of QLIKE is ≥ 0 and equals 0 exactly when h_t = σ²_t. QLIKE penalises
 * under-prediction of variance more than over-prediction, which suits a risk engine.
 *
 * <p>Source: A. J. Patton (2011), "Volatility forecast comparison using imperfect volatility
 * proxies", Journal of Econometrics 160(1), 246–256, doi:10.1016/j.jeconom.2010.03.034 (the QLIKE
 * form above is the b = −2 member of his family of robust losses, MSE twice the b = 0 member).
 *
 * <p><b>Zero realised variance.</b> A realised variance of 0 (a bar range with no price change,
 * common for illiquid hours) makes QLIKE infinite. For QLIKE only, σ²_t is raised to {@link
 * #realisedVarianceFloor()} first; {@link VarianceScores#realisedFloored()} counts how often that
 * happened, so a reader can see whether such hours drive the mean. MSE uses the realised value as
 * given. The walk-forward evaluation does not rely on the floor: it leaves rows below it out of
 * every variance score (QLIKE, MSE, Mincer–Zarnowitz, Diebold–Mariano), for every model alike, and
 * counts them apart, so a flat hour neither dominates QLIKE nor enters the other scores. A forecast
 * h_t must be strictly positive: a zero or negative variance forecast is a model bug and is
 * refused, never floored.
 *
 * <p>Inputs are paired arrays of equal length, in the same units (squared log return over the
 * forecast horizon). Immutable, stateless and thread-safe.
 *
 * @param realisedVarianceFloor the least realised variance QLIKE uses, in squared log-return units;
 *     positive and finite
 */
public record VarianceLoss(double realisedVarianceFloor) {
  /**
   * A floor of 1e−10, a volatility of 1e−5 (0.1 bp) over the horizon: far below any real hourly
   * crypto variance (about 1e−5), so only truly flat observations are floored.
   */
  public static final VarianceLoss DEFAULT = new VarianceLoss(1e-10);

  public VarianceLoss {
    Checks.positiveFinite(realisedVarianceFloor, "realisedVarianceFloor");
  }

  /**
   * The per-observation QLIKE losses (formula in the class javadoc), each ≥ 0 and dimensionless.
   *
   * @param realisedVariance σ²_t, finite and ≥ 0 (values below the floor are raised to it)
   * @param forecastVariance h_t, finite and &gt; 0, same length
   * @throws IllegalArgumentException on empty, mismatched, non-finite or out-of-range input
   */
  public double[] qlikeLosses(double[] realisedVariance, double[] forecastVariance) {
    check(realisedVariance, forecastVariance);
    double[] loss = new double[realisedVariance.length];
    for (int t = 0; t < loss.length; t++) {
      double ratio = Math.max(realisedVariance[t], realisedVarianceFloor) / forecastVariance[t];
      // r − log r − 1 written as x − log1p(x), x = r − 1, which is accurate near r = 1
      double x = ratio - 1d;
      double l = x - Math.log1p(x);
      if (!Double.isFinite(l)) {
        throw new IllegalArgumentException(
            "QLIKE overflows at t = "
                + t
                + ": realised "
                + realisedVariance[t]
                + " against forecast "
                + forecastVariance[t]);
      }
      // exact arithmetic gives l >= 0; a rounding residue below zero means zero
      loss[t] = Math.max(0d, l);
    }
    return loss;
  }

  /** The mean QLIKE loss; see {@link #qlikeLosses}. */
  public double qlike(double[] realisedVariance, double[] forecastVariance) {
    return mean(qlikeLosses(realisedVariance, forecastVariance));
  }

  /**
   * The per-observation squared errors {@code (σ²_t − h_t)²}, in squared variance units.
   *
   * @throws IllegalArgumentException on empty, mismatched, non-finite or out-of-range input, or if
   *     a squared error overflows
   */
  public double[] squaredErrorLosses(double[] realisedVariance, double[] forecastVariance) {
    check(realisedVariance, forecastVariance);
    double[] loss = new double[realisedVariance.length];
    for (int t = 0; t < loss.length; t++) {
      double e = realisedVariance[t] - forecastVariance[t];
      loss[t] = e * e;
      if (!Double.isFinite(loss[t])) {
        throw new IllegalArgumentException("squared error overflows at t = " + t);
      }
    }
    return loss;
  }

  /** The mean squared error on variance; see {@link #squaredErrorLosses}. */
  public double mse(double[] realisedVariance, double[] forecastVariance) {
    return mean(squaredErrorLosses(realisedVariance, forecastVariance));
  }

  /** Mean QLIKE, MSE and the number of floored realised values, for a metrics report. */
  public VarianceScores score(double[] realisedVariance, double[] forecastVariance) {
    int floored = 0;
    for (double v : SampleChecks.finite(realisedVariance, "realisedVariance")) {
      if (v < realisedVarianceFloor) {
        floored++;
      }
    }
    return new VarianceScores(
        realisedVariance.length,
        qlike(realisedVariance, forecastVariance),
        mse(realisedVariance, forecastVariance),
        floored);
  }

  private static void check(double[] realisedVariance, double[] forecastVariance) {
    SampleChecks.nonNegative(realisedVariance, "realisedVariance");
    SampleChecks.positive(forecastVariance, "forecastVariance");
    SampleChecks.sameLength(
        realisedVariance.length, "realisedVariance", forecastVariance.length, "forecastVariance");
  }

  private static double mean(double[] x) {
    double sum = 0;
    for (double v : x) {
      sum += v;
    }
    return sum / x.length;
  }
}

package io.liqopt.core.forecast.baseline;

import java.util.Arrays;
import java.util.Objects;
import org.hipparchus.exception.MathIllegalArgumentException;
import org.hipparchus.stat.regression.OLSMultipleLinearRegression;

/**
 * The heterogeneous autoregressive model of realised variance, HAR-RV (Corsi 2009, "A Simple
 * Approximate Long-Memory Model of Realized Volatility", J. Financial Econometrics 7(2)), in logs
 * and fitted by ordinary least squares.
 *
 * <p>On hourly log returns r, the components at hour t are daily-scale realised variances:
 *
 * <pre>
 *   RV_d(t) = Σ_{i=0..23} r²_{t−i},   RV_w(t) = (1/7) Σ_{i=0..167} r²_{t−i},
 *   RV_m(t) = (1/30) Σ_{i=0..719} r²_{t−i},
 * </pre>
 *
 * and the target for horizon H hours is RV_H(t) = Σ_{k=1..H} r²_{t+k}. {@link #fit} regresses log
 * RV_H on [1, log RV_d, log RV_w, log RV_m] (Hipparchus {@link OLSMultipleLinearRegression}, QR
 * decomposition). Logs make the residuals close to normal and the forecasts positive (Corsi 2009,
 * §4; Andersen, Bollerslev, Diebold and Labys 2003). The estimator does not care how the components
 * were built, only that forecasts later use components built the same way.
 *
 * <p>Stateless and thread-safe.
 */
public final class HarRv {
  /** Coefficients b0, bd, bw, bm. */
  private static final int COEFFICIENTS = 4;

  /**
   * The fewest usable rows {@link #fit} accepts: one more than the coefficients, the least for
   * which the residual variance RSS / (n − 4) is defined. A forecast worth using needs hundreds.
   */
  public static final int MIN_ROWS = COEFFICIENTS + 1;

  /**
   * The QR pivot below which Hipparchus declares the design singular. The log components are of
   * order 10 and a usable design has pivots of order √n · their spread, so anything this small is
   * exact collinearity (a component constant or equal to another) up to rounding.
   */
  private static final double SINGULARITY_THRESHOLD = 1e-10;

  private HarRv() {}

  /**
   * Fits the HAR-RV regression in logs. The arrays are aligned by row (one row per time t). Rows
   * where any of the four values is NaN or not positive (a window crossing a data gap, an hour
   * without price change) are dropped; the rest must be finite.
   *
   * @param rvDaily RV_d(t)
   * @param rvWeekly RV_w(t)
   * @param rvMonthly RV_m(t)
   * @param targetRv RV_H(t), the realised variance of the following H hours
   * @throws IllegalArgumentException if the arrays differ in length, a value is +∞, fewer than
   *     {@link #MIN_ROWS} rows remain, or the regressors are collinear
   */
  public static HarRvFit fit(
      double[] rvDaily, double[] rvWeekly, double[] rvMonthly, double[] targetRv) {
    Objects.requireNonNull(rvDaily, "rvDaily");
    Objects.requireNonNull(rvWeekly, "rvWeekly");
    Objects.requireNonNull(rvMonthly, "rvMonthly");
    Objects.requireNonNull(targetRv, "targetRv");
    int rows = rvDaily.length;
    if (rvWeekly.length != rows || rvMonthly.length != rows || targetRv.length != rows) {
      throw new IllegalArgumentException(
          "HAR-RV arrays must have equal lengths, got "
              + rows
              + ", "
              + rvWeekly.length
              + ", "
              + rvMonthly.length
              + ", "
              + targetRv.length);
    }
    double[][] x = new double[rows][];
    double[] y = new double[rows];
    int used = logRows(rvDaily, rvWeekly, rvMonthly, targetRv, x, y);
    if (used < MIN_ROWS) {
      throw new IllegalArgumentException(
          "HAR-RV needs at least "
              + MIN_ROWS
              + " rows with positive, non-NaN values, got "
              + used
              + " of "
              + rows);
    }
    return regress(Arrays.copyOf(y, used), Arrays.copyOf(x, used));
  }

  /**
   * The regression rows in logs: writes [log RV_d, log RV_w, log RV_m] of each usable row t into
   * {@code x} and log RV_H into {@code y}, packed from index 0, and returns how many there are. A
   * row with a NaN or non-positive value is a gap and is skipped; an infinite value is an error.
   *
   * @throws IllegalArgumentException at the first row holding +∞
   */
  private static int logRows(
      double[] rvDaily,
      double[] rvWeekly,
      double[] rvMonthly,
      double[] targetRv,
      double[][] x,
      double[] y) {
    int used = 0;
    for (int t = 0; t < rvDaily.length; t++) {
      double d = rvDaily[t];
      double w = rvWeekly[t];
      double m = rvMonthly[t];
      double target = targetRv[t];
      if (d == Double.POSITIVE_INFINITY
          || w == Double.POSITIVE_INFINITY
          || m == Double.POSITIVE_INFINITY
          || target == Double.POSITIVE_INFINITY) {
        throw new IllegalArgumentException("HAR-RV row " + t + " holds an infinite value");
      }
      // !(v > 0) is true for NaN too: such rows are gaps, not errors
      if (!(d > 0) || !(w > 0) || !(m > 0) || !(target > 0)) {
        continue;
      }
      x[used] = new double[] {Math.log(d), Math.log(w), Math.log(m)};
      y[used] = Math.log(target);
      used++;
    }
    return used;
  }

  /**
   * Ordinary least squares of {@code y} on [1, x] (Hipparchus, QR), with the estimates' standard
   * errors, R² and residual variance.
   *
   * @throws IllegalArgumentException if the design is singular or the target constant
   */
  private static HarRvFit regress(double[] y, double[][] x) {
    int used = y.length;
    OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression(SINGULARITY_THRESHOLD);
    double[] beta;
    double[] standardErrors;
    double rSquared;
    double residualVariance;
    try {
      ols.newSampleData(y, x);
      beta = ols.estimateRegressionParameters();
      standardErrors = ols.estimateRegressionParametersStandardErrors();
      rSquared = ols.calculateRSquared();
      residualVariance = ols.estimateErrorVariance();
    } catch (MathIllegalArgumentException e) {
      throw new IllegalArgumentException(
          "HAR-RV regression failed on "
              + used
              + " rows (collinear or constant components?): "
              + e.getMessage(),
          e);
    }
    if (!Double.isFinite(rSquared)) {
      throw new IllegalArgumentException(
          "HAR-RV target is constant over the " + used + " usable rows: R² is undefined");
    }
    // an exact fit can leave R² a rounding error above 1 or RSS a rounding error below 0
    return new HarRvFit(
        beta[0],
        beta[1],
        beta[2],
        beta[3],
        standardErrors[0],
        standardErrors[1],
        standardErrors[2],
        standardErrors[3],
        Math.min(1, Math.max(0, rSquared)),
        used,
        Math.max(0, residualVariance));
  }
}

package io.liqopt.core.forecast.baseline;

import io.liqopt.core.Checks;

/**
 * A HAR-RV regression in logs fitted by OLS (see {@link HarRv}):
 *
 * <pre>
 *   log RV_H(t) = b0 + bd · log RV_d(t) + bw · log RV_w(t) + bm · log RV_m(t) + u_t,
 *   u_t ~ N(0, s²).
 * </pre>
 *
 * <p>Units: the RV arguments of the forecasts must be on the same scale as the data fitted (return²
 * summed or averaged per day, as {@link HarRv} describes); the variance forecast is on the scale of
 * the target.
 *
 * @param b0 the intercept
 * @param bd the coefficient of log RV_d (daily component)
 * @param bw the coefficient of log RV_w (weekly component)
 * @param bm the coefficient of log RV_m (monthly component)
 * @param b0StandardError the OLS standard error of b0 (homoskedastic formula s²(XᵀX)⁻¹)
 * @param bdStandardError the OLS standard error of bd
 * @param bwStandardError the OLS standard error of bw
 * @param bmStandardError the OLS standard error of bm
 * @param rSquared R² of the log regression, in [0, 1]
 * @param observationCount the rows used (after dropping NaN and non-positive rows)
 * @param residualVariance s² = RSS / (n − 4), the unbiased residual variance of the log model
 */
public record HarRvFit(
    double b0,
    double bd,
    double bw,
    double bm,
    double b0StandardError,
    double bdStandardError,
    double bwStandardError,
    double bmStandardError,
    double rSquared,
    int observationCount,
    double residualVariance) {

  public HarRvFit {
    finite(b0, "b0");
    finite(bd, "bd");
    finite(bw, "bw");
    finite(bm, "bm");
    Checks.nonNegativeFinite(b0StandardError, "b0StandardError");
    Checks.nonNegativeFinite(bdStandardError, "bdStandardError");
    Checks.nonNegativeFinite(bwStandardError, "bwStandardError");
    Checks.nonNegativeFinite(bmStandardError, "bmStandardError");
    Checks.inRange(rSquared, 0, 1, "rSquared");
    Checks.positive(observationCount, "observationCount");
    Checks.nonNegativeFinite(residualVariance, "residualVariance");
  }

  /**
   * The forecast of log RV_H: {@code b0 + bd log rvDaily + bw log rvWeekly + bm log rvMonthly}, the
   * conditional mean (and median) of log RV_H.
   *
   * @throws IllegalArgumentException if a component is not positive and finite
   */
  public double forecastLog(double rvDaily, double rvWeekly, double rvMonthly) {
    Checks.positiveFinite(rvDaily, "rvDaily");
    Checks.positiveFinite(rvWeekly, "rvWeekly");
    Checks.positiveFinite(rvMonthly, "rvMonthly");
    return b0 + bd * Math.log(rvDaily) + bw * Math.log(rvWeekly) + bm * Math.log(rvMonthly);
  }

  /**
   * The forecast of RV_H itself: {@code exp(forecastLog + ½ s²)}. If log RV_H is normal with mean m
   * and variance s², then E[RV_H] = exp(m + s²/2) (the log-normal mean); plain exp(m) is the median
   * and under-forecasts the mean variance by the factor exp(−s²/2).
   *
   * @throws IllegalArgumentException if a component is not positive and finite
   */
  public double forecastVariance(double rvDaily, double rvWeekly, double rvMonthly) {
    return Math.exp(forecastLog(rvDaily, rvWeekly, rvMonthly) + 0.5 * residualVariance);
  }

  private static void finite(double x, String name) {
    if (!Double.isFinite(x)) {
      throw new IllegalArgumentException(name + " must be finite, was " + x);
    }
  }
}

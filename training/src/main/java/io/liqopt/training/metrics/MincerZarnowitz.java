package io.liqopt.training.metrics;

import org.hipparchus.exception.MathRuntimeException;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.stat.regression.OLSMultipleLinearRegression;

/**
 * The Mincer–Zarnowitz regression of a realised quantity on its forecast,
 *
 * <pre>
 *   RV_t = a + b · F_t + e_t,
 * </pre>
 *
 * fitted by ordinary least squares (Hipparchus {@link OLSMultipleLinearRegression}). An unbiased
 * (efficient) forecast has a = 0 and b = 1; R² = 1 − Σ ê² / Σ (RV − mean RV)² measures how much of
 * the variation of the realised value the forecast explains.
 *
 * <p>The joint hypothesis a = 0, b = 1 is tested with the Wald statistic
 *
 * <pre>
 *   W = (β̂ − β₀)ᵀ V̂⁻¹ (β̂ − β₀),   β̂ = (a, b), β₀ = (0, 1),   W ~ χ²(2) asymptotically,
 *   V̂ = (XᵀX)⁻¹ Ŝ (XᵀX)⁻¹,
 *   Ŝ = Σ_t ê_t² x_t x_tᵀ + Σ_{j=1..L} w_j Σ_{t=j+1..n} ê_t ê_{t−j} (x_t x_{t−j}ᵀ + x_{t−j} x_tᵀ),
 * </pre>
 *
 * with x_t = (1, F_t), Bartlett weights w_j = 1 − j/(L+1) and truncation lag L: the Newey–West
 * heteroskedasticity and autocorrelation consistent covariance, without a small-sample (n / (n −
 * 2)) factor. L = 0 gives White's heteroskedasticity-consistent covariance (HC0). For h-step
 * forecasts sampled every step the errors overlap, and L = h − 1 is the usual choice.
 *
 * <p>Sources: J. Mincer and V. Zarnowitz (1969), "The Evaluation of Economic Forecasts", in
 * <i>Economic Forecasts and Expectations</i>, NBER, 3–46; W. K. Newey and K. D. West (1987),
 * Econometrica 55(3), 703–708 (the covariance Ŝ above); H. White (1980), Econometrica 48(4),
 * 817–838 (L = 0).
 *
 * <p>Stateless and thread-safe.
 */
public final class MincerZarnowitz {
  /**
   * A Wald statistic is reported only when the HAC covariance is clearly invertible: when 1 − ρ² (ρ
   * the correlation of â and b̂ it implies) exceeds this. Below it (e.g. a perfect fit, zero
   * residuals) the statistic is undefined and reported as null.
   */
  private static final double MIN_ONE_MINUS_RHO_SQUARED = 1e-12;

  private MincerZarnowitz() {}

  /**
   * The fit with White (L = 0) covariance for the Wald test; see {@link #fit(double[], double[],
   * int)}.
   */
  public static MincerZarnowitzFit fit(double[] realised, double[] forecast) {
    return fit(realised, forecast, 0);
  }

  /**
   * Fits the regression and the Wald test of a = 0, b = 1 (formulas in the class javadoc).
   *
   * @param realised RV_t, finite, at least 3 observations, not all equal
   * @param forecast F_t, finite, same length, not all equal
   * @param neweyWestLag the truncation lag L of the HAC covariance, in [0, n − 1]
   * @return a, b, R², n and the Wald statistic and χ²(2) p-value (null when undefined)
   * @throws IllegalArgumentException on empty, mismatched or non-finite input, fewer than 3
   *     observations, a constant realised or forecast series, or a lag outside [0, n − 1]
   */
  public static MincerZarnowitzFit fit(double[] realised, double[] forecast, int neweyWestLag) {
    SampleChecks.finite(realised, "realised");
    SampleChecks.finite(forecast, "forecast");
    SampleChecks.sameLength(realised.length, "realised", forecast.length, "forecast");
    int n = realised.length;
    if (n < 3) {
      throw new IllegalArgumentException(
          "a Mincer-Zarnowitz regression needs at least 3 observations, got " + n);
    }
    if (neweyWestLag < 0 || neweyWestLag >= n) {
      throw new IllegalArgumentException(
          "neweyWestLag must be in [0, n - 1] = [0, " + (n - 1) + "], was " + neweyWestLag);
    }
    requireVariation(forecast, "forecast");
    requireVariation(realised, "realised");

    double[][] x = new double[n][1];
    for (int t = 0; t < n; t++) {
      x[t][0] = forecast[t];
    }
    OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
    double[] beta;
    double[] residuals;
    double rSquared;
    RealMatrix bread;
    try {
      ols.newSampleData(realised, x);
      beta = ols.estimateRegressionParameters();
      residuals = ols.estimateResiduals();
      rSquared = ols.calculateRSquared();
      // (XᵀX)⁻¹: Hipparchus returns the parameter covariance without the σ² factor
      bread = MatrixUtils.createRealMatrix(ols.estimateRegressionParametersVariance());
    } catch (MathRuntimeException e) {
      throw new IllegalArgumentException(
          "the Mincer-Zarnowitz regression is singular: " + e.getMessage(), e);
    }
    // rounding can push R² a hair outside [0, 1] for (near-)perfect or useless fits
    rSquared = Math.min(1d, Math.max(0d, rSquared));

    RealMatrix covariance = bread.multiply(meat(forecast, residuals, neweyWestLag)).multiply(bread);
    Double wald = wald(beta[0], beta[1] - 1d, covariance);
    Double pValue = wald == null ? null : PValues.chiSquaredUpperTail(wald, 2);
    return new MincerZarnowitzFit(n, beta[0], beta[1], rSquared, neweyWestLag, wald, pValue);
  }

  /** Ŝ of the class javadoc, for x_t = (1, F_t). */
  private static RealMatrix meat(double[] forecast, double[] e, int lag) {
    int n = forecast.length;
    double s00 = 0;
    double s01 = 0;
    double s11 = 0;
    for (int t = 0; t < n; t++) {
      double e2 = e[t] * e[t];
      s00 += e2;
      s01 += e2 * forecast[t];
      s11 += e2 * forecast[t] * forecast[t];
    }
    for (int j = 1; j <= lag; j++) {
      double w = NeweyWest.bartlettWeight(j, lag);
      for (int t = j; t < n; t++) {
        double ee = w * e[t] * e[t - j];
        // x_t x_{t−j}ᵀ + x_{t−j} x_tᵀ for x = (1, F)
        s00 += ee * 2d;
        s01 += ee * (forecast[t] + forecast[t - j]);
        s11 += ee * 2d * forecast[t] * forecast[t - j];
      }
    }
    return MatrixUtils.createRealMatrix(new double[][] {{s00, s01}, {s01, s11}});
  }

  /** δᵀ V⁻¹ δ for δ = (d0, d1) and a 2 × 2 covariance V, or null if V is not clearly invertible. */
  private static Double wald(double d0, double d1, RealMatrix v) {
    double v00 = v.getEntry(0, 0);
    double v11 = v.getEntry(1, 1);
    double v01 = 0.5 * (v.getEntry(0, 1) + v.getEntry(1, 0));
    double det = v00 * v11 - v01 * v01;
    if (!(v00 > 0 && v11 > 0 && det > MIN_ONE_MINUS_RHO_SQUARED * v00 * v11)) {
      return null;
    }
    double w = (d0 * d0 * v11 - 2d * d0 * d1 * v01 + d1 * d1 * v00) / det;
    return Double.isFinite(w) ? Math.max(0d, w) : null;
  }

  private static void requireVariation(double[] x, String name) {
    for (double v : x) {
      if (v != x[0]) {
        return;
      }
    }
    throw new IllegalArgumentException(
        name + " is constant (" + x[0] + "): the Mincer-Zarnowitz regression is undefined");
  }
}

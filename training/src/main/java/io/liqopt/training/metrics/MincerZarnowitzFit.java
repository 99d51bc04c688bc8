package io.liqopt.training.metrics;

import io.liqopt.core.Checks;

/**
 * The Mincer–Zarnowitz regression {@code RV = a + b·F + e} of one model on one sample (see {@link
 * MincerZarnowitz}). Serialises to JSON without NaN: undefined values are null.
 *
 * @param n the number of observations, &ge; 3
 * @param intercept a, in the units of the realised quantity (0 for an unbiased forecast)
 * @param slope b, dimensionless (1 for an unbiased forecast)
 * @param rSquared R² of the regression, in [0, 1]
 * @param neweyWestLag the truncation lag L of the HAC covariance behind the Wald test, &ge; 0
 * @param waldStatistic the Wald statistic of a = 0, b = 1, &ge; 0; null when the HAC covariance is
 *     singular (e.g. a perfect fit)
 * @param waldPValue P(χ²(2) &ge; W), in [0, 1]; null exactly when the statistic is
 */
public record MincerZarnowitzFit(
    int n,
    double intercept,
    double slope,
    double rSquared,
    int neweyWestLag,
    Double waldStatistic,
    Double waldPValue) {
  public MincerZarnowitzFit {
    if (n < 3) {
      throw new IllegalArgumentException("n must be at least 3, was " + n);
    }
    SampleChecks.finite(intercept, "intercept");
    SampleChecks.finite(slope, "slope");
    Checks.inRange(rSquared, 0, 1, "rSquared");
    if (neweyWestLag < 0 || neweyWestLag >= n) {
      throw new IllegalArgumentException("neweyWestLag must be in [0, n - 1], was " + neweyWestLag);
    }
    if ((waldStatistic == null) != (waldPValue == null)) {
      throw new IllegalArgumentException(
          "waldStatistic and waldPValue must be both null or both set");
    }
    if (waldStatistic != null) {
      Checks.nonNegativeFinite(waldStatistic, "waldStatistic");
      Checks.inRange(waldPValue, 0, 1, "waldPValue");
    }
  }
}

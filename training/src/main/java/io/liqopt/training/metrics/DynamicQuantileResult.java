package io.liqopt.training.metrics;

import io.liqopt.core.Checks;

/**
 * The result of a {@link DynamicQuantileTest}. Serialises to JSON without NaN: a statistic and its
 * p-value are null when the regressors are collinear on the sample (no hit among the lagged hits, a
 * forecast that does not vary) or, for the HAC form, when its covariance is singular.
 *
 * @param n the observations in the regression (those whose lagged hits are all in the sample)
 * @param hits the hits among them, in [0, n]
 * @param expectedRate the nominal hit probability p, in (0, 1)
 * @param firstLag the first lag of the hits regressed on, in observation steps, &ge; 1
 * @param lagCount the number K of lagged hits, &ge; 0
 * @param hacLag the Bartlett truncation lag of the HAC form, in [0, n − 1]
 * @param degreesOfFreedom K + 2, the number of regressors
 * @param statistic Engle and Manganelli's DQ, &ge; 0, or null
 * @param pValue P(χ²(K + 2) &ge; DQ), or null with it
 * @param hacStatistic the HAC Wald form, &ge; 0, or null
 * @param hacPValue P(χ²(K + 2) &ge; DQ_HAC), or null with it
 */
public record DynamicQuantileResult(
    int n,
    int hits,
    double expectedRate,
    int firstLag,
    int lagCount,
    int hacLag,
    int degreesOfFreedom,
    Double statistic,
    Double pValue,
    Double hacStatistic,
    Double hacPValue) {
  public DynamicQuantileResult {
    if (lagCount < 0 || degreesOfFreedom != lagCount + 2) {
      throw new IllegalArgumentException(
          "lagCount must be >= 0 and degreesOfFreedom = lagCount + 2, were "
              + lagCount
              + " and "
              + degreesOfFreedom);
    }
    if (n <= degreesOfFreedom) {
      throw new IllegalArgumentException(
          "n must exceed the " + degreesOfFreedom + " regressors, was " + n);
    }
    if (hits < 0 || hits > n) {
      throw new IllegalArgumentException("hits must be in [0, " + n + "], was " + hits);
    }
    if (!(expectedRate > 0 && expectedRate < 1)) {
      throw new IllegalArgumentException("expectedRate must be in (0, 1), was " + expectedRate);
    }
    Checks.positive(firstLag, "firstLag");
    if (hacLag < 0 || hacLag >= n) {
      throw new IllegalArgumentException("hacLag must be in [0, n - 1], was " + hacLag);
    }
    pair(statistic, pValue, "statistic");
    pair(hacStatistic, hacPValue, "hacStatistic");
  }

  private static void pair(Double statistic, Double pValue, String name) {
    if ((statistic == null) != (pValue == null)) {
      throw new IllegalArgumentException(name + " and its p-value must be both null or both set");
    }
    if (statistic != null) {
      Checks.nonNegativeFinite(statistic, name);
      Checks.inRange(pValue, 0, 1, name + " p-value");
    }
  }
}

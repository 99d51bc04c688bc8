package io.liqopt.training.metrics;

import io.liqopt.core.Checks;

/**
 * The result of a {@link HitRateTest}: the hit rate over every observation and its t statistic
 * against the nominal rate with a HAC standard error. Serialises to JSON without NaN: the statistic
 * and p-value are null when the long-run variance is zero (no hit at all, or a hit every time).
 *
 * @param n the number of observations, &ge; 2
 * @param hits Σ I_t: the number of hits (for a pooled series of hit shares, the sum of the shares)
 * @param rate π̂ = hits / n, in [0, 1]
 * @param expectedRate the nominal hit probability p = 1 − α, in (0, 1)
 * @param lag the Bartlett truncation lag L of the long-run variance, in [0, n − 1]
 * @param longRunVariance the Newey–West long-run variance of I_t, &ge; 0
 * @param statistic t = (π̂ − p) / sqrt(LRV / n), or null
 * @param pValue the two-sided p-value of t under N(0, 1), or null with it
 */
public record HitRateTestResult(
    int n,
    double hits,
    double rate,
    double expectedRate,
    int lag,
    double longRunVariance,
    Double statistic,
    Double pValue) {
  public HitRateTestResult {
    if (n < 2) {
      throw new IllegalArgumentException("n must be at least 2, was " + n);
    }
    Checks.inRange(hits, 0, n, "hits");
    Checks.inRange(rate, 0, 1, "rate");
    if (!(expectedRate > 0 && expectedRate < 1)) {
      throw new IllegalArgumentException("expectedRate must be in (0, 1), was " + expectedRate);
    }
    if (lag < 0 || lag >= n) {
      throw new IllegalArgumentException("lag must be in [0, n - 1], was " + lag);
    }
    Checks.nonNegativeFinite(longRunVariance, "longRunVariance");
    if ((statistic == null) != (pValue == null)) {
      throw new IllegalArgumentException("statistic and pValue must be both null or both set");
    }
    if (statistic != null) {
      SampleChecks.finite(statistic, "statistic");
      Checks.inRange(pValue, 0, 1, "pValue");
    }
  }
}

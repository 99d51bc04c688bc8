package io.liqopt.training.metrics;

import io.liqopt.core.Checks;

/**
 * The result of a Diebold–Mariano comparison of model 1 against model 2 (see {@link
 * DieboldMariano}). Negative statistics mean model 1 has the lower loss. Serialises to JSON without
 * NaN: undefined values are null.
 *
 * @param n the number of paired losses, &ge; 2
 * @param horizonSteps the forecast horizon h in observation steps, &ge; 1
 * @param lag the truncation lag L of the long-run variance, in [0, n − 1]
 * @param kernel the lag window of the long-run variance (see {@link DieboldMariano})
 * @param meanLossDifference d̄ = mean(L1 − L2), in loss units
 * @param longRunVariance the long-run variance of d, in squared loss units, &ge; 0
 * @param statistic DM = d̄ / sqrt(LRV / n); null when the loss difference is constant (up to
 *     rounding), so that LRV = 0: identical losses, or one model always better by the same amount
 * @param pValue the two-sided p-value of DM under N(0, 1); null with the statistic
 * @param hlnStatistic the Harvey–Leybourne–Newbold corrected statistic; null when DM is, or when h
 *     is too large for n
 * @param hlnPValue the two-sided p-value of the HLN statistic under t(n − 1); null with it
 */
public record DieboldMarianoComparison(
    int n,
    int horizonSteps,
    int lag,
    LongRunKernel kernel,
    double meanLossDifference,
    double longRunVariance,
    Double statistic,
    Double pValue,
    Double hlnStatistic,
    Double hlnPValue) {
  public DieboldMarianoComparison {
    if (n < 2) {
      throw new IllegalArgumentException("n must be at least 2, was " + n);
    }
    Checks.positive(horizonSteps, "horizonSteps");
    if (lag < 0 || lag >= n) {
      throw new IllegalArgumentException("lag must be in [0, n - 1], was " + lag);
    }
    java.util.Objects.requireNonNull(kernel, "kernel");
    SampleChecks.finite(meanLossDifference, "meanLossDifference");
    Checks.nonNegativeFinite(longRunVariance, "longRunVariance");
    pair(statistic, pValue, "statistic", "pValue");
    pair(hlnStatistic, hlnPValue, "hlnStatistic", "hlnPValue");
    if (statistic == null && hlnStatistic != null) {
      throw new IllegalArgumentException("hlnStatistic needs a statistic");
    }
  }

  private static void pair(Double statistic, Double pValue, String statName, String pName) {
    if ((statistic == null) != (pValue == null)) {
      throw new IllegalArgumentException(
          statName + " and " + pName + " must be both null or both set");
    }
    if (statistic != null) {
      SampleChecks.finite(statistic, statName);
      Checks.inRange(pValue, 0, 1, pName);
    }
  }
}

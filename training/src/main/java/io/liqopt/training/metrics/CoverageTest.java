package io.liqopt.training.metrics;

import io.liqopt.core.Checks;

/**
 * The result of the VaR coverage backtests of one quantile forecast on one sample (see {@link
 * CoverageTests} for the formulas). Serialises to JSON without NaN: the independence and
 * conditional-coverage fields are null when n = 1 (no transition to count).
 *
 * @param n the number of observations, &ge; 1
 * @param exceedances the number of exceedances x, in [0, n]
 * @param rate the observed exceedance rate x / n
 * @param expectedRate the nominal exceedance probability p = 1 − α, in (0, 1)
 * @param lrPof Kupiec's proportion-of-failures statistic LR_pof, &ge; 0
 * @param pPof P(χ²(1) &ge; LR_pof)
 * @param lrInd Christoffersen's independence statistic LR_ind, &ge; 0, or null
 * @param pInd P(χ²(1) &ge; LR_ind), or null
 * @param lrCc the conditional-coverage statistic LR_cc = LR_pof + LR_ind, or null
 * @param pCc P(χ²(2) &ge; LR_cc), or null
 * @param n00 transitions no exceedance → no exceedance
 * @param n01 transitions no exceedance → exceedance
 * @param n10 transitions exceedance → no exceedance
 * @param n11 transitions exceedance → exceedance (n00 + n01 + n10 + n11 = n − 1)
 */
public record CoverageTest(
    int n,
    int exceedances,
    double rate,
    double expectedRate,
    double lrPof,
    double pPof,
    Double lrInd,
    Double pInd,
    Double lrCc,
    Double pCc,
    int n00,
    int n01,
    int n10,
    int n11) {
  public CoverageTest {
    Checks.positive(n, "n");
    if (exceedances < 0 || exceedances > n) {
      throw new IllegalArgumentException(
          "exceedances must be in [0, " + n + "], was " + exceedances);
    }
    Checks.inRange(rate, 0, 1, "rate");
    if (!(expectedRate > 0 && expectedRate < 1)) {
      throw new IllegalArgumentException("expectedRate must be in (0, 1), was " + expectedRate);
    }
    Checks.nonNegativeFinite(lrPof, "lrPof");
    Checks.inRange(pPof, 0, 1, "pPof");
    if (n00 < 0 || n01 < 0 || n10 < 0 || n11 < 0 || n00 + n01 + n10 + n11 != n - 1) {
      throw new IllegalArgumentException(
          "transition counts must be non-negative and sum to n - 1 = "
              + (n - 1)
              + ", were "
              + n00
              + ", "
              + n01
              + ", "
              + n10
              + ", "
              + n11);
    }
    boolean defined = n >= 2;
    if (defined != (lrInd != null)
        || defined != (pInd != null)
        || defined != (lrCc != null)
        || defined != (pCc != null)) {
      throw new IllegalArgumentException(
          "the independence and conditional-coverage fields are set exactly when n >= 2");
    }
    if (defined) {
      Checks.nonNegativeFinite(lrInd, "lrInd");
      Checks.inRange(pInd, 0, 1, "pInd");
      Checks.nonNegativeFinite(lrCc, "lrCc");
      Checks.inRange(pCc, 0, 1, "pCc");
    }
  }
}

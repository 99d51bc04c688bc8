package io.liqopt.training.metrics;

/**
 * Backtests of a value-at-risk (adverse-move quantile) forecast from its exceedance sequence I_t =
 * 1{realised_t &gt; forecast α-quantile_t}, whose nominal probability is p = 1 − α.
 *
 * <p><b>Unconditional coverage</b> (Kupiec 1995, "proportion of failures"): with x exceedances in n
 * observations and π̂ = x / n,
 *
 * <pre>
 *   LR_pof = −2 ln[(1 − p)^(n−x) p^x] + 2 ln[(1 − π̂)^(n−x) π̂^x]  ~ χ²(1).
 * </pre>
 *
 * <p><b>Independence</b> (Christoffersen 1998): with n_ij the number of t in 2..n with I_{t−1} = i
 * and I_t = j, π̂01 = n01 / (n00 + n01), π̂11 = n11 / (n10 + n11) and π̂ = (n01 + n11) / (n − 1),
 *
 * <pre>
 *   LR_ind = −2 ln[(1 − π̂)^(n00+n10) π̂^(n01+n11)]
 *            + 2 ln[(1 − π̂01)^n00 π̂01^n01 (1 − π̂11)^n10 π̂11^n11]  ~ χ²(1),
 *   LR_cc  = LR_pof + LR_ind  ~ χ²(2)   (conditional coverage).
 * </pre>
 *
 * <p><b>Edge cases.</b> Every term is computed with the convention 0 · ln 0 = 0 (the likelihood of
 * an event that never happened does not depend on its probability), so the statistics are finite
 * for any sequence: with no exceedances LR_pof = −2n ln(1 − p) and LR_ind = 0; with only
 * exceedances LR_pof = −2n ln p and LR_ind = 0; when a state is never left or never entered its
 * transition probability is not estimable but its terms have zero count and drop out. The
 * independence and conditional-coverage statistics need at least one transition; for n = 1 they are
 * reported as null. Statistics are clamped at 0 against rounding (exactly they are ≥ 0).
 *
 * <p>Sources: P. H. Kupiec (1995), "Techniques for Verifying the Accuracy of Risk Measurement
 * Models", Journal of Derivatives 3(2), 73–84; P. F. Christoffersen (1998), "Evaluating Interval
 * Forecasts", International Economic Review 39(4), 841–862.
 *
 * <p>Stateless and thread-safe.
 */
public final class CoverageTests {
  private CoverageTests() {}

  /**
   * The exceedance sequence {@code I_t = realised_t > quantileForecast_t} (a realised adverse move
   * larger than the forecast quantile; equality is not an exceedance).
   *
   * @throws IllegalArgumentException on empty, mismatched or non-finite input
   */
  public static boolean[] exceedances(double[] realised, double[] quantileForecast) {
    SampleChecks.finite(realised, "realised");
    SampleChecks.finite(quantileForecast, "quantileForecast");
    SampleChecks.sameLength(
        realised.length, "realised", quantileForecast.length, "quantileForecast");
    boolean[] hit = new boolean[realised.length];
    for (int t = 0; t < hit.length; t++) {
      hit[t] = realised[t] > quantileForecast[t];
    }
    return hit;
  }

  /**
   * Runs the Kupiec and Christoffersen tests (formulas in the class javadoc).
   *
   * @param exceedances I_t in time order, at least one observation
   * @param expectedRate the nominal exceedance probability p = 1 − α, in (0, 1)
   * @return counts, rates, LR statistics and their χ² p-values
   * @throws IllegalArgumentException if the sequence is null or empty or p is outside (0, 1)
   */
  public static CoverageTest test(boolean[] exceedances, double expectedRate) {
    SampleChecks.nonEmpty(exceedances, "exceedances");
    if (!(expectedRate > 0 && expectedRate < 1)) {
      throw new IllegalArgumentException("expectedRate must be in (0, 1), was " + expectedRate);
    }
    int n = exceedances.length;
    int x = 0;
    for (boolean e : exceedances) {
      x += e ? 1 : 0;
    }
    double rate = (double) x / n;
    double lrPof =
        Math.max(
            0d,
            2d
                * (xLogRatio(n - x, 1d - rate, 1d - expectedRate)
                    + xLogRatio(x, rate, expectedRate)));
    double pPof = PValues.chiSquaredUpperTail(lrPof, 1);

    int[][] count = new int[2][2];
    for (int t = 1; t < n; t++) {
      count[exceedances[t - 1] ? 1 : 0][exceedances[t] ? 1 : 0]++;
    }
    Double lrInd = null;
    Double pInd = null;
    Double lrCc = null;
    Double pCc = null;
    if (n >= 2) {
      int n00 = count[0][0];
      int n01 = count[0][1];
      int n10 = count[1][0];
      int n11 = count[1][1];
      double pi = (double) (n01 + n11) / (n - 1);
      // a state with no visits has zero counts, so its (undefined) probability never enters
      double pi01 = n00 + n01 == 0 ? 0d : (double) n01 / (n00 + n01);
      double pi11 = n10 + n11 == 0 ? 0d : (double) n11 / (n10 + n11);
      double ind =
          2d
              * (xLogRatio(n00, 1d - pi01, 1d - pi)
                  + xLogRatio(n01, pi01, pi)
                  + xLogRatio(n10, 1d - pi11, 1d - pi)
                  + xLogRatio(n11, pi11, pi));
      lrInd = Math.max(0d, ind);
      pInd = PValues.chiSquaredUpperTail(lrInd, 1);
      lrCc = lrPof + lrInd;
      pCc = PValues.chiSquaredUpperTail(lrCc, 2);
    }
    return new CoverageTest(
        n,
        x,
        rate,
        expectedRate,
        lrPof,
        pPof,
        lrInd,
        pInd,
        lrCc,
        pCc,
        count[0][0],
        count[0][1],
        count[1][0],
        count[1][1]);
  }

  /**
   * {@code k · ln(estimated / nominal)}, with 0 · ln(anything) = 0. When k &gt; 0 both
   * probabilities are positive: the estimate because it counts those k events, the nominal one
   * because it is either p ∈ (0, 1) or a pooled estimate that includes them.
   */
  private static double xLogRatio(int k, double estimated, double nominal) {
    return k == 0 ? 0d : k * Math.log(estimated / nominal);
  }
}

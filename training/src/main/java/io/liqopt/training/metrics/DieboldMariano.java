package io.liqopt.training.metrics;

import io.liqopt.core.Checks;

/**
 * The Diebold–Mariano test of equal predictive accuracy of two forecasts, from their
 * per-observation losses L1_t and L2_t on the same targets (e.g. {@link VarianceLoss#qlikeLosses}
 * or {@link PinballLoss#losses} of two models):
 *
 * <pre>
 *   d_t = L1_t − L2_t,   d̄ = (1/n) Σ d_t,
 *   DM  = d̄ / sqrt(LRV(d) / n)   ~ N(0, 1) under H0: E[d] = 0,
 * </pre>
 *
 * with LRV a long-run variance of d at truncation lag L ({@link NeweyWest}). For h-step forecasts
 * the loss differences are serially correlated up to lag h − 1. Two estimators:
 *
 * <ul>
 *   <li>{@link #test(double[], double[], int)}: the Bartlett kernel at L = h − 1 (non-negative, but
 *       its weights 1 − j/h shrink the lags that overlap, so it understates LRV when they are
 *       positive);
 *   <li>{@link #testTruncated}: Diebold and Mariano's original rectangular (truncated) kernel at L
 *       = h − 1, Σ_{|j| ≤ h−1} γ̂_j, which is unbiased for an MA(h − 1) difference; when it is not
 *       positive (it can be negative in a sample), the Bartlett kernel at L = 2h (at most n − 1)
 *       instead. The result names the kernel and lag used.
 * </ul>
 *
 * <p>The Harvey–Leybourne–Newbold small-sample version is
 *
 * <pre>
 *   DM* = DM · sqrt((n + 1 − 2h + h(h − 1)/n) / n)   compared with Student's t(n − 1).
 * </pre>
 *
 * <p><b>Sign convention:</b> a negative statistic means model 1 has the lower mean loss (model 1 is
 * better); the p-values are two-sided.
 *
 * <p>Sources: F. X. Diebold and R. S. Mariano (1995), "Comparing Predictive Accuracy", Journal of
 * Business and Economic Statistics 13(3), 253–263; D. Harvey, S. Leybourne and P. Newbold (1997),
 * "Testing the equality of prediction mean squared errors", International Journal of Forecasting
 * 13(2), 281–291. HLN derived their factor for the truncated (rectangular) variance of the original
 * DM test; applying it to a Bartlett-weighted variance is the common practice, not their exact
 * result.
 *
 * <p>Stateless and thread-safe.
 */
public final class DieboldMariano {
  /**
   * The statistic is undefined when sqrt(LRV) is below this fraction of max |d_t|: the loss
   * difference is then constant up to rounding (e.g. identical losses, or one model always better
   * by the same amount), and d̄ / sqrt(LRV / n) would only divide by rounding noise.
   */
  private static final double NEGLIGIBLE_RELATIVE_SPREAD = 1e-10;

  private DieboldMariano() {}

  /**
   * The test for h-step forecasts with the Bartlett kernel at the default truncation lag L = h − 1.
   *
   * @see #test(double[], double[], int, int)
   */
  public static DieboldMarianoComparison test(double[] loss1, double[] loss2, int horizonSteps) {
    Checks.positive(horizonSteps, "horizonSteps");
    return test(loss1, loss2, horizonSteps, horizonSteps - 1);
  }

  /**
   * Runs the test with the Bartlett (Newey–West) long-run variance (formulas in the class javadoc).
   *
   * @param loss1 the per-observation losses of model 1, finite, in time order, at least 2
   * @param loss2 the losses of model 2 on the same targets, same length
   * @param horizonSteps the forecast horizon h in observation steps, &ge; 1 (enters the HLN factor)
   * @param lag the Bartlett truncation lag L, in [0, n − 1]
   * @return the mean loss difference, its long-run variance and both statistics with their
   *     two-sided p-values (null when undefined: a loss difference that is constant up to rounding,
   *     so a zero long-run variance, or an HLN factor that is not positive because h is too large
   *     for n)
   * @throws IllegalArgumentException on empty, mismatched or non-finite input, n &lt; 2, h &lt; 1
   *     or a lag outside [0, n − 1]
   */
  public static DieboldMarianoComparison test(
      double[] loss1, double[] loss2, int horizonSteps, int lag) {
    double[] d = differences(loss1, loss2, horizonSteps);
    double lrv = NeweyWest.longRunVariance(d, lag);
    return compare(d, horizonSteps, lag, LongRunKernel.BARTLETT, lrv);
  }

  /**
   * The test with Diebold and Mariano's rectangular long-run variance at L = h − 1, or, when that
   * is not positive, the Bartlett one at L = min(2h, n − 1) (formulas in the class javadoc).
   *
   * @param loss1 the per-observation losses of model 1, finite, in time order, at least 2
   * @param loss2 the losses of model 2 on the same targets, same length
   * @param horizonSteps the forecast horizon h in observation steps, in [1, n]
   * @return as {@link #test(double[], double[], int, int)}, with the kernel and lag used
   * @throws IllegalArgumentException on empty, mismatched or non-finite input, n &lt; 2, or h
   *     outside [1, n]
   */
  public static DieboldMarianoComparison testTruncated(
      double[] loss1, double[] loss2, int horizonSteps) {
    double[] d = differences(loss1, loss2, horizonSteps);
    int lag = horizonSteps - 1;
    double rectangular = NeweyWest.longRunVariance(d, lag, LongRunKernel.RECTANGULAR);
    if (rectangular > 0 && !negligible(rectangular, d)) {
      return compare(d, horizonSteps, lag, LongRunKernel.RECTANGULAR, rectangular);
    }
    int fallback = Math.min(2 * horizonSteps, d.length - 1);
    return compare(
        d, horizonSteps, fallback, LongRunKernel.BARTLETT, NeweyWest.longRunVariance(d, fallback));
  }

  /** d_t = L1_t − L2_t after the input checks. */
  private static double[] differences(double[] loss1, double[] loss2, int horizonSteps) {
    SampleChecks.finite(loss1, "loss1");
    SampleChecks.finite(loss2, "loss2");
    SampleChecks.sameLength(loss1.length, "loss1", loss2.length, "loss2");
    Checks.positive(horizonSteps, "horizonSteps");
    int n = loss1.length;
    if (n < 2) {
      throw new IllegalArgumentException("the Diebold-Mariano test needs at least 2 observations");
    }
    double[] d = new double[n];
    for (int t = 0; t < n; t++) {
      d[t] = loss1[t] - loss2[t];
      if (!Double.isFinite(d[t])) {
        throw new IllegalArgumentException("loss difference overflows at t = " + t);
      }
    }
    return d;
  }

  /** True if sqrt(lrv) is rounding noise beside the loss differences (see the constant). */
  private static boolean negligible(double lrv, double[] d) {
    double maxAbs = 0;
    for (double v : d) {
      maxAbs = Math.max(maxAbs, Math.abs(v));
    }
    return !(Math.sqrt(lrv) > NEGLIGIBLE_RELATIVE_SPREAD * maxAbs);
  }

  /** The statistics of the class javadoc from d and its long-run variance. */
  private static DieboldMarianoComparison compare(
      double[] d, int horizonSteps, int lag, LongRunKernel kernel, double lrv) {
    int n = d.length;
    double sum = 0;
    for (double v : d) {
      sum += v;
    }
    double mean = sum / n;
    Double dm = null;
    Double p = null;
    Double hln = null;
    Double pHln = null;
    double standardError = Math.sqrt(lrv / n);
    if (!negligible(lrv, d) && Double.isFinite(mean / standardError)) {
      dm = mean / standardError;
      p = PValues.normalTwoSided(dm);
      double h = horizonSteps;
      double factor = (n + 1 - 2 * h + h * (h - 1) / n) / n;
      if (factor > 0) {
        hln = dm * Math.sqrt(factor);
        pHln = PValues.studentTwoSided(hln, n - 1);
      }
    }
    return new DieboldMarianoComparison(n, horizonSteps, lag, kernel, mean, lrv, dm, p, hln, pHln);
  }
}

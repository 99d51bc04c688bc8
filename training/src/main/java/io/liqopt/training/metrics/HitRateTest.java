package io.liqopt.training.metrics;

/**
 * A test of unconditional coverage that uses every observation although the hits overlap: with hits
 * I_t = 1{realised_t &gt; forecast α-quantile_t} over t = 1..n and nominal rate p = 1 − α,
 *
 * <pre>
 *   π̂   = (1/n) Σ_t I_t,
 *   t   = (π̂ − p) / sqrt(LRV / n)   ~ N(0, 1) under H0: E[I_t] = p,
 * </pre>
 *
 * with LRV the Newey–West (Bartlett) long-run variance of I_t − p at truncation lag L ({@link
 * NeweyWest}; centring at π̂, so the same as that of I_t). Hits of h-step windows sampled every
 * step share h − 1 steps with their neighbours and are correlated up to lag h − 1 by construction;
 * the Bartlett weights 1 − j/(L + 1) shrink those lags, so L must reach well past h − 1: the
 * default is L = 2h ({@link #defaultLag}), which keeps weights ≥ 1/2 on every overlapping lag. The
 * p-value is two-sided.
 *
 * <p>This is the t statistic of the intercept of an OLS regression of I_t on a constant with the
 * HAC covariance of Newey and West, without a small-sample factor (statsmodels {@code OLS(I,
 * 1).fit(cov_type="HAC", cov_kwds={"maxlags": L, "use_correction": False})}, tested against it).
 * With no hit, or a hit every time, LRV = 0 and t is undefined (null).
 *
 * <p>The input may also be a series of hit <i>shares</i> in [0, 1] (the fraction of assets with a
 * hit at each hour), so that a pooled test counts an hour in which every asset is hit as one
 * dependent event, not as independent evidence.
 *
 * <p>Sources: W. K. Newey and K. D. West (1987), Econometrica 55(3), 703–708 (the long-run
 * variance); P. F. Christoffersen (1998), International Economic Review 39(4), 841–862 (the hit
 * sequence and unconditional coverage). The test itself is the HAC t test of a mean, built as
 * Diebold and Mariano (1995), JBES 13(3), 253–263, build theirs for a mean loss difference.
 *
 * <p>Stateless and thread-safe.
 */
public final class HitRateTest {
  /** The default lag is this multiple of the overlap h. */
  public static final int DEFAULT_LAG_PER_HORIZON_STEP = 2;

  /**
   * sqrt(LRV) below this is rounding noise: the hit series is constant and t is undefined. Hits are
   * in [0, 1], so an absolute threshold is the relative one.
   */
  private static final double NEGLIGIBLE_STANDARD_DEVIATION = 1e-10;

  private HitRateTest() {}

  /**
   * The default truncation lag L = 2h for hits of h-step windows sampled every step.
   *
   * @param horizonSteps the overlap h, &ge; 1
   */
  public static int defaultLag(int horizonSteps) {
    io.liqopt.core.Checks.positive(horizonSteps, "horizonSteps");
    return DEFAULT_LAG_PER_HORIZON_STEP * horizonSteps;
  }

  /**
   * Runs the test on a hit sequence (formulas in the class javadoc).
   *
   * @param hits I_t in time order, at least 2
   * @param expectedRate the nominal hit probability p, in (0, 1)
   * @param lag the Bartlett truncation lag L, in [0, n − 1]
   * @throws IllegalArgumentException on null or short input, p outside (0, 1) or a lag outside [0,
   *     n − 1]
   */
  public static HitRateTestResult test(boolean[] hits, double expectedRate, int lag) {
    SampleChecks.nonEmpty(hits, "hits");
    double[] x = new double[hits.length];
    for (int t = 0; t < x.length; t++) {
      x[t] = hits[t] ? 1d : 0d;
    }
    return test(x, expectedRate, lag);
  }

  /**
   * Runs the test on a series of hits or hit shares (formulas in the class javadoc).
   *
   * @param hitShares I_t, each in [0, 1], in time order, at least 2
   * @param expectedRate the nominal hit probability p, in (0, 1)
   * @param lag the Bartlett truncation lag L, in [0, n − 1]
   * @throws IllegalArgumentException on null, short or non-finite input, a value outside [0, 1], p
   *     outside (0, 1) or a lag outside [0, n − 1]
   */
  public static HitRateTestResult test(double[] hitShares, double expectedRate, int lag) {
    SampleChecks.probabilities(hitShares, "hitShares");
    if (!(expectedRate > 0 && expectedRate < 1)) {
      throw new IllegalArgumentException("expectedRate must be in (0, 1), was " + expectedRate);
    }
    int n = hitShares.length;
    if (n < 2) {
      throw new IllegalArgumentException("the hit-rate test needs at least 2 observations");
    }
    double sum = 0;
    for (double v : hitShares) {
      sum += v;
    }
    double rate = Math.min(1d, sum / n);
    double lrv = NeweyWest.longRunVariance(hitShares, lag);
    Double statistic = null;
    Double p = null;
    if (Math.sqrt(lrv) > NEGLIGIBLE_STANDARD_DEVIATION) {
      statistic = (rate - expectedRate) / Math.sqrt(lrv / n);
      p = PValues.normalTwoSided(statistic);
    }
    return new HitRateTestResult(n, sum, rate, expectedRate, lag, lrv, statistic, p);
  }
}

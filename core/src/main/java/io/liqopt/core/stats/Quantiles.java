package io.liqopt.core.stats;

/**
 * The one sample-quantile convention of liqopt: Hyndman and Fan (1996, The American Statistician
 * 50(4), 361–365) definition 7, linear interpolation between order statistics, the default of R and
 * NumPy. With 0-based order statistics x₍₀₎ ≤ … ≤ x₍ₙ₋₁₎ and h = (n − 1)p:
 *
 * <pre>Q(p) = x₍⌊h⌋₎ + (h − ⌊h⌋)(x₍⌊h⌋+1₎ − x₍⌊h⌋₎)</pre>
 *
 * <p>Q(0) is the minimum, Q(1) the maximum, and Q is continuous and non-decreasing in p. Every
 * empirical quantile in the code (forecast distributions, path quantiles, VaR of simulated
 * shortfalls, backtest percentiles, feature clamps, latency percentiles) goes through here.
 */
public final class Quantiles {
  private Quantiles() {}

  /**
   * Q(p) of an ascending sample.
   *
   * @param sorted the sample, ascending (not checked: sorting is the caller's, done once)
   * @param p the probability, in [0, 1]
   * @throws IllegalArgumentException when the sample is empty or p is outside [0, 1]
   */
  public static double ofSorted(double[] sorted, double p) {
    return ofSorted(sorted, sorted.length, p);
  }

  /**
   * Q(p) of the first {@code n} values of an ascending sample.
   *
   * @throws IllegalArgumentException when n &lt; 1, n exceeds the array, or p is outside [0, 1]
   */
  public static double ofSorted(double[] sorted, int n, double p) {
    if (n < 1 || n > sorted.length) {
      throw new IllegalArgumentException(
          "a quantile needs 1 to " + sorted.length + " values, was " + n);
    }
    double h = position(n, p);
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, n - 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }

  /** Q(p) of an ascending sample of longs (latencies, say), as a double. */
  public static double ofSorted(long[] sorted, double p) {
    if (sorted.length < 1) {
      throw new IllegalArgumentException("a quantile needs at least one value");
    }
    double h = position(sorted.length, p);
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (h - lo) * (double) (sorted[hi] - sorted[lo]);
  }

  /** h = (n − 1)p, the 0-based fractional order statistic of Q(p); refuses p outside [0, 1]. */
  private static double position(int n, double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException("probability must be in [0, 1], was " + p);
    }
    return (n - 1) * p;
  }
}

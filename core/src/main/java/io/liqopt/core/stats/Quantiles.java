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

  /** Ranks up to this are found by a pass that keeps the smallest values, not by a sort. */
  private static final int SMALL_RANK = 32;

  /**
   * Q(p) of the first {@code n} values of an unsorted sample, equal to sorting them (in {@link
   * Double#compare}'s order, as {@link java.util.Arrays#sort(double[])}) and calling {@link
   * #ofSorted}. A low quantile (its upper order statistic among the 32 smallest) is found in one
   * pass that keeps the smallest values; others sort a copy. The sample is not modified.
   *
   * @throws IllegalArgumentException when n &lt; 1, n exceeds the array, or p is outside [0, 1]
   */
  public static double ofUnsorted(double[] values, int n, double p) {
    if (n < 1 || n > values.length) {
      throw new IllegalArgumentException(
          "a quantile needs 1 to " + values.length + " values, was " + n);
    }
    double h = position(n, p);
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, n - 1);
    if (hi >= SMALL_RANK) {
      double[] copy = java.util.Arrays.copyOf(values, n);
      java.util.Arrays.sort(copy);
      return copy[lo] + (h - lo) * (copy[hi] - copy[lo]);
    }
    int k = hi + 1;
    double[] low = new double[k];
    int m = 0;
    for (int i = 0; i < n; i++) {
      double x = values[i];
      if (m == k && Double.compare(x, low[k - 1]) >= 0) {
        continue;
      }
      int j = m < k ? m++ : k - 1;
      while (j > 0 && Double.compare(low[j - 1], x) > 0) {
        low[j] = low[j - 1];
        j--;
      }
      low[j] = x;
    }
    return low[lo] + (h - lo) * (low[hi] - low[lo]);
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

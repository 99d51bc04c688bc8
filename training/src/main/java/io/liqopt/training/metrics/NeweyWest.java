package io.liqopt.training.metrics;

/**
 * The Newey–West (1987) long-run variance of a stationary series, with the Bartlett kernel (and, on
 * request, the same sum with another {@link LongRunKernel}):
 *
 * <pre>
 *   x̄   = (1/n) Σ_t x_t
 *   γ̂_j = (1/n) Σ_{t=j+1..n} (x_t − x̄)(x_{t−j} − x̄)        (divisor n, not n − j)
 *   w_j = 1 − j / (L + 1)                                   (Bartlett weight)
 *   LRV = γ̂_0 + 2 Σ_{j=1..L} w_j γ̂_j
 * </pre>
 *
 * where {@code x} is the series and {@code L} the truncation lag. With L = 0 the long-run variance
 * is the biased (divisor n) sample variance. The Bartlett weights make the estimate non-negative
 * for every series (the point of Newey and West 1987); floating-point rounding of a mathematically
 * zero value is clamped at 0.
 *
 * <p>Source: W. K. Newey and K. D. West (1987), "A Simple, Positive Semi-Definite,
 * Heteroskedasticity and Autocorrelation Consistent Covariance Matrix", Econometrica 55(3),
 * 703–708.
 *
 * <p>Stateless and thread-safe.
 */
public final class NeweyWest {
  private NeweyWest() {}

  /**
   * The Bartlett weight {@code w_j = 1 − j / (L + 1)} of the lag-{@code j} autocovariance.
   *
   * @param j the lag of the autocovariance, in [0, lag]
   * @param lag the truncation lag L, at least 0
   * @throws IllegalArgumentException if {@code lag < 0} or j lies outside [0, lag]
   */
  public static double bartlettWeight(int j, int lag) {
    return LongRunKernel.BARTLETT.weight(j, lag);
  }

  /**
   * The long-run variance of {@code x} with truncation lag {@code lag} (formula in the class
   * javadoc), in the squared units of {@code x}.
   *
   * @param x the series, in time order; finite, at least one element
   * @param lag the truncation lag L, in [0, n − 1]
   * @return the long-run variance, finite and &ge; 0
   * @throws IllegalArgumentException if {@code x} is null, empty or not finite, or the lag is
   *     outside [0, n − 1]
   */
  public static double longRunVariance(double[] x, int lag) {
    // exact arithmetic gives lrv >= 0; a rounding residue below zero means zero
    return Math.max(0d, longRunVariance(x, lag, LongRunKernel.BARTLETT));
  }

  /**
   * The sum γ̂_0 + 2 Σ_{j=1..L} w_j γ̂_j of the class javadoc with the weights w_j of {@code
   * kernel}. With {@link LongRunKernel#RECTANGULAR} the result can be zero or negative (it is not
   * clamped: a caller decides what a non-positive estimate means); with {@link
   * LongRunKernel#BARTLETT} it is non-negative up to rounding.
   *
   * @param x the series, in time order; finite, at least one element
   * @param lag the truncation lag L, in [0, n − 1]
   * @param kernel the lag window
   * @return the estimate, finite, in the squared units of {@code x}
   * @throws IllegalArgumentException if {@code x} is null, empty or not finite, or the lag is
   *     outside [0, n − 1]
   */
  public static double longRunVariance(double[] x, int lag, LongRunKernel kernel) {
    java.util.Objects.requireNonNull(kernel, "kernel");
    SampleChecks.finite(x, "x");
    int n = x.length;
    if (lag < 0 || lag >= n) {
      throw new IllegalArgumentException(
          "lag must be in [0, n - 1] = [0, " + (n - 1) + "], was " + lag);
    }
    double mean = 0;
    for (double v : x) {
      mean += v;
    }
    mean /= n;
    double[] centred = new double[n];
    for (int t = 0; t < n; t++) {
      centred[t] = x[t] - mean;
    }
    double lrv = autocovariance(centred, 0);
    for (int j = 1; j <= lag; j++) {
      lrv += 2d * kernel.weight(j, lag) * autocovariance(centred, j);
    }
    return lrv;
  }

  /** γ̂_j of an already centred series, divisor n. */
  private static double autocovariance(double[] centred, int j) {
    double sum = 0;
    for (int t = j; t < centred.length; t++) {
      sum += centred[t] * centred[t - j];
    }
    return sum / centred.length;
  }
}

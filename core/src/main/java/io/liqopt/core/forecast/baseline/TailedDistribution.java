package io.liqopt.core.forecast.baseline;

/**
 * The exceedance function of a sample with a fitted generalised Pareto tail, for stress
 * probabilities that neither tie nor stop at the sample's largest value. With the sorted sample
 * z<sub>(1)</sub> ≤ … ≤ z<sub>(n)</sub> and the threshold u = z<sub>(k)</sub>, k = ⌈q·n⌉ (q =
 * {@code thresholdLevel}, 0.90 by default):
 *
 * <ul>
 *   <li>below u, S(x) is the empirical exceedance (the share of the sample strictly above x) at
 *       each order statistic and linear between consecutive distinct order statistics, so rows
 *       between two sample values no longer tie; S = 1 below z<sub>(1)</sub>;
 *   <li>from u on, S(x) = p<sub>u</sub>·(1 + ξ(x − u)/β)<sup>−1/ξ</sup> (exp(−(x − u)/β) at ξ = 0;
 *       0 beyond the end point u − β/ξ when ξ &lt; 0), p<sub>u</sub> the empirical exceedance at u,
 *       and (ξ, β) the generalised Pareto fit to the excesses y = z − u of the values above u by
 *       probability-weighted moments (Hosking and Wallis 1987, Technometrics 29(3), §3, with their
 *       k = −ξ): a<sub>0</sub> = mean(y), a<sub>1</sub> = (1/m)·Σ<sub>j</sub> (m − j)/(m −
 *       1)·y<sub>(j)</sub> over the ascending excesses, ξ = 2 − a<sub>0</sub>/(a<sub>0</sub> −
 *       2a<sub>1</sub>), β = 2a<sub>0</sub>a<sub>1</sub>/(a<sub>0</sub> − 2a<sub>1</sub>).
 * </ul>
 *
 * S is non-increasing, within [0, 1] and continuous at u. With fewer than {@link #MIN_TAIL_SAMPLES}
 * excesses, or a fit without a positive finite scale, there is no tail: S is the interpolated
 * empirical exceedance throughout, 0 from z<sub>(n)</sub> on. Immutable and thread-safe; {@link
 * #exceedance} does not allocate.
 */
public final class TailedDistribution {
  /** The default threshold level q: u is the 90 % empirical quantile. */
  public static final double DEFAULT_THRESHOLD_LEVEL = 0.90;

  /** Fewer excesses over u than this and no tail is fitted. */
  public static final int MIN_TAIL_SAMPLES = 10;

  /** |ξ| below this is taken as 0 (the exponential tail), where the power form loses digits. */
  private static final double XI_NEAR_ZERO = 1e-9;

  private final double[] sorted;
  private final double threshold;
  private final double thresholdExceedance;
  private final double shape;
  private final double scale;

  private TailedDistribution(
      double[] sorted, double threshold, double thresholdExceedance, double shape, double scale) {
    this.sorted = sorted;
    this.threshold = threshold;
    this.thresholdExceedance = thresholdExceedance;
    this.shape = shape;
    this.scale = scale;
  }

  /** The tailed distribution of {@code d}'s sample with threshold level {@code thresholdLevel}. */
  public static TailedDistribution of(EmpiricalDistribution d, double thresholdLevel) {
    if (!(thresholdLevel > 0 && thresholdLevel < 1)) {
      throw new IllegalArgumentException(
          "the tail threshold level must be in (0, 1), was " + thresholdLevel);
    }
    double[] s = d.sortedView();
    int n = s.length;
    int k = Math.max(0, Math.min(n - 1, (int) Math.ceil(thresholdLevel * n) - 1));
    double u = s[k];
    int above = n - firstAbove(s, u);
    if (above < MIN_TAIL_SAMPLES) {
      return new TailedDistribution(s, Double.POSITIVE_INFINITY, 0, Double.NaN, Double.NaN);
    }
    // probability-weighted moments of the ascending excesses (Hosking and Wallis 1987, eq. 3.2)
    int first = n - above;
    double a0 = 0;
    double a1 = 0;
    for (int j = 0; j < above; j++) {
      double y = s[first + j] - u;
      a0 += y;
      a1 += y * (above - 1 - j) / (above - 1.0);
    }
    a0 /= above;
    a1 /= above;
    double denominator = a0 - 2 * a1;
    double xi = 2 - a0 / denominator;
    double beta = 2 * a0 * a1 / denominator;
    if (!(denominator > 0) || !(beta > 0) || !Double.isFinite(xi) || !Double.isFinite(beta)) {
      return new TailedDistribution(s, Double.POSITIVE_INFINITY, 0, Double.NaN, Double.NaN);
    }
    return new TailedDistribution(s, u, (double) above / n, xi, beta);
  }

  /** {@link #of(EmpiricalDistribution, double)} at {@link #DEFAULT_THRESHOLD_LEVEL}. */
  public static TailedDistribution of(EmpiricalDistribution d) {
    return of(d, DEFAULT_THRESHOLD_LEVEL);
  }

  /** Whether a generalised Pareto tail was fitted. */
  public boolean hasTail() {
    return Double.isFinite(threshold);
  }

  /** The threshold u (+∞ without a tail). */
  public double threshold() {
    return threshold;
  }

  /** The tail's shape ξ (NaN without a tail). */
  public double shape() {
    return shape;
  }

  /** The tail's scale β (NaN without a tail). */
  public double scale() {
    return scale;
  }

  /** S(x) = P(z &gt; x), in [0, 1]. */
  public double exceedance(double x) {
    if (x >= threshold) {
      return thresholdExceedance * paretoSurvival(x - threshold);
    }
    int n = sorted.length;
    int lo = firstAbove(sorted, x);
    if (lo == 0) {
      return 1;
    }
    if (lo == n) {
      return 0;
    }
    // between the distinct values a = z(lo) ≤ x < b = z(lo + 1): linear in S(a), S(b)
    double a = sorted[lo - 1];
    double b = sorted[lo];
    double atA = n - lo;
    double atB = n - firstAbove(sorted, b);
    return (atA + (atB - atA) * (x - a) / (b - a)) / n;
  }

  /** (1 + ξy/β)^(−1/ξ), exp(−y/β) at ξ ≈ 0, 0 beyond the end point of a bounded tail. */
  private double paretoSurvival(double excess) {
    if (Math.abs(shape) < XI_NEAR_ZERO) {
      return Math.exp(-excess / scale);
    }
    double base = 1 + shape * excess / scale;
    return base > 0 ? Math.exp(-Math.log(base) / shape) : 0;
  }

  /** The first index of the ascending {@code s} holding a value above {@code x}. */
  private static int firstAbove(double[] s, double x) {
    int lo = 0;
    int hi = s.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (s[mid] > x) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }
}

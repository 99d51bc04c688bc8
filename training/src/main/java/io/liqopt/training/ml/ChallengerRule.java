package io.liqopt.training.ml;

import io.liqopt.training.metrics.NeweyWest;
import java.util.Arrays;
import java.util.TreeMap;
import org.hipparchus.distribution.continuous.NormalDistribution;

/**
 * The rule by which training keeps a default candidate (a stress source, a quantile source) unless
 * a challenger beats it significantly on the selection block: the challenger's per-row losses,
 * summed per hour (assets pooled at each hour), are lower on average by more than {@code Φ⁻¹(1 −
 * 0.05/k)} Newey–West standard errors (Bartlett kernel, lag twice the horizon, as the horizon's
 * windows overlap), k the number of challengers: one-sided, Bonferroni-corrected 5 %. A 30-day
 * selection block holds few independent episodes; the lowest of several losses as it stands chooses
 * by noise.
 */
final class ChallengerRule {
  /** The family-wise level of the challengers' one-sided tests. */
  static final double LEVEL = 0.05;

  private ChallengerRule() {}

  /** The t statistic a challenger must exceed when there are {@code challengers} of them. */
  static double critical(int challengers) {
    if (challengers < 1) {
      throw new IllegalArgumentException("challengers must be >= 1, was " + challengers);
    }
    return new NormalDistribution(0, 1).inverseCumulativeProbability(1 - LEVEL / challengers);
  }

  /**
   * The t statistic of the mean per-hour loss difference base − challenger (positive: the
   * challenger is better), with a Newey–West standard error; 0 with fewer than two hours, ±∞ for a
   * constant non-zero difference.
   *
   * @param times open time per row (rows of one time are summed)
   * @param hacLag the Newey–West lag in hours
   */
  static double improvement(double[] base, double[] challenger, long[] times, int hacLag) {
    TreeMap<Long, Double> perHour = new TreeMap<>();
    for (int i = 0; i < base.length; i++) {
      perHour.merge(times[i], base[i] - challenger[i], Double::sum);
    }
    double[] d = perHour.values().stream().mapToDouble(Double::doubleValue).toArray();
    if (d.length < 2) {
      return 0;
    }
    double mean = Arrays.stream(d).average().orElse(0);
    double lrv = NeweyWest.longRunVariance(d, Math.min(hacLag, d.length - 1));
    if (lrv > 0) {
      return mean / Math.sqrt(lrv / d.length);
    }
    return mean == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, mean);
  }
}

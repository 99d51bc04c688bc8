package io.liqopt.core.stats;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The resampling core of liqopt's day-block bootstraps (the backtest's policy intervals and the
 * evaluation's forecast-score intervals): the circular block bootstrap of Politis and Romano (1992,
 * "A circular block-resampling procedure for stationary data", in <i>Exploring the Limits of
 * Bootstrap</i>, Wiley, 263–270) on an axis of n calendar days, and percentile intervals.
 *
 * <p>A resample rebuilds the n days from ⌈n / L⌉ blocks of L consecutive days, each starting at a
 * uniformly drawn day and wrapping round the end, the last block cut so that a resample has n days
 * ({@link #draws}). A caller draws once and applies the same draws to every series it compares, so
 * that any two figures are paired resample by resample, and it maps a day to every asset's rows of
 * that day, so that cross-sectional dependence is kept. A figure is recomputed either from prefix
 * sums of per-day totals ({@link #resampledSum}) or from the multiplicity of each day in the
 * resample ({@link #dayCounts}), for figures such as the AUC that are not sums.
 *
 * <p>Intervals are percentile intervals (Efron and Tibshirani 1993, <i>An Introduction to the
 * Bootstrap</i>, ch. 13) whose ends are {@link Quantiles} (Hyndman–Fan type 7) of the resampled
 * figures ({@link #interval}). Stateless and thread-safe.
 */
public final class DayBlockBootstrap {
  private DayBlockBootstrap() {}

  /**
   * The block starts of each resample: ⌈days / blockDays⌉ uniform days in [0, days) per resample,
   * from a {@link SplittableRandom} seeded with {@code seed}.
   *
   * @throws IllegalArgumentException if days, blockDays or resamples is not positive
   */
  public static int[][] draws(int days, int blockDays, int resamples, long seed) {
    if (days < 1 || blockDays < 1 || resamples < 1) {
      throw new IllegalArgumentException(
          "days, blockDays and resamples must be positive, were "
              + days
              + ", "
              + blockDays
              + ", "
              + resamples);
    }
    int blocks = (days + blockDays - 1) / blockDays;
    SplittableRandom rng = new SplittableRandom(seed);
    int[][] out = new int[resamples][blocks];
    for (int b = 0; b < resamples; b++) {
      for (int k = 0; k < blocks; k++) {
        out[b][k] = rng.nextInt(days);
      }
    }
    return out;
  }

  /** The block starts that rebuild the data as they are (0, L, 2L, …). */
  public static int[] identity(int days, int blockDays) {
    int[] starts = new int[(days + blockDays - 1) / blockDays];
    for (int k = 0; k < starts.length; k++) {
      starts[k] = k * blockDays;
    }
    return starts;
  }

  /**
   * Σ over the resampled days of a series given by its prefix sums ({@code prefix[i]} = Σ of days
   * before i): circular blocks of {@code blockDays} from {@code starts}, the last cut at {@code
   * days} in all. Allocation-free.
   */
  public static double resampledSum(double[] prefix, int[] starts, int blockDays, int days) {
    double sum = 0;
    int left = days;
    for (int s : starts) {
      int len = Math.min(blockDays, left);
      left -= len;
      int end = s + len;
      sum += end <= days ? prefix[end] - prefix[s] : prefix[days] - prefix[s] + prefix[end - days];
    }
    return sum;
  }

  /**
   * How many times each day appears in the resample of {@code starts} (the same blocks as {@link
   * #resampledSum}), written into {@code counts} (length ≥ days); the counts sum to {@code days}.
   * Allocation-free.
   */
  public static void dayCounts(int[] starts, int blockDays, int days, int[] counts) {
    Arrays.fill(counts, 0, days, 0);
    int left = days;
    for (int s : starts) {
      int len = Math.min(blockDays, left);
      left -= len;
      for (int k = 0; k < len; k++) {
        int d = s + k;
        counts[d < days ? d : d - days]++;
      }
    }
  }

  /**
   * An estimate (on the data as they are) and its percentile interval.
   *
   * @param estimate the figure on all days
   * @param lower the (1 − level) / 2 quantile of the resampled figures
   * @param upper the (1 + level) / 2 quantile
   * @param resamples the resamples with a defined figure
   */
  public record Interval(double estimate, double lower, double upper, int resamples)
      implements java.io.Serializable {}

  /**
   * The percentile interval at two-sided coverage {@code level} of {@code values[1..]} (the
   * resampled figures; the NaN ones, undefined in their resample, are left out), with {@code
   * values[0]} (the figure on the data as they are) as the estimate. +∞ values count as the
   * largest. With no defined resample both ends are NaN.
   */
  public static Interval interval(double[] values, double level) {
    double[] sorted = new double[values.length - 1];
    int n = 0;
    for (int b = 1; b < values.length; b++) {
      if (!Double.isNaN(values[b])) {
        sorted[n++] = values[b];
      }
    }
    if (n == 0) {
      return new Interval(values[0], Double.NaN, Double.NaN, 0);
    }
    sorted = Arrays.copyOf(sorted, n);
    Arrays.sort(sorted);
    return new Interval(
        values[0], quantile(sorted, (1 - level) / 2), quantile(sorted, (1 + level) / 2), n);
  }

  /**
   * {@link Quantiles#ofSorted} where the sample may end in +∞: an end that interpolates towards +∞
   * is +∞ (type 7 would give ∞ − ∞ = NaN at a zero weight).
   */
  public static double quantile(double[] sorted, double p) {
    double h = (sorted.length - 1) * p;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, sorted.length - 1);
    if (sorted[hi] == Double.POSITIVE_INFINITY) {
      return h > lo ? Double.POSITIVE_INFINITY : sorted[lo];
    }
    return Quantiles.ofSorted(sorted, p);
  }
}

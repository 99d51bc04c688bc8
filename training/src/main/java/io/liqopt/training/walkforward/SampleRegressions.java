package io.liqopt.training.walkforward;

import io.liqopt.training.metrics.DieboldMariano;
import io.liqopt.training.metrics.DieboldMarianoComparison;
import io.liqopt.training.metrics.MincerZarnowitz;
import io.liqopt.training.metrics.MincerZarnowitzFit;

/**
 * The regression tests of a sample as {@link EvaluationSummary} reports them: Mincer–Zarnowitz and
 * Diebold–Mariano, or null where a test is undefined on the sample (too few rows, a constant
 * forecast or loss difference), so that one degenerate sample leaves a gap in the report instead of
 * failing the evaluation. Pooled Diebold–Mariano first averages the losses over the rows of each
 * hour (see {@link EvaluationSummary}). Stateless.
 */
final class SampleRegressions {

  private SampleRegressions() {}

  /**
   * The MZ regression, or null where it is undefined: fewer than 3 rows, or a forecast that does
   * not vary over the sample (historical simulation within one fold).
   */
  static MincerZarnowitzFit mincerZarnowitz(double[] realised, double[] forecast, int lag) {
    try {
      return MincerZarnowitz.fit(realised, forecast, lag);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * DM of loss1 against loss2 with the truncated (rectangular) long-run variance at lag h − 1, or
   * Bartlett at 2h where that is not positive ({@link DieboldMariano#testTruncated}); null where
   * undefined (too few rows, or a constant difference). With {@code times}, the losses are first
   * averaged over the rows of each hour.
   */
  static DieboldMarianoComparison dieboldMariano(
      double[] loss1, double[] loss2, int h, long[] times) {
    double[] a = times == null ? loss1 : meanByTime(loss1, times);
    double[] b = times == null ? loss2 : meanByTime(loss2, times);
    if (a.length <= h) {
      return null;
    }
    try {
      return DieboldMariano.testTruncated(a, b, h);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * The mean of {@code x} over the rows of each distinct time, in increasing time: the
   * cross-sectional mean of a pooled sample, one value per hour.
   */
  static double[] meanByTime(double[] x, long[] times) {
    Integer[] order = new Integer[times.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, java.util.Comparator.comparingLong(i -> times[i]));
    double[] mean = new double[times.length];
    int k = -1;
    int count = 0;
    long current = Long.MIN_VALUE;
    for (int idx : order) {
      if (k < 0 || times[idx] != current) {
        if (k >= 0) {
          mean[k] /= count;
        }
        k++;
        count = 0;
        current = times[idx];
      }
      mean[k] += x[idx];
      count++;
    }
    if (k >= 0) {
      mean[k] /= count;
    }
    return java.util.Arrays.copyOf(mean, k + 1);
  }
}

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
   * DM of loss1 against loss2, or null where undefined (too few rows for the lag, or a constant
   * difference). With {@code times}, the losses are first averaged over the rows of each hour.
   */
  static DieboldMarianoComparison dieboldMariano(
      double[] loss1, double[] loss2, int h, long[] times) {
    double[] a = loss1;
    double[] b = loss2;
    if (times != null) {
      Integer[] order = new Integer[times.length];
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
      }
      java.util.Arrays.sort(order, java.util.Comparator.comparingLong(i -> times[i]));
      double[] ma = new double[times.length];
      double[] mb = new double[times.length];
      int k = -1;
      int count = 0;
      long current = Long.MIN_VALUE;
      for (int idx : order) {
        if (k < 0 || times[idx] != current) {
          if (k >= 0) {
            ma[k] /= count;
            mb[k] /= count;
          }
          k++;
          count = 0;
          current = times[idx];
        }
        ma[k] += a[idx];
        mb[k] += b[idx];
        count++;
      }
      if (k >= 0) {
        ma[k] /= count;
        mb[k] /= count;
      }
      a = java.util.Arrays.copyOf(ma, k + 1);
      b = java.util.Arrays.copyOf(mb, k + 1);
    }
    if (a.length <= h) {
      return null;
    }
    try {
      return DieboldMariano.test(a, b, h);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}

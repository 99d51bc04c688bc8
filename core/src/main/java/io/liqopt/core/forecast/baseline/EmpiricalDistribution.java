package io.liqopt.core.forecast.baseline;

import io.liqopt.core.stats.Quantiles;
import java.util.Arrays;

/**
 * The empirical distribution of a sample: quantiles by linear interpolation between order
 * statistics (Hyndman and Fan 1996, The American Statistician 50(4), definition 7, the default of R
 * and NumPy) and exceedance frequencies. Immutable.
 */
public final class EmpiricalDistribution {
  private final double[] sorted;

  private EmpiricalDistribution(double[] sorted) {
    this.sorted = sorted;
  }

  /** The distribution of the first {@code n} values of {@code samples} (copied), all finite. */
  public static EmpiricalDistribution of(double[] samples, int n) {
    if (n < 1) {
      throw new IllegalArgumentException("an empirical distribution needs at least one sample");
    }
    double[] s = Arrays.copyOf(samples, n);
    for (double v : s) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException("sample value is not finite: " + v);
      }
    }
    Arrays.sort(s);
    return new EmpiricalDistribution(s);
  }

  public int size() {
    return sorted.length;
  }

  /** Q(p) by the project's one convention, Hyndman–Fan type 7 ({@link Quantiles}). */
  public double quantile(double p) {
    return Quantiles.ofSorted(sorted, p);
  }

  /** The fraction of samples strictly above {@code x}. */
  public double exceedance(double x) {
    // first index with value > x
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] > x) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return (double) (sorted.length - lo) / sorted.length;
  }

  /** The sorted sample itself, not copied, for {@link TailedDistribution} (which only reads). */
  double[] sortedView() {
    return sorted;
  }

  /** A copy of the sorted sample (to save it; {@link #of} restores it). */
  public double[] sortedSamples() {
    return sorted.clone();
  }

  /** The sample mean. */
  public double mean() {
    double sum = 0;
    for (double v : sorted) {
      sum += v;
    }
    return sum / sorted.length;
  }
}

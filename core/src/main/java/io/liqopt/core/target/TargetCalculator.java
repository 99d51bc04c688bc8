package io.liqopt.core.target;

import io.liqopt.core.Checks;
import io.liqopt.core.market.BarSeries;

/**
 * Computes {@link HorizonTargets}. Stateless and thread-safe.
 */
public final class TargetCalculator {
  /** The one instance. */
  public static final TargetCalculator DEFAULT = new TargetCalculator();

  private TargetCalculator() {
  }

  /**
   * The targets of {@code series} over the next {@code horizonHours} hours, which must be a whole
   * number of bars of the series' interval.
   */
  public HorizonTargets compute(BarSeries series, int horizonHours) {
    Checks.positive(horizonHours, "horizonHours");
    long intervalMs = series.interval().millis();
    long windowMs = horizonHours * 3_600_000L;
    if (windowMs % intervalMs != 0) {
      throw new IllegalArgumentException("a " + horizonHours + " h horizon is not a whole number of "
          + series.interval() + " bars");
    }
    int h = (int) (windowMs / intervalMs);
    int n = series.size();
    long[] times = series.openTimesMs();
    double[] close = series.closes();
    double[] high = series.highs();
    double[] low = series.lows();
    double[] rv = new double[n];
    double[] maeLong = new double[n];
    double[] maeShort = new double[n];
    for (int t = 0; t < n; t++) {
      if (t + h >= n || times[t + h] - times[t] != windowMs) {
        rv[t] = maeLong[t] = maeShort[t] = Double.NaN;
        continue;
      }
      double sum = 0;
      double minLow = Double.POSITIVE_INFINITY;
      double maxHigh = Double.NEGATIVE_INFINITY;
      for (int k = t + 1; k <= t + h; k++) {
        double r = Math.log(close[k] / close[k - 1]);
        sum += r * r;
        minLow = Math.min(minLow, low[k]);
        maxHigh = Math.max(maxHigh, high[k]);
      }
      rv[t] = sum;
      maeLong[t] = Math.max(0, 1 - minLow / close[t]);
      maeShort[t] = Math.max(0, maxHigh / close[t] - 1);
    }
    return new HorizonTargets(horizonHours, times, rv, maeLong, maeShort);
  }
}

package io.liqopt.core.target;

import io.liqopt.core.Checks;
import io.liqopt.core.market.BarSeries;

/** Computes {@link HorizonTargets}. Stateless and thread-safe. */
public final class TargetCalculator {
  /** The one instance. */
  public static final TargetCalculator DEFAULT = new TargetCalculator();

  private TargetCalculator() {}

  /**
   * The targets of {@code series} over the next {@code horizonHours} hours, which must be a whole
   * number of bars of the series' interval.
   */
  public HorizonTargets compute(BarSeries series, int horizonHours) {
    Checks.positive(horizonHours, "horizonHours");
    long intervalMs = series.interval().millis();
    long windowMs = horizonHours * 3_600_000L;
    if (windowMs % intervalMs != 0) {
      throw new IllegalArgumentException(
          "a "
              + horizonHours
              + " h horizon is not a whole number of "
              + series.interval()
              + " bars");
    }
    int h = (int) (windowMs / intervalMs);
    int n = series.size();
    long[] times = series.openTimesMs();
    double[] close = series.closes();
    double[] high = series.highs();
    double[] low = series.lows();
    // r²[k] = squared log return into bar k, one logarithm per bar; the window sum is added up
    // directly (exact, so a one-tick hour is not lost to the cancellation of prefix sums), and
    // monotone deques over bars t+1..t+H give the window's min low and max high in O(1) amortised.
    double[] sq = new double[n];
    for (int k = 1; k < n; k++) {
      double r = Math.log(close[k] / close[k - 1]);
      sq[k] = r * r;
    }
    double[] rv = new double[n];
    double[] maeLong = new double[n];
    double[] maeShort = new double[n];
    int[] minQ = new int[n];
    int[] maxQ = new int[n];
    int minHead = 0;
    int minTail = 0;
    int maxHead = 0;
    int maxTail = 0;
    int added = 0; // bars 1..added-1 have entered the deques
    for (int t = 0; t < n; t++) {
      if (t + h >= n || times[t + h] - times[t] != windowMs) {
        rv[t] = maeLong[t] = maeShort[t] = Double.NaN;
        continue;
      }
      int last = t + h;
      for (int k = Math.max(added, t + 1); k <= last; k++) {
        while (minTail > minHead && low[minQ[minTail - 1]] >= low[k]) {
          minTail--;
        }
        minQ[minTail++] = k;
        while (maxTail > maxHead && high[maxQ[maxTail - 1]] <= high[k]) {
          maxTail--;
        }
        maxQ[maxTail++] = k;
      }
      added = Math.max(added, last + 1);
      while (minQ[minHead] <= t) {
        minHead++;
      }
      while (maxQ[maxHead] <= t) {
        maxHead++;
      }
      double sum = 0;
      for (int k = t + 1; k <= last; k++) {
        sum += sq[k];
      }
      rv[t] = sum;
      maeLong[t] = Math.max(0, 1 - low[minQ[minHead]] / close[t]);
      maeShort[t] = Math.max(0, high[maxQ[maxHead]] / close[t] - 1);
    }
    return new HorizonTargets(horizonHours, times, rv, maeLong, maeShort);
  }
}

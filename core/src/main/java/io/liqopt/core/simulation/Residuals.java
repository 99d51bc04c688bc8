package io.liqopt.core.simulation;

import io.liqopt.core.feature.FeatureCalculator;
import io.liqopt.core.market.BarSeries;
import java.util.ArrayList;
import java.util.List;

/**
 * The standardised hourly residuals of one or more assets, on the hours all of them have, for
 * filtered historical simulation (Barone-Adesi, Giannopoulos and Vosper 1999): each hour's
 * close-to-close log return and the log of its low against the previous close, both divided by the
 * RiskMetrics EWMA volatility known before the hour ({@link FeatureCalculator#EWMA_LAMBDA}).
 * Drawing the two from the same hour keeps the intrabar low consistent with the close, so adverse
 * excursions are not understated; drawing all assets at the same hours keeps their dependence.
 *
 * <p>For asset a and common hour t (0-based, oldest first): {@link #close} is {@code ln(C_t /
 * C_{t−1}) / σ_t}, {@link #low} is {@code ln(L_t / C_{t−1}) / σ_t} (at most the close and 0), and
 * {@link #rawClose}, {@link #rawLow} are the same unscaled, for replaying historical windows.
 * Immutable; the arrays are built by {@link #of} and {@link #before} and never leave the class.
 */
public final class Residuals implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  private final List<String> symbols;
  private final long[] timeMs;
  private final double[][] close;
  private final double[][] low;
  private final double[][] rawClose;
  private final double[][] rawLow;

  /** Takes ownership of freshly built arrays (only this class's factories call it). */
  private Residuals(
      List<String> symbols,
      long[] timeMs,
      double[][] close,
      double[][] low,
      double[][] rawClose,
      double[][] rawLow) {
    this.symbols = symbols;
    this.timeMs = timeMs;
    this.close = close;
    this.low = low;
    this.rawClose = rawClose;
    this.rawLow = rawLow;
  }

  /** The assets, in the order of the asset index. */
  public List<String> symbols() {
    return symbols;
  }

  /** The open time of common hour {@code t} (the same for every asset), epoch ms. */
  public long timeMs(int t) {
    return timeMs[t];
  }

  /** {@code ln(C_t / C_{t−1}) / σ_t} of asset {@code asset} at hour {@code t}. */
  public double close(int asset, int t) {
    return close[asset][t];
  }

  /** {@code ln(L_t / C_{t−1}) / σ_t} of asset {@code asset} at hour {@code t}. */
  public double low(int asset, int t) {
    return low[asset][t];
  }

  /** The unscaled log return {@code ln(C_t / C_{t−1})}. */
  public double rawClose(int asset, int t) {
    return rawClose[asset][t];
  }

  /** The unscaled log low against the previous close {@code ln(L_t / C_{t−1})}, at most 0. */
  public double rawLow(int asset, int t) {
    return rawLow[asset][t];
  }

  /** Hours of EWMA warm-up before residuals are kept, at the start and after each gap. */
  static final int WARM_UP_HOURS = 168;

  /** The number of common hours. */
  public int size() {
    return timeMs.length;
  }

  /**
   * The residuals of {@code series} on the hours where every series has a bar and the bar before it
   * (so a gap never becomes one long return), after a week of EWMA warm-up.
   */
  public static Residuals of(List<BarSeries> series) {
    int k = series.size();
    if (k == 0) {
      throw new IllegalArgumentException("no series");
    }
    // per asset: standardised residual by open time
    List<java.util.Map<Long, double[]>> byTime = new ArrayList<>();
    for (BarSeries s : series) {
      java.util.Map<Long, double[]> m = new java.util.HashMap<>();
      double lambda = FeatureCalculator.EWMA_LAMBDA;
      double var = Double.NaN;
      long step = s.interval().millis();
      // hours the filter has run since it (re)started; residuals are kept only once it has run
      // WARM_UP_HOURS, at the start and after every gap (a filter restarted from one squared
      // return would make the next move look like hundreds of σ)
      int warm = 0;
      for (int t = 1; t < s.size(); t++) {
        if (s.openTimeMs(t) - s.openTimeMs(t - 1) != step) {
          var = Double.NaN;
          warm = 0;
          continue;
        }
        double r = Math.log(s.close(t) / s.close(t - 1));
        double l = Math.min(r, Math.min(0, Math.log(s.low(t) / s.close(t - 1))));
        if (!Double.isNaN(var) && var > FeatureCalculator.VARIANCE_FLOOR && warm >= WARM_UP_HOURS) {
          double sd = Math.sqrt(var);
          m.put(s.openTimeMs(t), new double[] {r / sd, l / sd, r, l});
        }
        var = Double.isNaN(var) ? r * r : lambda * var + (1 - lambda) * r * r;
        warm++;
      }
      byTime.add(m);
    }
    List<Long> times = new ArrayList<>();
    for (Long t : byTime.get(0).keySet()) {
      boolean all = true;
      for (int a = 1; a < k && all; a++) {
        all = byTime.get(a).containsKey(t);
      }
      if (all) {
        times.add(t);
      }
    }
    times.sort(null);
    int n = times.size();
    if (n < 24 * 30) {
      throw new IllegalArgumentException(
          "only "
              + n
              + " common hours of residuals; filtered "
              + "historical simulation needs at least 30 days");
    }
    long[] ts = new long[n];
    double[][] c = new double[k][n];
    double[][] l = new double[k][n];
    double[][] rc = new double[k][n];
    double[][] rl = new double[k][n];
    for (int i = 0; i < n; i++) {
      ts[i] = times.get(i);
      for (int a = 0; a < k; a++) {
        double[] v = byTime.get(a).get(ts[i]);
        c[a][i] = v[0];
        l[a][i] = v[1];
        rc[a][i] = v[2];
        rl[a][i] = v[3];
      }
    }
    List<String> symbols = new ArrayList<>();
    for (BarSeries s : series) {
      symbols.add(s.symbol());
    }
    return new Residuals(List.copyOf(symbols), ts, c, l, rc, rl);
  }

  /** The residuals before {@code endExclusiveMs} (a calibration as of a date sees only those). */
  public Residuals before(long endExclusiveMs) {
    int n = 0;
    while (n < timeMs.length && timeMs[n] < endExclusiveMs) {
      n++;
    }
    double[][] c = new double[close.length][];
    double[][] l = new double[close.length][];
    double[][] rc = new double[close.length][];
    double[][] rl = new double[close.length][];
    for (int a = 0; a < close.length; a++) {
      c[a] = java.util.Arrays.copyOf(close[a], n);
      l[a] = java.util.Arrays.copyOf(low[a], n);
      rc[a] = java.util.Arrays.copyOf(rawClose[a], n);
      rl[a] = java.util.Arrays.copyOf(rawLow[a], n);
    }
    return new Residuals(symbols, java.util.Arrays.copyOf(timeMs, n), c, l, rc, rl);
  }
}

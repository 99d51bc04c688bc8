package io.liqopt.core.simulation;

import io.liqopt.core.forecast.baseline.GarchFitOptions;
import io.liqopt.core.forecast.baseline.GarchT;
import io.liqopt.core.forecast.baseline.GarchTParams;
import io.liqopt.core.market.BarInterval;
import io.liqopt.core.market.BarSeries;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Whole market histories drawn by joint filtered historical simulation (Barone-Adesi, Giannopoulos
 * and Vosper 1999), for replaying a backtest on many histories instead of one.
 *
 * <p>Fit: on the hours every asset has, each asset's hourly log returns {@code r_t = ln(C_t /
 * C_{t−1})} get a GARCH(1,1)-t ({@link GarchT}, no mean); its filtered σ_t standardises the bar's
 * four moves against the previous close: {@code z^o = ln(O_t/C_{t−1})/σ_t}, {@code z^h}, {@code
 * z^l}, {@code z^c} likewise.
 *
 * <p>Draw: blocks of {@code blockHours} consecutive historical hours, each block's start uniform,
 * the same hours for every asset (a crash hits all of them together, with its cross-asset
 * dependence); each asset's variance runs its own GARCH recursion on the simulated returns, so
 * volatility clusters and mean-reverts as the fitted model says, from the variance of the first
 * drawn hour. Simulated bar t: {@code O, H, L, C = C_{t−1} · exp(σ_t z^{o,h,l,c})} (the bar's shape
 * is kept, so H ≥ max(O, C) and L ≤ min(O, C)), its quote volume the drawn hour's, the base volume
 * that quote volume at the close. The first close is the real first common close; the open times
 * are the real common hours, so a history has the real one's length and calendar, not its events.
 *
 * <p>What it assumes: volatility follows each asset's GARCH(1,1) exactly, so volatility forecasts
 * (EWMA, GARCH) are closer to right on simulated histories than on the real one; compare policies
 * on both, never on simulated histories alone. Immutable; {@link #draw} is thread-safe.
 */
public final class HistorySimulator {
  private final List<String> symbols;
  private final long[] timeMs;
  private final double[] firstClose;
  private final GarchTParams[] params;
  private final double[][] variance;
  private final double[][] zOpen;
  private final double[][] zHigh;
  private final double[][] zLow;
  private final double[][] zClose;
  private final double[][] quoteVolume;
  private final double[][] volume;

  private HistorySimulator(
      List<String> symbols,
      long[] timeMs,
      double[] firstClose,
      GarchTParams[] params,
      double[][] variance,
      double[][][] z,
      double[][] quoteVolume,
      double[][] volume) {
    this.symbols = symbols;
    this.timeMs = timeMs;
    this.firstClose = firstClose;
    this.params = params;
    this.variance = variance;
    this.zOpen = z[0];
    this.zHigh = z[1];
    this.zLow = z[2];
    this.zClose = z[3];
    this.quoteVolume = quoteVolume;
    this.volume = volume;
  }

  /**
   * Fits the simulator to {@code market}'s hourly series.
   *
   * @throws IllegalArgumentException when a series is not hourly, the symbols repeat, or the common
   *     hours are too few for a GARCH fit ({@link GarchT#MIN_OBSERVATIONS} + 1)
   */
  public static HistorySimulator fit(List<BarSeries> market) {
    if (market.isEmpty()) {
      throw new IllegalArgumentException("no series to simulate");
    }
    List<String> symbols = new ArrayList<>();
    for (BarSeries s : market) {
      if (s.interval() != BarInterval.H1) {
        throw new IllegalArgumentException(s.symbol() + " is not hourly");
      }
      if (symbols.contains(s.symbol())) {
        throw new IllegalArgumentException(s.symbol() + " appears twice");
      }
      symbols.add(s.symbol());
    }
    long[] common = commonHours(market);
    int n = common.length - 1; // moves, each against the previous common close
    if (n < GarchT.MIN_OBSERVATIONS) {
      throw new IllegalArgumentException(
          "the series share "
              + common.length
              + " hours; simulating histories needs at least "
              + (GarchT.MIN_OBSERVATIONS + 1));
    }
    int k = market.size();
    double[] firstClose = new double[k];
    GarchTParams[] params = new GarchTParams[k];
    double[][] variance = new double[k][];
    double[][][] z = new double[4][k][n];
    double[][] qv = new double[k][n];
    double[][] vol = new double[k][n];
    for (int a = 0; a < k; a++) {
      BarSeries s = market.get(a);
      int[] row = rows(s, common);
      firstClose[a] = s.close(row[0]);
      double[] r = new double[n];
      for (int t = 0; t < n; t++) {
        r[t] = Math.log(s.close(row[t + 1]) / s.close(row[t]));
      }
      params[a] = GarchT.fit(r, GarchFitOptions.DEFAULT).params();
      variance[a] = filter(params[a], r);
      for (int t = 0; t < n; t++) {
        int i = row[t + 1];
        double prev = s.close(row[t]);
        double sd = Math.sqrt(variance[a][t]);
        z[0][a][t] = Math.log(s.open(i) / prev) / sd;
        z[1][a][t] = Math.log(s.high(i) / prev) / sd;
        z[2][a][t] = Math.log(s.low(i) / prev) / sd;
        z[3][a][t] = r[t] / sd;
        qv[a][t] = s.quoteVolume(i);
        vol[a][t] = s.volume(i);
      }
    }
    return new HistorySimulator(
        List.copyOf(symbols),
        Arrays.copyOfRange(common, 1, common.length),
        firstClose,
        params,
        variance,
        z,
        qv,
        vol);
  }

  /** The assets, in the order of the series fitted. */
  public List<String> symbols() {
    return symbols;
  }

  /** Each asset's fitted GARCH(1,1)-t, in the order of {@link #symbols()}. */
  public List<GarchTParams> params() {
    return List.of(params);
  }

  /** Hours per simulated history. */
  public int hours() {
    return timeMs.length;
  }

  /**
   * One simulated history of every asset, in the order of {@link #symbols()}.
   *
   * @param blockHours the bootstrap block, at least 1 (24 keeps a day; a week keeps crashes that
   *     unfold over days)
   * @param seed the history's seed: the same seed, the same history
   */
  public List<BarSeries> draw(int blockHours, long seed) {
    if (blockHours < 1) {
      throw new IllegalArgumentException("blockHours must be at least 1, was " + blockHours);
    }
    int n = timeMs.length;
    int block = Math.min(blockHours, n);
    int[] source = new int[n];
    SplittableRandom rng = new SplittableRandom(seed);
    for (int t = 0; t < n; t += block) {
      int start = rng.nextInt(n - block + 1);
      for (int j = 0; j < block && t + j < n; j++) {
        source[t + j] = start + j;
      }
    }
    List<BarSeries> out = new ArrayList<>(symbols.size());
    for (int a = 0; a < symbols.size(); a++) {
      out.add(asset(a, source));
    }
    return out;
  }

  /** Asset {@code a}'s simulated series over the drawn hours {@code source}. */
  private BarSeries asset(int a, int[] source) {
    int n = source.length;
    double[] o = new double[n];
    double[] h = new double[n];
    double[] l = new double[n];
    double[] c = new double[n];
    double[] v = new double[n];
    double[] q = new double[n];
    GarchTParams p = params[a];
    double var = variance[a][source[0]];
    double prev = firstClose[a];
    for (int t = 0; t < n; t++) {
      int s = source[t];
      double sd = Math.sqrt(var);
      o[t] = prev * Math.exp(sd * zOpen[a][s]);
      h[t] = prev * Math.exp(sd * zHigh[a][s]);
      l[t] = prev * Math.exp(sd * zLow[a][s]);
      double ret = sd * zClose[a][s];
      c[t] = prev * Math.exp(ret);
      q[t] = quoteVolume[a][s];
      v[t] = Double.isNaN(q[t]) ? volume[a][s] : q[t] / c[t];
      var = p.nextVariance(var, ret);
      prev = c[t];
    }
    return BarSeries.adopting(symbols.get(a), BarInterval.H1, timeMs.clone(), o, h, l, c, v, q);
  }

  /** σ²_t of each return, from the sample's mean square, by the fitted recursion. */
  private static double[] filter(GarchTParams p, double[] r) {
    double ms = 0;
    for (double x : r) {
      ms += x * x;
    }
    double[] out = new double[r.length];
    double var = ms / r.length;
    for (int t = 0; t < r.length; t++) {
      out[t] = var;
      var = p.nextVariance(var, r[t] - p.mu());
    }
    return out;
  }

  /** The open times every series has, ascending. */
  private static long[] commonHours(List<BarSeries> market) {
    long[] common = market.get(0).openTimesMs();
    for (int i = 1; i < market.size(); i++) {
      long[] other = market.get(i).openTimesMs();
      long[] both = new long[Math.min(common.length, other.length)];
      int m = 0;
      int j = 0;
      for (long t : common) {
        while (j < other.length && other[j] < t) {
          j++;
        }
        if (j < other.length && other[j] == t) {
          both[m++] = t;
        }
      }
      common = Arrays.copyOf(both, m);
    }
    return common;
  }

  /** The row of each of {@code times} in {@code s} (every one is there). */
  private static int[] rows(BarSeries s, long[] times) {
    int[] out = new int[times.length];
    int j = 0;
    for (int t = 0; t < times.length; t++) {
      while (s.openTimeMs(j) < times[t]) {
        j++;
      }
      out[t] = j;
    }
    return out;
  }
}

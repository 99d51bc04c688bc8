package io.liqopt.core.feature;

import io.liqopt.core.market.BarSeries;
import java.util.List;
import java.util.Objects;

/**
 * Computes the {@link #SCHEMA} features of a bar series: one pass per feature family, all windows
 * by prefix sums, so a five-year hourly series takes milliseconds.
 *
 * <p>Definitions (r<sub>i</sub> = ln(C<sub>i</sub>/C<sub>i−1</sub>), the log return into bar i from
 * the previous bar present; a window "W h at t" holds the bars with open time in (T<sub>t</sub> −
 * W, T<sub>t</sub>] and is defined only once the series reaches back W hours before T<sub>t</sub>):
 *
 * <ul>
 *   <li>{@code ret_Wh}: ln(C<sub>t</sub>/C<sub>j</sub>), j the last bar at or before T<sub>t</sub>
 *       − W;
 *   <li>{@code log_rv_1d|1w|1m}: the HAR components of Corsi (2009, J. Financial Econometrics
 *       7(2)), ln Σr² over 24 h, ln(Σr² over 168 h / 7), ln(Σr² over 720 h / 30): daily-scale
 *       realised variance;
 *   <li>{@code log_parkinson_1d}: Parkinson (1980, J. Business 53(1)), per bar (ln H/L)²/(4 ln 2);
 *       {@code log_garman_klass_1d}: Garman and Klass (1980, J. Business 53(1)), ½(ln H/L)² − (2 ln
 *       2 − 1)(ln C/O)²; {@code log_rogers_satchell_1d}: Rogers and Satchell (1991, Ann. Appl.
 *       Prob. 1(4)), ln(H/C)ln(H/O) + ln(L/C)ln(L/O); each the window mean × 24; {@code
 *       log_yang_zhang_1d}: Yang and Zhang (2000, J. Business 73(3)), σ²<sub>o</sub> +
 *       kσ²<sub>c</sub> + (1−k)σ²<sub>RS</sub> with k = 0.34/(1.34 + (m+1)/(m−1)), σ²<sub>o</sub>
 *       and σ²<sub>c</sub> the sample variances of ln(O<sub>i</sub>/C<sub>i−1</sub>) and
 *       ln(C<sub>i</sub>/O<sub>i</sub>) over the m bars of the window, × 24;
 *   <li>{@code log_ewma_var}: RiskMetrics (J.P. Morgan 1996) σ²<sub>t</sub> = λσ²<sub>t−1</sub> +
 *       (1−λ)r²<sub>t</sub>/g<sub>t</sub>, λ = 0.94, per hour (g<sub>t</sub> is the hours spanned
 *       by r<sub>t</sub>: 1 except across a gap), started at r²<sub>1</sub> and defined after a 720
 *       h warm-up (0.94<sup>720</sup> ≈ 5e−20);
 *   <li>{@code log_quote_volume_1d}: ln Σ quote volume over 24 h (base volume × close where the
 *       quote volume is unknown); {@code volume_surprise}: ln(24 h quote volume / mean daily quote
 *       volume over 720 h); {@code log_amihud_1d}: Amihud (2002, J. Financial Markets 5(1))
 *       illiquidity, here the ratio of sums ln(Σ|r| / Σ quote volume) over 24 h, which stays
 *       defined when a single bar has no volume (undefined when the whole day has none);
 *   <li>{@code jump_share_1d}: max(0, 1 − BV/RV) over 24 h, BV =
 *       (π/2)Σ|r<sub>i</sub>||r<sub>i−1</sub>| the bipower variation of Barndorff-Nielsen and
 *       Shephard (2004, J. Financial Econometrics 2(1)): the share of realised variance due to
 *       jumps;
 *   <li>{@code drawdown_30d}: 1 − C<sub>t</sub> / max(H over 720 h);
 *   <li>{@code hour_sin|cos}, {@code dow_sin|cos}: the UTC hour of day and day of week at the close
 *       of bar t (T<sub>t</sub> + one interval), on the circle;
 *   <li>{@code mkt_ret_24h}, {@code mkt_log_rv_1d}: {@code ret_24h} and {@code log_rv_1d} of the
 *       market series (BTC) at its last bar at or before T<sub>t</sub>.
 * </ul>
 *
 * Variances are floored at {@link #VARIANCE_FLOOR} before the logarithm so that a flat window gives
 * a very negative number rather than −∞. Windows are in hours of time for any bar interval.
 *
 * <p>Stateless and thread-safe.
 */
public final class FeatureCalculator {
  /** The calculator with the RiskMetrics λ = 0.94. */
  public static final FeatureCalculator DEFAULT = new FeatureCalculator();

  /** The schema this calculator produces. */
  public static final FeatureSchema SCHEMA =
      new FeatureSchema(
          "1",
          List.of(
              "ret_1h",
              "ret_6h",
              "ret_24h",
              "ret_168h",
              "log_rv_1d",
              "log_rv_1w",
              "log_rv_1m",
              "log_parkinson_1d",
              "log_garman_klass_1d",
              "log_rogers_satchell_1d",
              "log_yang_zhang_1d",
              "log_ewma_var",
              "log_quote_volume_1d",
              "volume_surprise",
              "log_amihud_1d",
              "jump_share_1d",
              "drawdown_30d",
              "hour_sin",
              "hour_cos",
              "dow_sin",
              "dow_cos",
              "mkt_ret_24h",
              "mkt_log_rv_1d"));

  /** RiskMetrics decay for hourly variance. */
  public static final double EWMA_LAMBDA = 0.94;

  /** The smallest variance taken to the logarithm. */
  public static final double VARIANCE_FLOOR = 1e-20;

  static final long HOUR_MS = 3_600_000L;
  private static final long DAY_MS = 24 * HOUR_MS;
  private static final int DAY_H = 24;
  private static final int WEEK_H = 168;
  private static final int MONTH_H = 720;
  private static final long EWMA_WARMUP_MS = MONTH_H * HOUR_MS;
  private static final double PARKINSON_SCALE = 1 / (4 * Math.log(2));
  private static final double GARMAN_KLASS_C = 2 * Math.log(2) - 1;

  private FeatureCalculator() {}

  /**
   * The features of {@code series}, with the market factor taken from {@code market} (pass the
   * series itself when it is the market).
   *
   * @throws IllegalArgumentException if the series is empty
   */
  public FeatureMatrix compute(BarSeries series, BarSeries market) {
    Objects.requireNonNull(series, "series");
    Objects.requireNonNull(market, "market");
    if (series.isEmpty()) {
      throw new IllegalArgumentException(
          "no bars of " + series.symbol() + " to compute features on");
    }
    Prepared p = new Prepared(series);
    double[][] cols = new double[SCHEMA.size()][];
    int k = 0;
    cols[k++] = p.returnOver(1);
    cols[k++] = p.returnOver(6);
    cols[k++] = p.returnOver(DAY_H);
    cols[k++] = p.returnOver(WEEK_H);
    cols[k++] = p.logRealisedVariance(DAY_H, 1);
    cols[k++] = p.logRealisedVariance(WEEK_H, 7);
    cols[k++] = p.logRealisedVariance(MONTH_H, 30);
    double[][] range = p.rangeVariances(DAY_H);
    System.arraycopy(range, 0, cols, k, range.length);
    k += range.length;
    cols[k++] = p.logEwmaVariance();
    double[][] vol = p.volumeFeatures();
    System.arraycopy(vol, 0, cols, k, vol.length);
    k += vol.length;
    cols[k++] = p.jumpShare(DAY_H);
    cols[k++] = p.drawdown(MONTH_H);
    double[][] time = p.calendar();
    System.arraycopy(time, 0, cols, k, time.length);
    k += time.length;
    double[][] mkt = marketFactor(series, market == series ? p : new Prepared(market));
    cols[k++] = mkt[0];
    cols[k++] = mkt[1];
    if (k != cols.length) {
      throw new IllegalStateException(
          "computed " + k + " feature columns, schema has " + cols.length);
    }
    return new FeatureMatrix(series.symbol(), SCHEMA, series.openTimesMs(), cols);
  }

  /**
   * The market's 24 h return and log daily RV aligned to the last market bar at or before each bar.
   */
  private static double[][] marketFactor(BarSeries series, Prepared market) {
    double[] mRet = market.returnOver(DAY_H);
    double[] mRv = market.logRealisedVariance(DAY_H, 1);
    int n = series.size();
    double[] ret = new double[n];
    double[] rv = new double[n];
    int j = -1;
    for (int t = 0; t < n; t++) {
      long time = series.openTimeMs(t);
      while (j + 1 < market.n && market.times[j + 1] <= time) {
        j++;
      }
      ret[t] = j < 0 ? Double.NaN : mRet[j];
      rv[t] = j < 0 ? Double.NaN : mRv[j];
    }
    return new double[][] {ret, rv};
  }

  /** Columns and per-bar terms of one series, shared by the feature families. */
  private static final class Prepared {
    final int n;
    final long[] times;
    final long intervalMs;
    final double[] open;
    final double[] high;
    final double[] low;
    final double[] close;
    final double[] quoteVolume;

    /** r[i] = ln(C_i / C_{i−1}); r[0] = 0 (never inside a defined window). */
    final double[] ret;

    final double[] sqRet;

    Prepared(BarSeries s) {
      n = s.size();
      times = s.openTimesMs();
      intervalMs = s.interval().millis();
      open = s.opens();
      high = s.highs();
      low = s.lows();
      close = s.closes();
      double[] vol = s.volumes();
      quoteVolume = s.quoteVolumes();
      for (int i = 0; i < n; i++) {
        if (!Double.isFinite(quoteVolume[i])) {
          quoteVolume[i] = vol[i] * close[i];
        }
      }
      ret = new double[n];
      sqRet = new double[n];
      for (int i = 1; i < n; i++) {
        ret[i] = Math.log(close[i] / close[i - 1]);
        sqRet[i] = ret[i] * ret[i];
      }
    }

    /** start[t] = the first bar of the window of {@code hours} ending at t; −1 if undefined. */
    int[] windowStarts(int hours) {
      long w = hours * HOUR_MS;
      int[] start = new int[n];
      int s = 0;
      for (int t = 0; t < n; t++) {
        long from = times[t] - w;
        if (from < times[0]) {
          start[t] = -1;
          continue;
        }
        while (times[s] <= from) {
          s++;
        }
        start[t] = s;
      }
      return start;
    }

    static double[] prefix(double[] x) {
      double[] p = new double[x.length + 1];
      for (int i = 0; i < x.length; i++) {
        p[i + 1] = p[i] + x[i];
      }
      return p;
    }

    /**
     * Σ x over [start[t], t]; callers floor sums of non-negative terms (logVariance, max(0, ·)).
     */
    static double windowSum(double[] prefix, int start, int t) {
      return prefix[t + 1] - prefix[start];
    }

    double[] returnOver(int hours) {
      int[] start = windowStarts(hours);
      double[] out = new double[n];
      for (int t = 0; t < n; t++) {
        out[t] = start[t] < 0 ? Double.NaN : Math.log(close[t] / close[start[t] - 1]);
      }
      return out;
    }

    double[] logRealisedVariance(int hours, int days) {
      int[] start = windowStarts(hours);
      double[] p = prefix(sqRet);
      double[] out = new double[n];
      for (int t = 0; t < n; t++) {
        out[t] = start[t] < 0 ? Double.NaN : logVariance(windowSum(p, start[t], t) / days);
      }
      return out;
    }

    /** Parkinson, Garman–Klass, Rogers–Satchell and Yang–Zhang, daily scale, logged. */
    double[][] rangeVariances(int hours) {
      double[] pk = new double[n];
      double[] gk = new double[n];
      double[] rs = new double[n];
      double[] o = new double[n];
      double[] o2 = new double[n];
      double[] c = new double[n];
      double[] c2 = new double[n];
      for (int i = 0; i < n; i++) {
        double hl = Math.log(high[i] / low[i]);
        double co = Math.log(close[i] / open[i]);
        pk[i] = PARKINSON_SCALE * hl * hl;
        gk[i] = 0.5 * hl * hl - GARMAN_KLASS_C * co * co;
        rs[i] =
            Math.log(high[i] / close[i]) * Math.log(high[i] / open[i])
                + Math.log(low[i] / close[i]) * Math.log(low[i] / open[i]);
        o[i] = i == 0 ? 0 : Math.log(open[i] / close[i - 1]);
        o2[i] = o[i] * o[i];
        c[i] = co;
        c2[i] = co * co;
      }
      double[] ppk = prefix(pk);
      double[] pgk = prefix(gk);
      double[] prs = prefix(rs);
      double[] po = prefix(o);
      double[] po2 = prefix(o2);
      double[] pc = prefix(c);
      double[] pc2 = prefix(c2);
      int[] start = windowStarts(hours);
      double barsPerDay = (double) DAY_MS / intervalMs;
      double[][] out = new double[4][n];
      for (int t = 0; t < n; t++) {
        int s = start[t];
        if (s < 0) {
          for (double[] col : out) {
            col[t] = Double.NaN;
          }
          continue;
        }
        int m = t - s + 1;
        double meanPk = windowSum(ppk, s, t) / m;
        double meanGk = windowSum(pgk, s, t) / m;
        double meanRs = windowSum(prs, s, t) / m;
        out[0][t] = logVariance(barsPerDay * meanPk);
        out[1][t] = logVariance(barsPerDay * meanGk);
        out[2][t] = logVariance(barsPerDay * meanRs);
        if (m < 2) {
          out[3][t] = Double.NaN;
        } else {
          double varO = sampleVariance(windowSum(po, s, t), windowSum(po2, s, t), m);
          double varC = sampleVariance(windowSum(pc, s, t), windowSum(pc2, s, t), m);
          double k = 0.34 / (1.34 + (m + 1.0) / (m - 1.0));
          out[3][t] = logVariance(barsPerDay * (varO + k * varC + (1 - k) * meanRs));
        }
      }
      return out;
    }

    double[] logEwmaVariance() {
      double[] out = new double[n];
      double var = Double.NaN;
      for (int t = 0; t < n; t++) {
        if (t == 1) {
          var = sqRet[1] / hoursSpanned(1);
        } else if (t > 1) {
          var = EWMA_LAMBDA * var + (1 - EWMA_LAMBDA) * sqRet[t] / hoursSpanned(t);
        }
        out[t] = times[t] - times[0] < EWMA_WARMUP_MS ? Double.NaN : logVariance(var);
      }
      return out;
    }

    /** Hours spanned by r[t] (1 on an hourly grid without a gap), at least 1. */
    private double hoursSpanned(int t) {
      return Math.max(1.0, (double) (times[t] - times[t - 1]) / HOUR_MS);
    }

    /** log quote volume 1d, volume surprise, log Amihud 1d. */
    double[][] volumeFeatures() {
      double[] absRet = new double[n];
      for (int i = 0; i < n; i++) {
        absRet[i] = Math.abs(ret[i]);
      }
      double[] pq = prefix(quoteVolume);
      double[] pa = prefix(absRet);
      int[] day = windowStarts(DAY_H);
      int[] month = windowStarts(MONTH_H);
      double[][] out = new double[3][n];
      for (int t = 0; t < n; t++) {
        if (day[t] < 0) {
          out[0][t] = out[1][t] = out[2][t] = Double.NaN;
          continue;
        }
        double qv = Math.max(0, windowSum(pq, day[t], t));
        out[0][t] = qv > 0 ? Math.log(qv) : Double.NaN;
        double qvMonthPerDay =
            month[t] < 0 ? Double.NaN : Math.max(0, windowSum(pq, month[t], t)) / 30;
        out[1][t] = qv > 0 && qvMonthPerDay > 0 ? Math.log(qv / qvMonthPerDay) : Double.NaN;
        out[2][t] =
            qv > 0 ? Math.log(Math.max(windowSum(pa, day[t], t), VARIANCE_FLOOR) / qv) : Double.NaN;
      }
      return out;
    }

    double[] jumpShare(int hours) {
      double[] bp = new double[n];
      for (int i = 2; i < n; i++) {
        bp[i] = Math.abs(ret[i]) * Math.abs(ret[i - 1]);
      }
      double[] pb = prefix(bp);
      double[] pr = prefix(sqRet);
      int[] start = windowStarts(hours);
      double[] out = new double[n];
      for (int t = 0; t < n; t++) {
        if (start[t] < 0) {
          out[t] = Double.NaN;
          continue;
        }
        double rv = windowSum(pr, start[t], t);
        double bv = Math.PI / 2 * windowSum(pb, start[t], t);
        out[t] = rv > VARIANCE_FLOOR ? Math.max(0, 1 - bv / rv) : 0;
      }
      return out;
    }

    /** 1 − C_t / max(H over the window), by a monotone deque of window maxima. */
    double[] drawdown(int hours) {
      int[] start = windowStarts(hours);
      double[] out = new double[n];
      int[] deque = new int[n];
      int head = 0;
      int tail = 0;
      for (int t = 0; t < n; t++) {
        while (tail > head && high[deque[tail - 1]] <= high[t]) {
          tail--;
        }
        deque[tail++] = t;
        if (start[t] < 0) {
          out[t] = Double.NaN;
          continue;
        }
        while (deque[head] < start[t]) {
          head++;
        }
        out[t] = 1 - close[t] / high[deque[head]];
      }
      return out;
    }

    double[][] calendar() {
      double[][] out = new double[4][n];
      for (int t = 0; t < n; t++) {
        long closeMs = times[t] + intervalMs;
        double hour = Math.floorMod(closeMs, DAY_MS) / (double) HOUR_MS;
        long day = Math.floorDiv(closeMs, DAY_MS);
        // 1970-01-01 was a Thursday: +3 makes Monday 0
        double dow = Math.floorMod(day + 3, 7) + hour / 24;
        out[0][t] = Math.sin(2 * Math.PI * hour / 24);
        out[1][t] = Math.cos(2 * Math.PI * hour / 24);
        out[2][t] = Math.sin(2 * Math.PI * dow / 7);
        out[3][t] = Math.cos(2 * Math.PI * dow / 7);
      }
      return out;
    }
  }

  private static double sampleVariance(double sum, double sumSq, int m) {
    return Math.max(0, (sumSq - sum * sum / m) / (m - 1));
  }

  private static double logVariance(double v) {
    return Math.log(Math.max(v, VARIANCE_FLOOR));
  }
}

package io.liqopt.core.feature;

import static io.liqopt.core.feature.FeatureCalculator.EWMA_LAMBDA;
import static io.liqopt.core.feature.FeatureCalculator.HOUR_MS;
import static io.liqopt.core.feature.FeatureCalculator.VARIANCE_FLOOR;

import io.liqopt.core.market.BarSeries;

/**
 * The feature families of one series (returns, realised and range variances, EWMA variance, volume,
 * jumps, drawdown, calendar), each a column over the series' bars; {@link FeatureCalculator}
 * assembles them into its schema, where the definitions are given. The columns and per-bar terms
 * are read once here and shared by the families; every window sum comes from a prefix sum.
 *
 * <p>Holds the arrays of one {@link FeatureCalculator#compute} call; not shared between threads.
 */
final class SeriesFeatures {
  static final int DAY_H = 24;
  static final int WEEK_H = 168;
  static final int MONTH_H = 720;
  private static final long DAY_MS = DAY_H * HOUR_MS;
  private static final long EWMA_WARMUP_MS = MONTH_H * HOUR_MS;
  private static final double PARKINSON_SCALE = 1 / (4 * Math.log(2));
  private static final double GARMAN_KLASS_C = 2 * Math.log(2) - 1;

  private final int n;
  private final long[] times;
  private final long intervalMs;
  private final double[] open;
  private final double[] high;
  private final double[] low;
  private final double[] close;

  /** Quote volume per bar, base volume × close where the quote volume is unknown. */
  private final double[] quoteVolume;

  /** r[i] = ln(C_i / C_{i−1}); r[0] = 0 (never inside a defined window). */
  private final double[] ret;

  private final double[] sqRet;

  /** Reads the columns of {@code s} and the per-bar returns every family uses. */
  SeriesFeatures(BarSeries s) {
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

  /** The number of bars. */
  int size() {
    return n;
  }

  /** The open time of bar {@code i}, epoch ms. */
  long openTimeMs(int i) {
    return times[i];
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

  /** p[i] = Σ_{j<i} x[j], so that any window sum is one subtraction. */
  static double[] prefix(double[] x) {
    double[] p = new double[x.length + 1];
    for (int i = 0; i < x.length; i++) {
      p[i + 1] = p[i] + x[i];
    }
    return p;
  }

  /** Σ x over [start[t], t]; callers floor sums of non-negative terms (logVariance, max(0, ·)). */
  static double windowSum(double[] prefix, int start, int t) {
    return prefix[t + 1] - prefix[start];
  }

  /** {@code ret_Wh}: the log return over the window of {@code hours} ending at each bar. */
  double[] returnOver(int hours) {
    int[] start = windowStarts(hours);
    double[] out = new double[n];
    for (int t = 0; t < n; t++) {
      out[t] = start[t] < 0 ? Double.NaN : Math.log(close[t] / close[start[t] - 1]);
    }
    return out;
  }

  /** ln(Σ r² over the window of {@code hours} / {@code days}): daily-scale realised variance. */
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

  /**
   * The RiskMetrics EWMA variance per hour, logged; NaN during the warm-up. On bars shorter than an
   * hour the decay is λ per hour of time (λ<sup>d</sup> per bar of d hours) and each squared return
   * is scaled to an hour, so the memory and the level in hours do not depend on the bar length; on
   * hourly and longer bars the recursion is the one in {@link FeatureCalculator}'s definition.
   */
  double[] logEwmaVariance() {
    double barHours = (double) intervalMs / HOUR_MS;
    double lambda = barHours < 1 ? Math.pow(EWMA_LAMBDA, barHours) : EWMA_LAMBDA;
    double minSpan = Math.min(1.0, barHours);
    double[] out = new double[n];
    double var = Double.NaN;
    for (int t = 0; t < n; t++) {
      if (t == 1) {
        var = sqRet[1] / hoursSpanned(1, minSpan);
      } else if (t > 1) {
        var = lambda * var + (1 - lambda) * sqRet[t] / hoursSpanned(t, minSpan);
      }
      out[t] = times[t] - times[0] < EWMA_WARMUP_MS ? Double.NaN : logVariance(var);
    }
    return out;
  }

  /**
   * Hours spanned by r[t], at least {@code minSpan} (one bar; 1 on an hourly grid without a gap).
   */
  private double hoursSpanned(int t, double minSpan) {
    return Math.max(minSpan, (double) (times[t] - times[t - 1]) / HOUR_MS);
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

  /** max(0, 1 − BV/RV) over the window of {@code hours}: the share of variance due to jumps. */
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

  /** sin and cos of the UTC hour of day and of the day of week at each bar's close. */
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

  /** The sample variance (divisor m − 1) from a sum and a sum of squares, floored at 0. */
  private static double sampleVariance(double sum, double sumSq, int m) {
    return Math.max(0, (sumSq - sum * sum / m) / (m - 1));
  }

  /** ln v with v floored at {@link FeatureCalculator#VARIANCE_FLOOR}: a flat window is finite. */
  private static double logVariance(double v) {
    return Math.log(Math.max(v, VARIANCE_FLOOR));
  }
}

package io.liqopt.core.market;

import io.liqopt.core.Checks;
import java.time.Instant;
import java.util.Arrays;

/**
 * Accumulates bars in time order under the import rules, then builds a {@link BarSeries}.
 *
 * <ul>
 *   <li>values must pass {@link BarDefect#ofValues};
 *   <li>open times strictly increase and stay on the grid set by the first bar;
 *   <li>a bar with the same time and bit-identical values as the last one is an exact duplicate:
 *       dropped and counted;
 *   <li>same time, different values: {@link BarDefect#CONFLICTING_DUPLICATE};
 *   <li>earlier time: {@link BarDefect#OUT_OF_ORDER}.
 * </ul>
 *
 * A refused bar leaves the builder unchanged, so callers may skip it and go on. Not thread-safe.
 */
public final class BarSeriesBuilder {
  private final String symbol;
  private final BarInterval interval;
  private long[] t;
  private double[] o;
  private double[] h;
  private double[] l;
  private double[] c;
  private double[] v;
  private double[] qv;
  private int n;
  private long duplicatesDropped;

  /** What {@link #append} did with a valid bar. */
  public enum Appended {
    ACCEPTED,
    DUPLICATE_DROPPED
  }

  public BarSeriesBuilder(String symbol, BarInterval interval) {
    this(symbol, interval, 1024);
  }

  public BarSeriesBuilder(String symbol, BarInterval interval, int expectedBars) {
    this.symbol = Checks.notBlank(symbol, "symbol");
    this.interval = interval;
    int cap = Math.max(16, expectedBars);
    t = new long[cap];
    o = new double[cap];
    h = new double[cap];
    l = new double[cap];
    c = new double[cap];
    v = new double[cap];
    qv = new double[cap];
  }

  /**
   * Appends one bar.
   *
   * @param quoteVolume NaN when unknown
   * @throws BarRejectedException when the bar breaks a rule; the builder is unchanged
   */
  public Appended append(
      long openTimeMs,
      double open,
      double high,
      double low,
      double close,
      double volume,
      double quoteVolume) {
    BarDefect d = BarDefect.ofValues(open, high, low, close, volume, quoteVolume);
    if (d != null) {
      throw new BarRejectedException(d, d.description(), -1);
    }
    if (n > 0) {
      long last = t[n - 1];
      if (openTimeMs == last) {
        if (Bar.same(open, o[n - 1])
            && Bar.same(high, h[n - 1])
            && Bar.same(low, l[n - 1])
            && Bar.same(close, c[n - 1])
            && Bar.same(volume, v[n - 1])
            && Bar.same(quoteVolume, qv[n - 1])) {
          duplicatesDropped++;
          return Appended.DUPLICATE_DROPPED;
        }
        throw new BarRejectedException(
            BarDefect.CONFLICTING_DUPLICATE,
            "conflicting duplicate at " + Instant.ofEpochMilli(openTimeMs),
            n - 1);
      }
      if (openTimeMs < last) {
        throw new BarRejectedException(
            BarDefect.OUT_OF_ORDER,
            "time "
                + Instant.ofEpochMilli(openTimeMs)
                + " is before the previous bar at "
                + Instant.ofEpochMilli(last),
            n - 1);
      }
      if ((openTimeMs - t[0]) % interval.millis() != 0) {
        throw new BarRejectedException(
            BarDefect.BAD_BAR_LENGTH,
            "time "
                + Instant.ofEpochMilli(openTimeMs)
                + " is not on the "
                + interval
                + " grid of "
                + Instant.ofEpochMilli(t[0]),
            -1);
      }
    }
    if (n == t.length) {
      grow();
    }
    t[n] = openTimeMs;
    o[n] = open;
    h[n] = high;
    l[n] = low;
    c[n] = close;
    v[n] = volume;
    qv[n] = quoteVolume;
    n++;
    return Appended.ACCEPTED;
  }

  private void grow() {
    int cap = t.length * 2;
    t = Arrays.copyOf(t, cap);
    o = Arrays.copyOf(o, cap);
    h = Arrays.copyOf(h, cap);
    l = Arrays.copyOf(l, cap);
    c = Arrays.copyOf(c, cap);
    v = Arrays.copyOf(v, cap);
    qv = Arrays.copyOf(qv, cap);
  }

  /** Bars accepted so far. */
  public int size() {
    return n;
  }

  /** Exact duplicates dropped so far. */
  public long duplicatesDropped() {
    return duplicatesDropped;
  }

  /** The series of the accepted bars. The builder must not be used afterwards. */
  public BarSeries build() {
    BarSeries s =
        BarSeries.ofValidated(
            symbol,
            interval,
            Arrays.copyOf(t, n),
            Arrays.copyOf(o, n),
            Arrays.copyOf(h, n),
            Arrays.copyOf(l, n),
            Arrays.copyOf(c, n),
            Arrays.copyOf(v, n),
            Arrays.copyOf(qv, n));
    t = null;
    return s;
  }
}

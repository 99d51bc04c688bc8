package io.liqopt.core.market;

import io.liqopt.core.Checks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A validated, immutable series of bars of one symbol and interval, stored column by column in
 * primitive arrays so that feature code and the backtest can sweep millions of bars quickly.
 *
 * <p>Invariants, checked on construction: every bar passes {@link BarDefect#ofValues}; open times
 * are strictly increasing and lie on one grid of the interval (all differences are multiples of the
 * interval length). Missing bars are allowed and reported by {@link #gaps()}; nothing is filled.
 *
 * <p>Thread-safe: the arrays are never modified after construction and never handed out.
 */
public final class BarSeries {
  private final String symbol;
  private final BarInterval interval;
  private final long[] openTimeMs;
  private final double[] open;
  private final double[] high;
  private final double[] low;
  private final double[] close;
  private final double[] volume;
  private final double[] quoteVolume;

  private BarSeries(
      String symbol,
      BarInterval interval,
      long[] openTimeMs,
      double[] open,
      double[] high,
      double[] low,
      double[] close,
      double[] volume,
      double[] quoteVolume,
      boolean validated) {
    this.symbol = Checks.notBlank(symbol, "symbol");
    this.interval = Objects.requireNonNull(interval, "interval");
    int n = openTimeMs.length;
    if (open.length != n
        || high.length != n
        || low.length != n
        || close.length != n
        || volume.length != n
        || quoteVolume.length != n) {
      throw new IllegalArgumentException("columns of " + symbol + " differ in length");
    }
    this.openTimeMs = openTimeMs;
    this.open = open;
    this.high = high;
    this.low = low;
    this.close = close;
    this.volume = volume;
    this.quoteVolume = quoteVolume;
    if (!validated) {
      validate();
    }
  }

  /**
   * Creates a series from columns, copying them. Quote volume entries may be NaN (unknown).
   *
   * @throws IllegalArgumentException naming the first offending bar when an invariant fails
   */
  public static BarSeries of(
      String symbol,
      BarInterval interval,
      long[] openTimeMs,
      double[] open,
      double[] high,
      double[] low,
      double[] close,
      double[] volume,
      double[] quoteVolume) {
    return adopting(
        symbol,
        interval,
        openTimeMs.clone(),
        open.clone(),
        high.clone(),
        low.clone(),
        close.clone(),
        volume.clone(),
        quoteVolume.clone());
  }

  /**
   * Creates a series taking ownership of the arrays instead of copying them: the caller must not
   * keep or modify them. Validated like {@link #of}. Used where columns are freshly decoded.
   */
  public static BarSeries adopting(
      String symbol,
      BarInterval interval,
      long[] openTimeMs,
      double[] open,
      double[] high,
      double[] low,
      double[] close,
      double[] volume,
      double[] quoteVolume) {
    return new BarSeries(
        symbol, interval, openTimeMs, open, high, low, close, volume, quoteVolume, false);
  }

  /**
   * Takes ownership of columns that {@link BarSeriesBuilder} has already checked bar by bar, so
   * they are not validated a second time.
   */
  static BarSeries ofValidated(
      String symbol,
      BarInterval interval,
      long[] openTimeMs,
      double[] open,
      double[] high,
      double[] low,
      double[] close,
      double[] volume,
      double[] quoteVolume) {
    return new BarSeries(
        symbol, interval, openTimeMs, open, high, low, close, volume, quoteVolume, true);
  }

  /** An empty series. */
  public static BarSeries empty(String symbol, BarInterval interval) {
    return ofValidated(
        symbol,
        interval,
        new long[0],
        new double[0],
        new double[0],
        new double[0],
        new double[0],
        new double[0],
        new double[0]);
  }

  private void validate() {
    long step = interval.millis();
    for (int i = 0; i < openTimeMs.length; i++) {
      BarDefect d =
          BarDefect.ofValues(open[i], high[i], low[i], close[i], volume[i], quoteVolume[i]);
      if (d != null) {
        throw new IllegalArgumentException(describe(i) + ": " + d.description());
      }
      if (i > 0) {
        long dt = openTimeMs[i] - openTimeMs[i - 1];
        if (dt <= 0) {
          throw new IllegalArgumentException(
              describe(i) + ": " + BarDefect.OUT_OF_ORDER.description());
        }
        if (dt % step != 0) {
          throw new IllegalArgumentException(
              describe(i) + ": " + BarDefect.BAD_BAR_LENGTH.description());
        }
      }
    }
  }

  private String describe(int i) {
    return symbol
        + " "
        + interval
        + " bar "
        + i
        + " at "
        + java.time.Instant.ofEpochMilli(openTimeMs[i]);
  }

  public String symbol() {
    return symbol;
  }

  public BarInterval interval() {
    return interval;
  }

  /** Number of bars. */
  public int size() {
    return openTimeMs.length;
  }

  public boolean isEmpty() {
    return openTimeMs.length == 0;
  }

  public long openTimeMs(int i) {
    return openTimeMs[i];
  }

  public double open(int i) {
    return open[i];
  }

  public double high(int i) {
    return high[i];
  }

  public double low(int i) {
    return low[i];
  }

  public double close(int i) {
    return close[i];
  }

  public double volume(int i) {
    return volume[i];
  }

  /** Quote volume of bar {@code i}, NaN when unknown. */
  public double quoteVolume(int i) {
    return quoteVolume[i];
  }

  /** Open time of the first bar; the series must not be empty. */
  public long firstOpenTimeMs() {
    return openTimeMs[0];
  }

  /** Open time of the last bar; the series must not be empty. */
  public long lastOpenTimeMs() {
    return openTimeMs[openTimeMs.length - 1];
  }

  /** Bar {@code i} as a value object. */
  public Bar bar(int i) {
    return new Bar(
        symbol, openTimeMs[i], open[i], high[i], low[i], close[i], volume[i], quoteVolume[i]);
  }

  /** Copies of the columns, for bulk numeric work. */
  public long[] openTimesMs() {
    return openTimeMs.clone();
  }

  public double[] opens() {
    return open.clone();
  }

  public double[] highs() {
    return high.clone();
  }

  public double[] lows() {
    return low.clone();
  }

  public double[] closes() {
    return close.clone();
  }

  public double[] volumes() {
    return volume.clone();
  }

  public double[] quoteVolumes() {
    return quoteVolume.clone();
  }

  /**
   * Index of the first bar whose open time is at or after {@code timeMs} ({@link #size()} if none).
   */
  public int indexAtOrAfter(long timeMs) {
    int i = Arrays.binarySearch(openTimeMs, timeMs);
    return i >= 0 ? i : -i - 1;
  }

  /** The bars with open time in [fromMs, toMs). */
  public BarSeries slice(long fromMs, long toMs) {
    int from = indexAtOrAfter(fromMs);
    int to = Math.max(from, indexAtOrAfter(toMs));
    return ofValidated(
        symbol,
        interval,
        Arrays.copyOfRange(openTimeMs, from, to),
        Arrays.copyOfRange(open, from, to),
        Arrays.copyOfRange(high, from, to),
        Arrays.copyOfRange(low, from, to),
        Arrays.copyOfRange(close, from, to),
        Arrays.copyOfRange(volume, from, to),
        Arrays.copyOfRange(quoteVolume, from, to));
  }

  /** Every hole in the series, in time order. */
  public List<Gap> gaps() {
    List<Gap> gaps = new ArrayList<>();
    long step = interval.millis();
    for (int i = 1; i < openTimeMs.length; i++) {
      long dt = openTimeMs[i] - openTimeMs[i - 1];
      if (dt > step) {
        gaps.add(new Gap(openTimeMs[i - 1], openTimeMs[i], dt / step - 1));
      }
    }
    return gaps;
  }

  /** True if bar {@code i} and bar {@code j} have bit-identical values (times included). */
  boolean sameBar(int i, BarSeries other, int j) {
    return openTimeMs[i] == other.openTimeMs[j]
        && Bar.same(open[i], other.open[j])
        && Bar.same(high[i], other.high[j])
        && Bar.same(low[i], other.low[j])
        && Bar.same(close[i], other.close[j])
        && Bar.same(volume[i], other.volume[j])
        && Bar.same(quoteVolume[i], other.quoteVolume[j]);
  }

  /** True if both series hold the same symbol, interval and bit-identical bars. */
  public boolean contentEquals(BarSeries other) {
    if (!symbol.equals(other.symbol) || interval != other.interval || size() != other.size()) {
      return false;
    }
    for (int i = 0; i < size(); i++) {
      if (!sameBar(i, other, i)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return isEmpty()
        ? symbol + " " + interval + " (empty)"
        : symbol
            + " "
            + interval
            + " "
            + size()
            + " bars "
            + java.time.Instant.ofEpochMilli(firstOpenTimeMs())
            + " .. "
            + java.time.Instant.ofEpochMilli(lastOpenTimeMs());
  }
}

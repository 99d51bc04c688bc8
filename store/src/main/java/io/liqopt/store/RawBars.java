package io.liqopt.store;

import io.liqopt.core.market.BarInterval;
import io.liqopt.core.market.BarSeries;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * Bar columns as read from a file, before validation: an importer feeds them row by row through the
 * bar rules, the store hands the columns to a series directly ({@link #toSeries}). Missing values
 * are NaN. Immutable: the reader that fills the columns hands them over and keeps no reference.
 */
public final class RawBars {
  private final long[] openTimeMs;
  private final double[] open;
  private final double[] high;
  private final double[] low;
  private final double[] close;
  private final double[] volume;
  private final double[] quoteVolume;
  private final Map<String, String> metadata;

  /**
   * Takes the columns over (no copy; the caller keeps no reference to them).
   *
   * @param metadata the file's key/value metadata (Parquet footer)
   */
  RawBars(
      long[] openTimeMs,
      double[] open,
      double[] high,
      double[] low,
      double[] close,
      double[] volume,
      double[] quoteVolume,
      Map<String, String> metadata) {
    int n = openTimeMs.length;
    if (open.length != n
        || high.length != n
        || low.length != n
        || close.length != n
        || volume.length != n
        || quoteVolume.length != n) {
      throw new IllegalArgumentException("bar columns differ in length");
    }
    this.openTimeMs = openTimeMs;
    this.open = open;
    this.high = high;
    this.low = low;
    this.close = close;
    this.volume = volume;
    this.quoteVolume = quoteVolume;
    this.metadata = Collections.unmodifiableMap(new HashMap<>(metadata));
  }

  public int rows() {
    return openTimeMs.length;
  }

  /** The file's key/value metadata (Parquet footer). */
  public Map<String, String> metadata() {
    return metadata;
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

  public double quoteVolume(int i) {
    return quoteVolume[i];
  }

  /**
   * The columns as a validated series, without copying them: both are immutable, so they may share
   * the arrays.
   *
   * @throws IllegalArgumentException naming the first offending bar when an invariant fails
   */
  public BarSeries toSeries(String symbol, BarInterval interval) {
    return BarSeries.adopting(
        symbol, interval, openTimeMs, open, high, low, close, volume, quoteVolume);
  }
}

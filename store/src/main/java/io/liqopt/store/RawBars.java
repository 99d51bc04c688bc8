package io.liqopt.store;

import java.util.Map;

/**
 * Bar columns as read from a file, before validation: an importer feeds them through the bar rules,
 * the store wraps them in a series directly. Missing values are NaN.
 *
 * @param metadata the file's key/value metadata (Parquet footer)
 */
public record RawBars(
    long[] openTimeMs,
    double[] open,
    double[] high,
    double[] low,
    double[] close,
    double[] volume,
    double[] quoteVolume,
    Map<String, String> metadata) {

  public int rows() {
    return openTimeMs.length;
  }
}

package io.liqopt.core.market;

import io.liqopt.core.Checks;

/**
 * One OHLCV bar, validated on construction. For bulk data use {@link BarSeries}, which stores the
 * same fields column by column.
 *
 * @param symbol instrument, e.g. {@code BTCUSDT}
 * @param openTimeEpochMs bar open time, UTC epoch milliseconds
 * @param open first trade price
 * @param high highest trade price, at least max(open, close)
 * @param low lowest trade price, at most min(open, close)
 * @param close last trade price
 * @param baseVolume traded quantity of the base asset, non-negative
 * @param quoteVolume traded value in the quote asset, non-negative, or NaN when unknown
 */
public record Bar(
    String symbol,
    long openTimeEpochMs,
    double open,
    double high,
    double low,
    double close,
    double baseVolume,
    double quoteVolume) {

  public Bar {
    Checks.notBlank(symbol, "symbol");
    BarDefect defect = BarDefect.ofValues(open, high, low, close, baseVolume, quoteVolume);
    if (defect != null) {
      throw new IllegalArgumentException(
          "invalid bar " + symbol + "@" + openTimeEpochMs + ": " + defect.description());
    }
  }

  /** Bit-for-bit equality of two values (NaN equals NaN): the exact-duplicate rule. */
  static boolean same(double a, double b) {
    return Double.doubleToLongBits(a) == Double.doubleToLongBits(b);
  }
}

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
public record Bar(String symbol, long openTimeEpochMs, double open, double high, double low,
    double close, double baseVolume, double quoteVolume) {

  public Bar {
    Checks.notBlank(symbol, "symbol");
    BarDefect defect = BarDefect.ofValues(open, high, low, close, baseVolume, quoteVolume);
    if (defect != null) {
      throw new IllegalArgumentException("invalid bar " + symbol + "@" + openTimeEpochMs + ": "
          + defect.description());
    }
  }

  /** True if the quote volume is known. */
  public boolean hasQuoteVolume() {
    return !Double.isNaN(quoteVolume);
  }

  /** True if every field is bit-for-bit equal (NaN quote volumes count as equal). */
  public boolean sameValues(Bar other) {
    return openTimeEpochMs == other.openTimeEpochMs && same(open, other.open)
        && same(high, other.high) && same(low, other.low) && same(close, other.close)
        && same(baseVolume, other.baseVolume) && same(quoteVolume, other.quoteVolume);
  }

  static boolean same(double a, double b) {
    return Double.doubleToLongBits(a) == Double.doubleToLongBits(b);
  }
}

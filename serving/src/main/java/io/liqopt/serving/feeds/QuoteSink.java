package io.liqopt.serving.feeds;

/** Where a {@link PriceFeed} delivers. Implementations are thread-safe. */
public interface QuoteSink {
  /**
   * A price of {@code symbol} from {@code source}, stamped {@code timeMs} (epoch ms) by the source.
   */
  void quote(String symbol, String source, double price, long timeMs);

  /**
   * The volumes of a candle the source has closed (kline streams report them), for the hourly bars
   * assembled from the guarded prices.
   *
   * @param openTimeMs the candle's open time, epoch ms
   * @param intervalMs its length, ms
   */
  void closedCandle(
      String symbol,
      String source,
      long openTimeMs,
      long intervalMs,
      double volume,
      double quoteVolume);
}

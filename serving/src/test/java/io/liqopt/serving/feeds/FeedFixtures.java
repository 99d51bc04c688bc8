package io.liqopt.serving.feeds;

import static org.junit.jupiter.api.Assertions.fail;

import io.liqopt.core.market.BarInterval;
import io.liqopt.core.market.BarSeries;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Shared helpers of the feed tests: a recording sink, bars, and bounded waits on conditions. */
final class FeedFixtures {
  static final long HOUR = BarInterval.H1.millis();
  static final long T0 = 1_760_000_000_000L / HOUR * HOUR;

  /** Generous: a wait only fails when the condition never comes (never a timing assertion). */
  private static final long WAIT_MS = 60_000;

  private FeedFixtures() {}

  record Quote(String symbol, String source, double price, long timeMs) {}

  record Candle(
      String symbol,
      String source,
      long openTimeMs,
      long intervalMs,
      double volume,
      double quoteVolume) {}

  /** Records what it is given. Thread-safe. */
  static final class RecordingSink implements QuoteSink {
    final List<Quote> quotes = new CopyOnWriteArrayList<>();
    final List<Candle> candles = new CopyOnWriteArrayList<>();

    @Override
    public void quote(String symbol, String source, double price, long timeMs) {
      quotes.add(new Quote(symbol, source, price, timeMs));
    }

    @Override
    public void closedCandle(
        String symbol,
        String source,
        long openTimeMs,
        long intervalMs,
        double volume,
        double quoteVolume) {
      candles.add(new Candle(symbol, source, openTimeMs, intervalMs, volume, quoteVolume));
    }
  }

  /** Hourly bars from T0 of {open, high, low, close}; volume 10·(i+1), quote volume 1000·(i+1). */
  static BarSeries bars(String symbol, double[][] ohlc) {
    int n = ohlc.length;
    long[] t = new long[n];
    double[][] c = new double[6][n];
    for (int i = 0; i < n; i++) {
      t[i] = T0 + i * HOUR;
      for (int j = 0; j < 4; j++) {
        c[j][i] = ohlc[i][j];
      }
      c[4][i] = 10.0 * (i + 1);
      c[5][i] = 1000.0 * (i + 1);
    }
    return BarSeries.of(symbol, BarInterval.H1, t, c[0], c[1], c[2], c[3], c[4], c[5]);
  }

  /** {@code hours} flat bars at {@code price}. */
  static BarSeries flat(String symbol, double price, int hours) {
    double[][] ohlc = new double[hours][];
    for (int i = 0; i < hours; i++) {
      ohlc[i] = new double[] {price, price, price, price};
    }
    return bars(symbol, ohlc);
  }

  /** Polls {@code condition} until it holds; fails with {@code what} if it never does. */
  static void await(String what, BooleanSupplier condition) {
    await(what, condition, () -> "");
  }

  static void await(String what, BooleanSupplier condition, Supplier<Object> state) {
    long deadline = System.nanoTime() + WAIT_MS * 1_000_000;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("never happened: " + what + " " + state.get());
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail("interrupted waiting for " + what);
      }
    }
  }

  /** A feed of {@code symbols} to {@code baseUrl} as {@code name}, backoff 5 ms to 50 ms, 1h. */
  static BinanceKlineFeed feed(String name, String baseUrl, String... symbols) {
    return new BinanceKlineFeed(
        BinanceKlineFeed.Settings.of(baseUrl, List.of(symbols))
            .withName(name)
            .withInterval("1h")
            .withBackoffMs(5, 50));
  }
}

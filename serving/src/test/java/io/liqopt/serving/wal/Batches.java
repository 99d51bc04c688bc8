package io.liqopt.serving.wal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liqopt.core.market.BarInterval;
import io.liqopt.core.market.BarSeries;
import io.liqopt.core.market.Bars;
import java.util.List;

/** Test batches and assertions for the bar log. */
final class Batches {
  private Batches() {}

  /** {@code n} hourly bars of {@code symbol} starting {@code startHour} hours after T0. */
  static BarSeries hourly(String symbol, int startHour, int n) {
    return Bars.hourlyFrom(symbol, Bars.T0 + startHour * Bars.H, n, 100.0 + startHour);
  }

  /** Like {@link #hourly} with every quote volume unknown (NaN). */
  static BarSeries withoutQuoteVolume(String symbol, int startHour, int n) {
    BarSeries s = hourly(symbol, startHour, n);
    double[] nan = new double[n];
    java.util.Arrays.fill(nan, Double.NaN);
    return BarSeries.of(
        symbol,
        BarInterval.H1,
        s.openTimesMs(),
        s.opens(),
        s.highs(),
        s.lows(),
        s.closes(),
        s.volumes(),
        nan);
  }

  /** Asserts both lists hold the same batches, bit for bit, in order. */
  static void assertSameBatches(List<BarSeries> expected, List<BarSeries> actual) {
    assertEquals(expected.size(), actual.size(), "batches");
    for (int i = 0; i < expected.size(); i++) {
      assertTrue(
          expected.get(i).contentEquals(actual.get(i)),
          "batch " + i + ": " + expected.get(i) + " vs " + actual.get(i));
    }
  }
}

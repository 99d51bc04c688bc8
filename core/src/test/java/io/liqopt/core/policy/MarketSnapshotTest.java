package io.liqopt.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.liqopt.core.forecast.AssetHistory;
import io.liqopt.core.market.BarInterval;
import io.liqopt.core.market.BarSeries;
import io.liqopt.core.market.BarSeriesBuilder;
import org.junit.jupiter.api.Test;

class MarketSnapshotTest {
  private static final long T0 = 1_700_000_000_000L / 3_600_000L * 3_600_000L;

  private static BarSeries series(double quoteVolume) {
    BarSeriesBuilder b = new BarSeriesBuilder("XUSDT", BarInterval.H1);
    for (int i = 0; i < 48; i++) {
      double p = 100 + i;
      b.append(T0 + i * 3_600_000L, p, p + 1, p - 1, p + 0.5, 10, quoteVolume);
    }
    return b.build();
  }

  @Test
  void at_closeAndTradedValueOfTheLast24Hours_stampedAtTheClose() {
    BarSeries s = series(1000);
    AssetHistory h = AssetHistory.of(s, s);
    MarketSnapshot m = MarketSnapshot.at(h, 47);
    assertEquals(147.5, m.priceQuote());
    assertEquals(24 * 1000, m.dailyQuoteVolume(), 1e-6);
    assertEquals(T0 + 48 * 3_600_000L, m.asOfEpochMs());
  }

  @Test
  void at_nothingTraded_null() {
    BarSeries s = series(0);
    assertNull(MarketSnapshot.at(AssetHistory.of(s, s), 47));
  }
}

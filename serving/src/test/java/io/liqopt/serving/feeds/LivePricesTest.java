package io.liqopt.serving.feeds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liqopt.core.market.BarSeries;
import io.liqopt.core.policy.LivePriceGuard;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LivePricesTest {
  private static final long HOUR = 3_600_000L;
  private static final long T0 = 1_760_000_000_000L / HOUR * HOUR;

  private final AtomicLong now = new AtomicLong(T0);
  private final List<BarSeries> bars = new ArrayList<>();
  private final List<LivePrices.Change> changes = new ArrayList<>();

  private LivePrices prices() {
    LivePrices p =
        new LivePrices(
            Set.of("BTCUSDT", "ETHUSDT"),
            LivePriceGuard.Settings.DEFAULTS,
            5_000,
            now::get,
            bars::add,
            0);
    p.addListener(changes::add);
    return p;
  }

  @Test
  void quotesAndCandlesOfAnHour_makeOneBar_afterItsGrace() {
    LivePrices p = prices();
    double[] path = {100, 103, 97, 101};
    for (int i = 0; i < path.length; i++) {
      now.set(T0 + i * 60_000L);
      p.quote("BTCUSDT", "a", path[i], now.get());
      p.quote("BTCUSDT", "b", path[i], now.get());
    }
    for (int m = 0; m < 60; m++) {
      p.closedCandle("BTCUSDT", "a", T0 + m * 60_000L, 60_000, 2, 200);
      p.closedCandle("BTCUSDT", "b", T0 + m * 60_000L, 60_000, 4, 400);
    }
    p.closedCandle("BTCUSDT", "c", T0, HOUR, 100, 1e4); // covers the hour alone too
    now.set(T0 + HOUR + 4_999);
    p.sweep();
    assertTrue(bars.isEmpty());
    now.set(T0 + HOUR + 5_000);
    p.sweep();
    assertEquals(1, bars.size());
    BarSeries b = bars.get(0);
    assertEquals(T0, b.openTimeMs(0));
    assertEquals(100, b.open(0));
    assertEquals(103, b.high(0));
    assertEquals(97, b.low(0));
    assertEquals(101, b.close(0));
    assertEquals(120, b.volume(0), 1e-9); // the median of the sources' 120, 240 and 100
    assertEquals(12_000, b.quoteVolume(0), 1e-9);
  }

  @Test
  void offerAll_tellsEachMovedAssetOnce_atItsPriceAfterThePush() {
    LivePrices p = prices();
    p.quote("BTCUSDT", "a", 100, T0);
    p.quote("BTCUSDT", "b", 100, T0);
    changes.clear();
    List<LivePriceGuard.Outcome> out =
        p.offerAll(
            List.of(
                new LivePrices.Quote("BTCUSDT", "a", 99, T0 + 1),
                new LivePrices.Quote("BTCUSDT", "b", 99.01, T0 + 1),
                new LivePrices.Quote("XXXUSDT", "a", 1, T0 + 1)));
    assertEquals(3, out.size());
    assertEquals(LivePriceGuard.Verdict.ACCEPTED, out.get(1).verdict());
    assertNull(out.get(2));
    assertEquals(1, changes.size(), "one change for the asset, not one per quote");
    assertEquals("BTCUSDT", changes.get(0).symbol());
    assertEquals(p.prices().get(0).price(), changes.get(0).price(), 0);
    assertFalse(changes.get(0).alert());
  }

  @Test
  void hourWithoutVolume_makesNoBar_andIsCounted() {
    LivePrices p = prices();
    p.quote("ETHUSDT", "a", 2000, T0);
    p.quote("ETHUSDT", "b", 2001, T0);
    now.set(T0 + 2 * HOUR);
    p.sweep();
    assertTrue(bars.isEmpty());
    assertEquals(1, p.prices().get(1).barsWithoutVolume());
  }

  @Test
  void unknownSymbol_refusedAndCounted_changesTold() {
    LivePrices p = prices();
    assertNull(p.offer("DOGEUSDT", "a", 0.1, T0));
    assertEquals(1, p.unknownSymbolQuotes());
    p.quote("ETHUSDT", "a", 2000, T0);
    p.quote("ETHUSDT", "b", 2002, T0);
    assertFalse(p.stale("ETHUSDT"));
    assertEquals(1, changes.size());
    assertEquals(2001, changes.get(0).price());
    now.set(T0 + 61_000);
    p.sweep();
    assertTrue(p.stale("ETHUSDT"));
    assertTrue(changes.get(changes.size() - 1).stale());
  }

  @Test
  void barSinkFailure_counted_notThrown() {
    LivePrices p =
        new LivePrices(
            Set.of("BTCUSDT"),
            LivePriceGuard.Settings.DEFAULTS,
            0,
            now::get,
            bar -> {
              throw new IllegalStateException("hour already ingested");
            },
            0);
    p.quote("BTCUSDT", "a", 100, T0);
    p.quote("BTCUSDT", "b", 100.1, T0);
    p.closedCandle("BTCUSDT", "a", T0, HOUR, 1, 100);
    now.set(T0 + HOUR);
    p.sweep();
    assertEquals(1, p.barsRefused());
  }
}

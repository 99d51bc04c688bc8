package io.liqopt.serving.feeds;

import static io.liqopt.serving.feeds.FeedFixtures.await;
import static io.liqopt.serving.feeds.FeedFixtures.feed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liqopt.core.market.BarSeries;
import io.liqopt.core.policy.LivePriceGuard;
import io.liqopt.core.policy.LivePriceGuard.Outcome;
import io.liqopt.core.policy.LivePriceGuard.Verdict;
import io.liqopt.serving.feeds.MockExchange.Fault;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The live engine's guard target, end to end: a mock exchange with three venues of one flat market
 * at 100 streams Binance klines to three feeds into {@link LivePrices}; venue {@code c} spikes −40
 * % while {@code a} and {@code b} hold, and the guarded price stays at 100.
 */
class LiveFeedsEndToEndTest {
  private static final int STEPS_PER_HOUR = 20;
  private static final int HOURS = 4;
  private static final long SPIKE_FROM = 10;

  /** A 2 % band, two agreeing sources, 10 min age (no staleness on a slow machine), no freeze. */
  private static final LivePriceGuard.Settings GUARD =
      new LivePriceGuard.Settings(0.02, 2, 600_000, 1_000_000, 0.25, 3_600_000);

  private record Offered(double quote, Outcome outcome) {}

  @Test
  void oneVenueSpikesDown40Percent_twoHold_theGuardedPriceDoesNotMove() {
    List<BarSeries> bars = new CopyOnWriteArrayList<>();
    List<LivePrices.Change> changes = new CopyOnWriteArrayList<>();
    List<Offered> fromC = new CopyOnWriteArrayList<>();
    long steps = (long) STEPS_PER_HOUR * HOURS;
    Fault spike = Fault.spike("c", "BTCUSDT", SPIKE_FROM, steps, 0.6);
    try (MockExchange m =
            MockExchange.start(
                Map.of("BTCUSDT", FeedFixtures.flat("BTCUSDT", 100, HOURS)),
                new MockExchange.Settings(STEPS_PER_HOUR, Double.POSITIVE_INFINITY, true),
                List.of(spike),
                System::currentTimeMillis);
        LivePrices prices =
            new LivePrices(
                Set.of("BTCUSDT"), GUARD, 5_000, System::currentTimeMillis, bars::add, 0);
        BinanceKlineFeed c = feed("c", m.baseUrl("c"), "BTCUSDT")) {
      prices.addListener(changes::add);
      prices.start(feed("a", m.baseUrl("a"), "BTCUSDT"));
      prices.start(feed("b", m.baseUrl("b"), "BTCUSDT"));
      await("a price from a and b", () -> price(prices) == 100, prices::prices);
      c.start(
          new QuoteSink() {
            @Override
            public void quote(String symbol, String source, double price, long timeMs) {
              fromC.add(new Offered(price, prices.offer(symbol, source, price, timeMs)));
            }

            @Override
            public void closedCandle(
                String symbol, String source, long openMs, long lengthMs, double v, double q) {
              prices.closedCandle(symbol, source, openMs, lengthMs, v, q);
            }
          });
      await("c's whole stream", () -> fromC.size() == steps, c::status);

      List<Offered> spiked = fromC.stream().filter(o -> o.quote() == 60).toList();
      assertEquals(steps - SPIKE_FROM, spiked.size());
      assertTrue(
          spiked.stream().anyMatch(o -> o.outcome().verdict() == Verdict.ACCEPTED),
          "a spiked quote offered beside a and b: the median of 100, 100 and 60 kept 100");
      for (Offered o : fromC) {
        assertEquals(100, o.outcome().price(), "after " + o);
      }
      for (LivePrices.Change ch : changes) {
        assertTrue(Double.isNaN(ch.price()) || ch.price() == 100, "changed to " + ch);
      }
      LivePrices.AssetPrice p = prices.prices().get(0);
      assertEquals(100, p.price());
      assertFalse(p.stale());
      LivePriceGuard.SourceView cView =
          p.sources().stream().filter(s -> s.name().equals("c")).findFirst().orElseThrow();
      assertEquals(60, cView.lastPrice());
      for (FeedStatus s : prices.feeds()) {
        assertEquals(0, s.malformed(), s.toString());
      }
    }
  }

  private static double price(LivePrices prices) {
    return prices.prices().get(0).price();
  }
}

package io.liqopt.serving.feeds;

import static io.liqopt.serving.feeds.FeedFixtures.await;
import static io.liqopt.serving.feeds.FeedFixtures.feed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liqopt.serving.feeds.FeedFixtures.Quote;
import io.liqopt.serving.feeds.FeedFixtures.RecordingSink;
import io.liqopt.serving.feeds.MockExchange.Fault;
import io.liqopt.serving.feeds.MockExchange.FaultKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MockExchangeTest {
  private static final int STEPS = 8;

  /** Three hours rising 100 → 124 in steps of 1 per update: every update's price differs. */
  private static final Map<String, io.liqopt.core.market.BarSeries> BARS =
      Map.of(
          "BTCUSDT",
          FeedFixtures.bars(
              "BTCUSDT",
              new double[][] {{100, 107, 100, 107}, {108, 115, 108, 115}, {116, 123, 116, 123}}),
          "ETHUSDT",
          FeedFixtures.flat("ETHUSDT", 2000, 3));

  /** The quotes of {@code symbol} that venue {@code a} sends with {@code faults}. */
  private static List<Quote> run(List<Fault> faults, String symbol, int expected) {
    RecordingSink sink = new RecordingSink();
    MockExchange.Settings fast = new MockExchange.Settings(STEPS, Double.POSITIVE_INFINITY, false);
    try (MockExchange m = MockExchange.start(BARS, fast, faults, System::currentTimeMillis);
        BinanceKlineFeed f = feed("a", m.baseUrl("a"), "BTCUSDT", "ETHUSDT")) {
      f.start(sink);
      await("all quotes", () -> sink.quotes.size() == expected, f::status);
    }
    return sink.quotes.stream().filter(q -> q.symbol().equals(symbol)).toList();
  }

  @Test
  void script_updatesReachOpenHighLowClose_oncePerStep() {
    MockKlines k = new MockKlines(BARS, STEPS);
    assertEquals(24, k.steps());
    double[] hour0 = new double[STEPS];
    for (int j = 0; j < STEPS; j++) {
      hour0[j] = k.price("BTCUSDT", 0, j);
    }
    assertEquals(100, hour0[0]);
    assertEquals(107, hour0[STEPS - 1]);
    assertEquals(List.of("BTCUSDT"), k.symbols("btcusdt@kline_1h/xrpusdt@kline_1h"));
  }

  @Test
  void spike_multipliesThePriceForItsSteps_only() {
    List<Quote> q = run(List.of(Fault.spike("a", "BTCUSDT", 4, 3, 0.6)), "BTCUSDT", 48);
    List<Quote> clean = run(List.of(), "BTCUSDT", 48);
    for (int k = 0; k < 24; k++) {
      double factor = k >= 4 && k < 7 ? 0.6 : 1;
      assertEquals(clean.get(k).price() * factor, q.get(k).price(), 1e-9, "step " + k);
    }
  }

  @Test
  void freeze_repeatsThePriceOfItsFirstStep_timesMoveOn() {
    List<Quote> q = run(List.of(Fault.of("a", "BTCUSDT", FaultKind.FREEZE, 5, 10)), "BTCUSDT", 48);
    for (int k = 5; k < 15; k++) {
      assertEquals(q.get(5).price(), q.get(k).price(), "step " + k);
      assertTrue(q.get(k).timeMs() > q.get(k - 1).timeMs());
    }
    assertTrue(q.get(15).price() != q.get(5).price());
  }

  @Test
  void duplicate_sendsEachMessageTwice_otherSymbolsUntouched() {
    List<Quote> q =
        run(List.of(Fault.of("a", "BTCUSDT", FaultKind.DUPLICATE, 2, 2)), "BTCUSDT", 50);
    assertEquals(26, q.size());
    assertEquals(q.get(2), q.get(3));
    assertEquals(q.get(4), q.get(5));
    assertTrue(q.get(5).timeMs() < q.get(6).timeMs());
  }

  @Test
  void outOfOrder_aLateCopyOfThePreviousFollows() {
    List<Quote> q =
        run(List.of(Fault.of("a", "BTCUSDT", FaultKind.OUT_OF_ORDER, 3, 1)), "BTCUSDT", 49);
    assertEquals(25, q.size());
    assertEquals(q.get(2), q.get(4)); // step 3, then step 2 again
    assertTrue(q.get(4).timeMs() < q.get(3).timeMs());
  }

  @Test
  void faultOfAnotherVenue_doesNotHitThisOne() {
    List<Quote> q = run(List.of(Fault.spike("b", "*", 0, 24, 0.5)), "BTCUSDT", 48);
    assertEquals(run(List.of(), "BTCUSDT", 48), q);
  }
}

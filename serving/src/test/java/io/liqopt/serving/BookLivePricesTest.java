package io.liqopt.serving;

import static io.liqopt.serving.BookApiTest.body;
import static io.liqopt.serving.BookApiTest.holding;
import static io.liqopt.serving.TestService.get;
import static io.liqopt.serving.TestService.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.liqopt.core.market.BarSeries;
import io.liqopt.serving.book.BookOptions;
import io.liqopt.serving.feeds.LiveOptions;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The book follows the live guarded prices: a fall of 3 % turns an HF of 1.02 liquidatable. */
class BookLivePricesTest {
  private static final double TOLERANCE = 1e-9;

  @Test
  void liveFall_positionAtHf102_becomesLiquidatable(@TempDir Path dir) throws Exception {
    List<BarSeries> market = TestService.market(2);
    String btc = market.get(0).symbol();
    try (Server s = start(dir, market)) {
      JsonNode features = get(s, "/health").expect(200).json().get("features");
      assertTrue(features.get("livePrices").asBoolean(), features.toString());
      assertTrue(features.get("book").asBoolean(), features.toString());
      double close = s.engine().state().assets().get(btc).price();
      long now = System.currentTimeMillis();
      // two agreeing sources: a fresh live price at the close (its staleness, hence LT, settles)
      push(s, btc, close, now);
      Server saved = BookApiTest.server;
      BookApiTest.server = s;
      try {
        double w = BookApiTest.weighted(btc);
        BookApiTest.put("near", body(1, w / 1.02, holding(btc, 1))).expect(200);
        JsonNode before = get(s, "/v1/book/positions/near").expect(200).json();
        assertEquals(1.02, before.get("healthFactor").asDouble(), TOLERANCE);
        assertFalse(before.get("liquidatable").asBoolean());

        push(s, btc, close * 0.97, now + 1);
        JsonNode after = get(s, "/v1/book/positions/near").expect(200).json();
        assertEquals(close * 0.97, after.get("collateral").get(0).get("priceQuote").asDouble());
        assertEquals(1.02 * 0.97, after.get("healthFactor").asDouble(), TOLERANCE);
        assertTrue(after.get("liquidatable").asBoolean());
        assertEquals(1, get(s, "/v1/book").json().get("liquidatable").asInt());

        // the queue names it with its next slice; the journal has the crossing
        JsonNode q = get(s, "/v1/liquidations").expect(200).json();
        assertEquals(1, q.get("liquidatable").asInt());
        JsonNode first = q.get("queue").get(0);
        assertEquals("near", first.get("positionId").asText());
        assertEquals(1, first.get("rank").asInt());
        assertTrue(first.get("nextRepayQuote").asDouble() > 0, first.toString());
        assertTrue(first.get("nextSliceFraction").asDouble() > 0, first.toString());
        get(s, "/v1/liquidations?limit=0").expect(400);
        String events =
            StreamApiTest.readFrom(s, "0", 50).stream()
                .map(e -> e.event() + " " + e.data())
                .reduce("", (x, y) -> x + "\n" + y);
        assertTrue(
            events.contains("liquidatable-entered {\"count\":1,\"ids\":[\"near\"]}"), events);
      } finally {
        BookApiTest.server = saved;
      }
    }
  }

  @Test
  void crashInSteps_rebasedOffTheTickPath_positionsStayExact(@TempDir Path dir) throws Exception {
    List<BarSeries> market = TestService.market(2);
    String btc = market.get(0).symbol();
    try (Server s = start(dir, market)) {
      double close = s.engine().state().assets().get(btc).price();
      long now = System.currentTimeMillis();
      push(s, btc, close, now);
      Server saved = BookApiTest.server;
      BookApiTest.server = s;
      try {
        double w = BookApiTest.weighted(btc);
        // 16 positions, HF 0.85 to 1.15: too few writes to make a rebase due by themselves
        for (int i = 0; i < 16; i++) {
          BookApiTest.put("p" + i, body(1, w / (0.85 + 0.02 * i), holding(btc, 1))).expect(200);
        }
        long before = settledRebases(s); // the start's thresholds made one due

        // a 12 % fall in 1 % steps: every 5 % makes a rebase due, run off the tick's path
        double price = close;
        for (int step = 1; step <= 12; step++) {
          price *= 0.99;
          push(s, btc, price, now + step);
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (s.book().rebases()[0] == before && System.nanoTime() < deadline) {
          Thread.sleep(5);
        }
        assertTrue(s.book().rebases()[0] > before, "no rebase within 10 s");
        settledRebases(s);
        double move = price / close;
        push(s, btc, price * 1.001, now + 13); // a change after the install, on the new index
        move *= 1.001;
        for (int i = 0; i < 16; i++) {
          JsonNode p = get(s, "/v1/book/positions/p" + i).expect(200).json();
          double hf = (0.85 + 0.02 * i) * move;
          assertEquals(hf, p.get("healthFactor").asDouble(), TOLERANCE);
          assertEquals(hf < 1, p.get("liquidatable").asBoolean(), "p" + i + " at HF " + hf);
        }
      } finally {
        BookApiTest.server = saved;
      }
    }
  }

  /** The book's rebases once their count held for 300 ms (at most 10 s). */
  private static long settledRebases(Server s) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    long n = s.book().rebases()[0];
    while (System.nanoTime() < deadline) {
      Thread.sleep(300);
      long now = s.book().rebases()[0];
      if (now == n) {
        return n;
      }
      n = now;
    }
    return n;
  }

  /** A service on {@code market} (stored in {@code dir}) with live prices and the book on. */
  private static Server start(Path dir, List<BarSeries> market) throws Exception {
    TestService.store(dir.resolve("data"), market);
    return TestService.start(
        TestService.options(dir.resolve("data"), dir.resolve("models"), "ewma", TestService.TOKEN)
            .withLive(LiveOptions.PUSH_ONLY)
            .withBook(BookOptions.DEFAULTS));
  }

  static void push(Server s, String symbol, double price, long timeMs) {
    String quotes =
        LivePricesApiTest.quote(symbol, "a", price, timeMs)
            + ","
            + LivePricesApiTest.quote(symbol, "b", price, timeMs);
    JsonNode r =
        post(s, "/v1/market/prices", "{\"quotes\":[" + quotes + "]}", TestService.TOKEN)
            .expect(200)
            .json();
    assertEquals("ACCEPTED", r.get("results").get(1).get("verdict").asText(), r.toString());
  }
}

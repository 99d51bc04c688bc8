package io.liqopt.serving.feeds;

import static io.liqopt.serving.feeds.FeedFixtures.HOUR;
import static io.liqopt.serving.feeds.FeedFixtures.T0;
import static io.liqopt.serving.feeds.FeedFixtures.await;
import static io.liqopt.serving.feeds.FeedFixtures.feed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.Javalin;
import io.liqopt.serving.feeds.FeedFixtures.Candle;
import io.liqopt.serving.feeds.FeedFixtures.RecordingSink;
import io.liqopt.serving.feeds.MockExchange.Fault;
import io.liqopt.serving.feeds.MockExchange.FaultKind;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BinanceKlineFeedTest {
  private static final MockExchange.Settings FAST =
      new MockExchange.Settings(4, Double.POSITIVE_INFINITY, false);

  private static MockExchange mock(List<Fault> faults) {
    return MockExchange.start(
        Map.of(
            "BTCUSDT",
            FeedFixtures.bars("BTCUSDT", new double[][] {{100, 110, 90, 105}, {105, 106, 95, 96}})),
        FAST,
        faults,
        System::currentTimeMillis);
  }

  @Test
  void settings_buildTheCombinedStreamUri() {
    BinanceKlineFeed.Settings s =
        BinanceKlineFeed.Settings.of(BinanceKlineFeed.BINANCE_URL, List.of("BTCUSDT", "ETHUSDT"));
    assertEquals(
        "wss://stream.binance.com:9443/stream?streams=btcusdt@kline_1m/ethusdt@kline_1m",
        s.uri().toString());
    assertThrows(IllegalArgumentException.class, () -> s.withInterval("minute"));
    assertThrows(IllegalArgumentException.class, () -> s.withBackoffMs(10, 5));
  }

  @Test
  void mockStream_everyUpdateAQuote_closedKlinesTheirCandles() {
    RecordingSink sink = new RecordingSink();
    try (MockExchange m = mock(List.of());
        BinanceKlineFeed f = feed("a", m.baseUrl("a"), "BTCUSDT")) {
      f.start(sink);
      await("two closed candles", () -> sink.candles.size() == 2, f::status);
      assertEquals(8, sink.quotes.size());
      // the first hour: open, low, high, close (it closes up), stamped t + (j+1)·15 min − 1
      assertEquals(100, sink.quotes.get(0).price());
      assertEquals(90, sink.quotes.get(1).price());
      assertEquals(110, sink.quotes.get(2).price());
      assertEquals(105, sink.quotes.get(3).price());
      assertEquals(T0 + HOUR / 4 - 1, sink.quotes.get(0).timeMs());
      assertEquals(T0 + HOUR - 1, sink.quotes.get(3).timeMs());
      assertEquals(new Candle("BTCUSDT", "a", T0, HOUR, 10, 1000), sink.candles.get(0));
      assertEquals(new Candle("BTCUSDT", "a", T0 + HOUR, HOUR, 20, 2000), sink.candles.get(1));
      FeedStatus s = f.status();
      assertEquals("connected", s.state());
      assertEquals(1, s.connects());
      assertEquals(8, s.messages());
      assertEquals(0, s.malformed());
    }
  }

  @Test
  void disconnect_feedReconnects_andTheStreamResumes() {
    RecordingSink sink = new RecordingSink();
    try (MockExchange m = mock(List.of(Fault.disconnect("a", 2)));
        BinanceKlineFeed f = feed("a", m.baseUrl("a"), "BTCUSDT")) {
      f.start(sink);
      await("both candles after the reconnect", () -> sink.candles.size() == 2, f::status);
      FeedStatus s = f.status();
      assertEquals(2, s.connects());
      assertEquals(1, s.failures());
      assertTrue(s.lastError().startsWith("closed by the server"), s.lastError());
      assertEquals(2, m.connections("a"));
      assertEquals(8, sink.quotes.size()); // nothing lost, nothing repeated
    }
  }

  @Test
  void malformedMessages_countedAndSkipped_theFeedGoesOn() {
    RecordingSink sink = new RecordingSink();
    Fault garbage = Fault.of("a", "BTCUSDT", FaultKind.MALFORMED, 1, 3);
    try (MockExchange m = mock(List.of(garbage));
        BinanceKlineFeed f = feed("a", m.baseUrl("a"), "BTCUSDT")) {
      f.start(sink);
      await("two closed candles", () -> sink.candles.size() == 2, f::status);
      await("all messages counted", () -> f.status().messages() == 11, f::status);
      assertEquals(3, f.status().malformed());
      assertEquals(8, sink.quotes.size());
      assertEquals(1, f.status().connects());
    }
  }

  @Test
  void oversizedMessage_droppedAsMalformed_binaryToo_nextOneRead() {
    String good =
        "{\"stream\":\"x\",\"data\":{\"e\":\"kline\",\"E\":7,\"s\":\"BTCUSDT\","
            + "\"k\":{\"t\":0,\"T\":59999,\"c\":\"101.5\",\"x\":false}}}";
    String big = "{\"pad\":\"" + "x".repeat(100_000) + "\"}";
    Javalin server =
        Javalin.create(
            cfg ->
                cfg.routes.ws(
                    "/stream",
                    ws ->
                        ws.onConnect(
                            ctx -> {
                              ctx.send(big);
                              ctx.send(java.nio.ByteBuffer.wrap(new byte[] {1, 2}));
                              ctx.send(good);
                            })));
    server.start("127.0.0.1", 0);
    RecordingSink sink = new RecordingSink();
    try (BinanceKlineFeed f = feed("a", "ws://127.0.0.1:" + server.port(), "BTCUSDT")) {
      f.start(sink);
      await("the good message", () -> sink.quotes.size() == 1, f::status);
      assertEquals(101.5, sink.quotes.get(0).price());
      assertEquals(3, f.status().messages());
      assertEquals(2, f.status().malformed());
    } finally {
      server.stop();
    }
  }

  @Test
  void nothingListening_failuresCounted_withAOneLineError_closeStopsIt() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    BinanceKlineFeed f = feed("a", "ws://127.0.0.1:" + port, "BTCUSDT");
    f.start(new RecordingSink());
    await("three failed connects", () -> f.status().failures() >= 3, f::status);
    assertNotNull(f.status().lastError());
    assertTrue(!f.status().lastError().contains("\n"));
    assertEquals(0, f.status().connects());
    f.close();
    f.close();
    assertEquals("closed", f.status().state());
    assertThrows(IllegalStateException.class, () -> f.start(new RecordingSink()));
  }

  @Test
  void silentServer_idleConnectionAborted_oldConnectionReplaced() {
    Javalin server = Javalin.create(cfg -> cfg.routes.ws("/stream", ws -> {}));
    server.start("127.0.0.1", 0);
    String url = "ws://127.0.0.1:" + server.port();
    BinanceKlineFeed.Settings idle =
        new BinanceKlineFeed.Settings(
            "a", url, List.of("BTCUSDT"), "1h", 5, 50, 60_000, 100, 3_600_000, 65_536, 1);
    BinanceKlineFeed.Settings aging =
        new BinanceKlineFeed.Settings(
            "b", url, List.of("BTCUSDT"), "1h", 5, 50, 60_000, 600_000, 100, 65_536, 1);
    try (BinanceKlineFeed a = new BinanceKlineFeed(idle);
        BinanceKlineFeed b = new BinanceKlineFeed(aging)) {
      a.start(new RecordingSink());
      b.start(new RecordingSink());
      await(
          "an idle abort",
          () -> String.valueOf(a.status().lastError()).startsWith("no frame for 100 ms"),
          a::status);
      await("a replacement", () -> b.status().connects() >= 2, b::status);
      assertEquals(0, b.status().failures(), b.status().toString());
    } finally {
      server.stop();
    }
  }
}

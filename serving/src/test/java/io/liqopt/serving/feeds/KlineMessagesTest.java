package io.liqopt.serving.feeds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liqopt.serving.feeds.FeedFixtures.Candle;
import io.liqopt.serving.feeds.FeedFixtures.Quote;
import io.liqopt.serving.feeds.FeedFixtures.RecordingSink;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class KlineMessagesTest {
  /**
   * Three messages in the format of Binance's combined kline stream (field names and string-typed
   * decimals as in Binance's "WebSocket Streams" documentation, Kline/Candlestick Streams).
   */
  private static List<String> fixture() throws IOException {
    try (InputStream in =
        KlineMessagesTest.class.getResourceAsStream("binance-kline-messages.jsonl")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
  }

  @Test
  void binanceMessages_deliverCloseAtEventTime_andTheClosedCandle() throws IOException {
    RecordingSink sink = new RecordingSink();
    for (String m : fixture()) {
      assertEquals(KlineMessages.Kind.KLINE, KlineMessages.deliver(m, "binance", sink));
    }
    assertEquals(
        List.of(
            new Quote("BTCUSDT", "binance", 121512.34, 1760000015123L),
            new Quote("ETHUSDT", "binance", 4409.5, 1760000030456L),
            new Quote("BTCUSDT", "binance", 121520.0, 1760000060001L)),
        sink.quotes);
    assertEquals(
        List.of(new Candle("BTCUSDT", "binance", 1760000000000L, 60_000, 20.0, 2430400.0)),
        sink.candles);
  }

  @Test
  void rawStreamMessage_withoutTheWrapper_isReadToo() {
    RecordingSink sink = new RecordingSink();
    String raw =
        "{\"e\":\"kline\",\"E\":5,\"s\":\"bnbbtc\",\"k\":{\"t\":0,\"T\":59999,\"c\":\"0.0020\","
            + "\"x\":false}}";
    assertEquals(KlineMessages.Kind.KLINE, KlineMessages.deliver(raw, "b", sink));
    assertEquals(List.of(new Quote("BNBBTC", "b", 0.002, 5)), sink.quotes);
  }

  @Test
  void malformedMessages_areMalformed_andDeliverNothing() throws IOException {
    String good = fixture().get(2);
    List<String> bad =
        List.of(
            "",
            "not json",
            "[1,2]",
            "{\"stream\":\"x\",\"data\":{",
            good.replace("\"E\":1760000060001", "\"E\":\"soon\""),
            good.replace("\"c\":\"121520.00000000\"", "\"c\":\"abc\""),
            good.replace("\"c\":\"121520.00000000\"", "\"c\":\"NaN\""),
            good.replace("\"s\":\"BTCUSDT\",\"k\"", "\"k\""),
            good.replace("\"x\":true", "\"x\":\"yes\""),
            good.replace("\"v\":\"20.00000000\"", "\"v\":\"-1\""),
            good.replace("\"T\":1760000059999", "\"T\":1"),
            "{\"data\":{\"E\":1}}");
    RecordingSink sink = new RecordingSink();
    for (String m : bad) {
      assertEquals(KlineMessages.Kind.MALFORMED, KlineMessages.deliver(m, "b", sink), m);
    }
    assertTrue(sink.quotes.isEmpty() && sink.candles.isEmpty());
  }

  @Test
  void otherEvent_isIgnored_notMalformed() {
    RecordingSink sink = new RecordingSink();
    String shutdown = "{\"stream\":\"x\",\"data\":{\"e\":\"serverShutdown\",\"E\":1}}";
    assertEquals(KlineMessages.Kind.OTHER, KlineMessages.deliver(shutdown, "b", sink));
    assertTrue(sink.quotes.isEmpty());
  }
}

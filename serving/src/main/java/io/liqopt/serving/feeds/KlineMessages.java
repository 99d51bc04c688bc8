package io.liqopt.serving.feeds;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Locale;

/**
 * Reads Binance kline events, raw ({@code {"e":"kline",...}}) or wrapped in a combined stream
 * ({@code {"stream":"btcusdt@kline_1m","data":{...}}}), and delivers them: every kline a quote of
 * its close {@code k.c} stamped with the event time {@code E}; a closed one ({@code k.x}) also its
 * candle, open time {@code k.t}, length {@code k.T − k.t + 1} and volumes {@code k.v}, {@code k.q}.
 * Prices and volumes arrive as decimal strings (numbers are accepted too). Thread-safe (the mapper
 * is; nothing else is kept).
 */
final class KlineMessages {
  /** What a message was. */
  enum Kind {
    /** A kline, delivered. */
    KLINE,
    /** A well-formed event of another type (e.g. {@code serverShutdown}), ignored. */
    OTHER,
    /** Not a readable event: counted and skipped. */
    MALFORMED
  }

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private KlineMessages() {}

  /** Reads {@code text} and delivers it to {@code sink} as {@code source}'s. */
  static Kind deliver(String text, String source, QuoteSink sink) {
    JsonNode root;
    try {
      root = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      return Kind.MALFORMED;
    }
    if (root == null || !root.isObject()) {
      return Kind.MALFORMED;
    }
    JsonNode data = root.has("data") ? root.get("data") : root;
    JsonNode type = data.get("e");
    if (type == null || !type.isTextual()) {
      return Kind.MALFORMED;
    }
    if (!type.textValue().equals("kline")) {
      return Kind.OTHER;
    }
    JsonNode k = data.get("k");
    JsonNode s = data.get("s");
    JsonNode eventMs = data.get("E");
    if (k == null || !k.isObject() || s == null || !s.isTextual() || s.textValue().isBlank()) {
      return Kind.MALFORMED;
    }
    if (!isLong(eventMs) || !isLong(k.get("t")) || !isLong(k.get("T"))) {
      return Kind.MALFORMED;
    }
    double close = decimal(k.get("c"));
    long openMs = k.get("t").longValue();
    long closeMs = k.get("T").longValue();
    JsonNode closed = k.get("x");
    if (!Double.isFinite(close) || closeMs < openMs || closed == null || !closed.isBoolean()) {
      return Kind.MALFORMED;
    }
    double volume = decimal(k.get("v"));
    double quoteVolume = decimal(k.get("q"));
    if (closed.booleanValue() && !(volume >= 0 && quoteVolume >= 0)) {
      return Kind.MALFORMED;
    }
    String symbol = s.textValue().toUpperCase(Locale.ROOT);
    sink.quote(symbol, source, close, eventMs.longValue());
    if (closed.booleanValue()) {
      long lengthMs = closeMs - openMs + 1;
      sink.closedCandle(symbol, source, openMs, lengthMs, volume, quoteVolume);
    }
    return Kind.KLINE;
  }

  private static boolean isLong(JsonNode n) {
    return n != null && n.isIntegralNumber() && n.canConvertToLong();
  }

  /** A decimal string or number; NaN when it is neither (or not finite). */
  private static double decimal(JsonNode n) {
    if (n == null) {
      return Double.NaN;
    }
    if (n.isNumber()) {
      return n.doubleValue();
    }
    if (!n.isTextual()) {
      return Double.NaN;
    }
    try {
      double x = Double.parseDouble(n.textValue());
      return Double.isFinite(x) ? x : Double.NaN;
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}

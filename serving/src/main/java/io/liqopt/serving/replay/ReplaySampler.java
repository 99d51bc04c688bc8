package io.liqopt.serving.replay;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/** Reads one {@link ReplayHour} through the API, and the venues' counters at the end. */
final class ReplaySampler {
  /** The most queue entries read per sample (the route's cap). */
  private static final int QUEUE_LIMIT = 10_000;

  private ReplaySampler() {}

  /**
   * The service's view after hour {@code hourMs}, for {@code symbols}, once its bars are in or
   * {@code waitMs} of wall time passed.
   */
  static ReplayHour sample(
      ReplayClient c, long hourMs, List<String> symbols, LongSupplier clock, long waitMs)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + waitMs * 1_000_000L;
    while (true) {
      ReplayHour h = sample(c, hourMs, symbols, clock.getAsLong());
      if (h.barsIn() || System.nanoTime() > deadline) {
        return h;
      }
      Thread.sleep(20);
    }
  }

  /** The service's view after hour {@code hourMs} now, at market time {@code atMs}. */
  static ReplayHour sample(ReplayClient c, long hourMs, List<String> symbols, long atMs)
      throws IOException, InterruptedException {
    Map<String, JsonNode> live = new TreeMap<>();
    JsonNode prices = tryGet(c, "/v1/market/prices"); // absent before live prices are on
    if (prices != null) {
      for (JsonNode a : prices.path("assets")) {
        live.put(a.path("symbol").asText(), a);
      }
    }
    Map<String, ReplayHour.Asset> assets = new LinkedHashMap<>();
    for (JsonNode a : c.get("/v1/assets").path("assets")) {
      String symbol = a.path("symbol").asText();
      if (!symbols.contains(symbol)) {
        continue;
      }
      JsonNode t = a.path("thresholds");
      JsonNode lp = live.get(symbol);
      long refused = 0;
      long outliers = 0;
      if (lp != null) {
        for (JsonNode src : lp.path("sources")) {
          outliers += src.path("outliers").asLong();
          for (JsonNode n : src.path("refused")) {
            refused += n.asLong();
          }
        }
      }
      double livePrice = lp == null ? Double.NaN : MarketReplay.number(lp.get("price"));
      assets.put(
          symbol,
          new ReplayHour.Asset(
              Double.isFinite(livePrice) ? livePrice : MarketReplay.number(a.get("price")),
              MarketReplay.number(a.get("price")),
              a.path("dataTimeMs").asLong(),
              lp != null && lp.path("stale").asBoolean(),
              MarketReplay.number(t.get("lt")),
              MarketReplay.number(t.get("maxLtv")),
              MarketReplay.number(t.get("volatility24h")),
              MarketReplay.number(t.get("stressProbability")),
              t.path("stale").asBoolean(),
              refused,
              outliers));
    }
    JsonNode b = c.get("/v1/book");
    double[] cliff = new double[3];
    int k = 0;
    for (JsonNode cl : b.path("cliff")) {
      if (k < cliff.length) {
        cliff[k++] = cl.path("debtQuote").asDouble();
      }
    }
    double below = 0;
    for (JsonNode bucket : b.path("buckets")) {
      if (bucket.path("toHealthFactor").asDouble(Double.MAX_VALUE) <= 1) {
        below += bucket.path("debtQuote").asDouble();
      }
    }
    ReplayHour.Book book =
        new ReplayHour.Book(
            b.path("positions").asInt(),
            b.path("liquidatable").asInt(),
            b.path("debtQuote").asDouble(),
            below,
            cliff);
    ReplayHour h = new ReplayHour(hourMs, atMs, true, assets, book, queue(c), Map.of());
    boolean in = h.barsEndAt(hourMs + MarketReplay.HOUR_MS);
    return in ? h : new ReplayHour(hourMs, atMs, false, assets, book, h.queue(), Map.of());
  }

  private static ReplayHour.Queue queue(ReplayClient c) throws IOException, InterruptedException {
    JsonNode q = c.get("/v1/liquidations?limit=" + QUEUE_LIMIT);
    double repay = 0;
    double next = 0;
    int toxic = 0;
    int waiting = 0;
    for (JsonNode e : q.path("queue")) {
      repay += e.path("repayQuote").asDouble();
      next += e.path("nextRepayQuote").asDouble();
      toxic += e.path("toxicSpiral").asBoolean() ? 1 : 0;
      waiting += e.path("waitingOn").isTextual() ? 1 : 0;
    }
    return new ReplayHour.Queue(q.path("liquidatable").asInt(), repay, next, toxic, waiting);
  }

  private static JsonNode tryGet(ReplayClient c, String path) throws InterruptedException {
    try {
      return c.get(path);
    } catch (IOException e) {
      return null; // the route is off (no live prices yet)
    }
  }

  /** Per venue its counters summed over the assets: accepted, outliers, refused by verdict. */
  static Map<String, Map<String, Long>> sources(JsonNode prices) {
    Map<String, Map<String, Long>> out = new TreeMap<>();
    for (JsonNode a : prices.path("assets")) {
      for (JsonNode src : a.path("sources")) {
        Map<String, Long> m = out.computeIfAbsent(src.path("name").asText(), n -> new TreeMap<>());
        m.merge("accepted", src.path("accepted").asLong(), Long::sum);
        m.merge("outliers", src.path("outliers").asLong(), Long::sum);
        src.path("refused")
            .fields()
            .forEachRemaining(
                e ->
                    m.merge(
                        "refused " + e.getKey().toLowerCase(Locale.ROOT),
                        e.getValue().asLong(),
                        Long::sum));
      }
    }
    return out;
  }

  /** The progress line of a sample. */
  static String line(ReplayHour h) {
    int stale = 0;
    for (ReplayHour.Asset a : h.assets().values()) {
      stale += a.livePriceStale() || a.thresholdsStale() ? 1 : 0;
    }
    return String.format(
        Locale.ROOT,
        "%s%s  liquidatable %d (debt %.0f)  queue repay %.0f  stale assets %d  events %s",
        Instant.ofEpochMilli(h.hourMs()),
        h.barsIn() ? "" : " (bars late)",
        h.book().liquidatable(),
        h.book().liquidatableDebtQuote(),
        h.queue().repayQuote(),
        stale,
        h.events());
  }
}

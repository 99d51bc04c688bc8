package io.liqopt.serving;

import static io.liqopt.serving.ServingApiTest.assertField;
import static io.liqopt.serving.ServingApiTest.assertProblem;
import static io.liqopt.serving.TestService.get;
import static io.liqopt.serving.TestService.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.liqopt.core.market.BarSeries;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /v1/positions/stress} against a real server (baseline EWMA, data clock, two synthetic
 * assets): the answer's consistency, reproducibility by seed, and the bounds and errors, all
 * problem+json.
 */
class StressRouteTest {
  static final String PATH = "/v1/positions/stress";

  @TempDir static Path dir;
  static Server server;
  static String btc;
  static String other;
  static double btcPrice;
  static double otherPrice;

  @BeforeAll
  static void start() throws IOException {
    List<BarSeries> market = TestService.market(2);
    TestService.store(dir.resolve("data"), market);
    btc = market.get(0).symbol();
    other = market.get(1).symbol();
    server =
        TestService.start(
            TestService.options(
                dir.resolve("data"), dir.resolve("models"), "ewma", TestService.TOKEN));
    btcPrice =
        get(server, "/v1/assets/" + btc + "/thresholds").expect(200).json().get("price").asDouble();
    otherPrice =
        get(server, "/v1/assets/" + other + "/thresholds")
            .expect(200)
            .json()
            .get("price")
            .asDouble();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** Two holdings; the debt puts HF near {@code hf} (other valued at its own given price). */
  static String position(double debt) {
    return String.format(
        Locale.ROOT,
        "{\"id\":\"s1\",\"collateral\":[{\"symbol\":\"%s\","
            + "\"quantity\":1},{\"symbol\":\"%s\",\"quantity\":3,\"priceQuote\":%s}],\"debtAsset\":"
            + "\"USDT\",\"debtQuote\":%s}",
        btc,
        other,
        otherPrice * 0.98,
        debt);
  }

  static String body(double debt, String extra) {
    return "{\"position\":" + position(debt) + (extra.isEmpty() ? "" : "," + extra) + "}";
  }

  /** The debt that puts HF now at {@code hf}, with the governed LTs of the two assets. */
  static double debtAt(double hf) {
    double lt1 =
        get(server, "/v1/assets/" + btc + "/thresholds")
            .json()
            .get("thresholds")
            .get("lt")
            .asDouble();
    double lt2 =
        get(server, "/v1/assets/" + other + "/thresholds")
            .json()
            .get("thresholds")
            .get("lt")
            .asDouble();
    return (btcPrice * lt1 + 3 * otherPrice * 0.98 * lt2) / hf;
  }

  /** HF now about 1.03: liquidation within a day is possible but not certain. */
  static double debtNear() {
    return debtAt(1.03);
  }

  @Test
  void twoAssets_consistentAnswer() {
    long t0 = System.nanoTime();
    JsonNode r = post(server, PATH, body(debtNear(), "\"seed\":7")).expect(200).json();
    long ms = (System.nanoTime() - t0) / 1_000_000;
    System.err.println("StressRouteTest: 20 000 paths × 24 h × 2 assets in " + ms + " ms");
    assertEquals("baseline:ewma", r.get("mode").asText());
    assertEquals(24, r.get("hours").asInt());
    assertEquals(20_000, r.get("paths").asInt());
    assertEquals(7, r.get("seed").asLong());
    assertEquals("s1", r.get("positionId").asText());
    for (String p : List.of("liquidatableProbability", "insolvencyProbability")) {
      double v = r.get(p).asDouble();
      assertTrue(v >= 0 && v <= 1, p + " " + v);
    }
    double liquidatable = r.get("liquidatableProbability").asDouble();
    assertTrue(liquidatable > 0 && liquidatable < 1, r.toString());
    assertEquals(1.03, r.get("healthFactorNow").asDouble(), 1e-9);
    assertTrue(
        r.get("insolvencyProbability").asDouble()
            <= r.get("liquidatableProbability").asDouble() + 1e-12,
        r.toString());
    assertEquals(
        List.of(0.99, 0.999),
        List.of(r.get("levels").get(0).asDouble(), r.get("levels").get(1).asDouble()));
    for (int i = 0; i < 2; i++) {
      double var = r.get("shortfallVar").get(i).asDouble();
      double es = r.get("shortfallEs").get(i).asDouble();
      assertTrue(var >= 0 && var <= es + 1e-9, "VaR " + var + " ≤ ES " + es);
      assertTrue(es <= r.get("debtQuote").asDouble());
    }
    JsonNode q = r.get("minHealthFactorQuantiles");
    assertEquals(3, q.size());
    assertTrue(
        q.get(0).asDouble() <= q.get(1).asDouble() && q.get(1).asDouble() <= q.get(2).asDouble(),
        q.toString());
    assertTrue(q.get(2).asDouble() <= r.get("healthFactorNow").asDouble() * 1.05, r.toString());

    // HF now by hand from the returned inputs
    JsonNode hs = r.get("holdings");
    assertEquals(2, hs.size());
    double weighted = 0;
    for (JsonNode h : hs) {
      double lt = h.get("lt").asDouble();
      double slippage = h.get("slippage").asDouble();
      assertTrue(lt > 0 && lt < 1, h.toString());
      assertTrue(slippage >= 0 && slippage <= 1, h.toString());
      assertEquals(
          h.get("quantity").asDouble() * h.get("priceQuote").asDouble(),
          h.get("valueQuote").asDouble(),
          1e-9 * h.get("valueQuote").asDouble());
      weighted += h.get("quantity").asDouble() * h.get("priceQuote").asDouble() * lt;
      // the inputs are the service's: governed LT, σ_hour = sqrt(variance_24h / 24)
      JsonNode t =
          get(server, "/v1/assets/" + h.get("symbol").asText() + "/thresholds").expect(200).json();
      assertEquals(t.get("thresholds").get("lt").asDouble(), lt, 0);
      double vol24 = Double.NaN;
      for (JsonNode hz : t.get("forecast").get("horizons")) {
        if (hz.get("hours").asInt() == 24) {
          vol24 = hz.get("volatility").asDouble();
        }
      }
      assertEquals(vol24 / Math.sqrt(24), h.get("hourlyVolatility").asDouble(), 1e-12);
    }
    assertEquals(btcPrice, hs.get(0).get("priceQuote").asDouble(), 0, "the service's price");
    assertEquals(otherPrice * 0.98, hs.get(1).get("priceQuote").asDouble(), 1e-9, "the given");
    assertEquals(
        weighted / r.get("debtQuote").asDouble(),
        r.get("healthFactorNow").asDouble(),
        1e-12 * r.get("healthFactorNow").asDouble());

    // the held history's own windows
    assertTrue(r.get("historicalWindows").asInt() > 10, r.toString());
    assertTrue(r.get("historyHours").asInt() >= 24 * 30, r.toString());
    long start = r.get("worstHistoricalStartMs").asLong();
    assertEquals(Instant.ofEpochMilli(start).toString(), r.get("worstHistoricalStart").asText());
    assertTrue(
        r.get("worstHistoricalMinHealthFactor").asDouble()
            <= r.get("healthFactorNow").asDouble() * 1.5,
        r.toString());
    assertTrue(r.get("worstHistoricalShortfall").asDouble() >= 0);
  }

  @Test
  void sameSeed_sameAnswer_otherSeed_otherPaths() {
    String extra = "\"paths\":4000,\"hours\":48,\"levels\":[0.95,0.99],\"seed\":123";
    String a = post(server, PATH, body(debtNear(), extra)).expect(200).body();
    String b = post(server, PATH, body(debtNear(), extra)).expect(200).body();
    assertEquals(a, b);
    JsonNode c =
        post(server, PATH, body(debtNear(), extra.replace("123", "124"))).expect(200).json();
    JsonNode ja = parse(a);
    assertEquals(48, ja.get("hours").asInt());
    assertEquals(4000, ja.get("paths").asInt());
    assertNotEquals(ja.get("minHealthFactorQuantiles"), c.get("minHealthFactorQuantiles"));
    // no seed: the fixed default, so still reproducible
    String d = post(server, PATH, body(debtNear(), "\"paths\":1000")).expect(200).body();
    assertEquals(d, post(server, PATH, body(debtNear(), "\"paths\":1000")).expect(200).body());
    assertEquals(42, parse(d).get("seed").asLong());
  }

  /*
   * Six at once: the stress gate admits what the heap allows and refuses the rest with a busy
   * problem (backpressure, not a queue); a client that retries gets the same answer as the others.
   */
  @Test
  void concurrentRequests_refusedOrServed_identicalOnceServed() throws Exception {
    String body = body(debtNear(), "\"seed\":99");
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(6);
    try {
      List<java.util.concurrent.Future<String>> out = new java.util.ArrayList<>();
      for (int i = 0; i < 6; i++) {
        out.add(pool.submit(() -> retryWhileBusy(body)));
      }
      String first = out.get(0).get();
      for (java.util.concurrent.Future<String> f : out) {
        assertEquals(first, f.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** Posts until served, every refusal a busy problem; at most 200 tries 100 ms apart. */
  private static String retryWhileBusy(String body) throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      TestService.Reply r = post(server, PATH, body);
      if (r.status() != 503) {
        return r.expect(200).body();
      }
      assertTrue(r.body().contains("/problems/busy"), r.body());
      Thread.sleep(100);
    }
    throw new AssertionError("busy for 20 s");
  }

  @Test
  void healthyPosition_noLiquidation() {
    JsonNode r = post(server, PATH, body(btcPrice * 0.05, "\"paths\":2000")).expect(200).json();
    assertEquals(0, r.get("liquidatableProbability").asDouble());
    assertEquals(0, r.get("insolvencyProbability").asDouble());
    assertEquals(0, r.get("shortfallVar").get(1).asDouble());
  }

  @Test
  void underwaterPosition_insolventOnEveryPath() {
    double value = btcPrice + 3 * otherPrice * 0.98;
    JsonNode r = post(server, PATH, body(value * 1.02, "\"paths\":2000")).expect(200).json();
    assertEquals(1, r.get("liquidatableProbability").asDouble());
    assertEquals(1, r.get("insolvencyProbability").asDouble());
    for (int i = 0; i < 2; i++) {
      double var = r.get("shortfallVar").get(i).asDouble();
      double es = r.get("shortfallEs").get(i).asDouble();
      assertTrue(var >= value * 0.02 && var <= es && es <= value * 1.02, r.toString());
    }
    assertTrue(
        r.get("shortfallVar").get(0).asDouble() <= r.get("shortfallVar").get(1).asDouble(),
        "VaR rises with the level");
    assertTrue(r.get("worstHistoricalShortfall").asDouble() > value * 0.02, r.toString());
  }

  @Test
  void bounds_400NamingTheField() {
    double d = debtNear();
    assertField(post(server, PATH, body(d, "\"paths\":100001")), 400, "paths");
    assertField(post(server, PATH, body(d, "\"paths\":0")), 400, "paths");
    // under the path limit but over paths × hours × assets
    TestService.Reply cells = post(server, PATH, body(d, "\"paths\":100000,\"hours\":168"));
    assertField(cells, 400, "paths");
    assertTrue(cells.body().contains("at most"), cells.body());
    assertField(post(server, PATH, body(d, "\"hours\":169")), 400, "hours");
    assertField(post(server, PATH, body(d, "\"hours\":0")), 400, "hours");
    assertField(post(server, PATH, body(d, "\"hours\":24.5")), 400, "hours");
    assertField(post(server, PATH, body(d, "\"paths\":\"many\"")), 400, "paths");
    assertField(post(server, PATH, body(d, "\"levels\":[0.99,1.0]")), 400, "levels[1]");
    assertField(post(server, PATH, body(d, "\"levels\":[0.5]")), 400, "levels[0]");
    assertField(post(server, PATH, body(d, "\"levels\":[]")), 400, "levels");
    assertField(post(server, PATH, body(d, "\"levels\":[null]")), 400, "levels[0]");
    assertProblem(
        post(server, PATH, body(d, "\"levels\":[" + "0.9,".repeat(20) + "0.9]")).expect(413), 413);
    assertField(post(server, PATH, body(d, "\"seed\":1.5")), 400, "seed");
  }

  @Test
  void badInput_problems() {
    assertField(post(server, PATH, "{"), 400, null);
    assertField(post(server, PATH, "null"), 400, null);
    assertField(post(server, PATH, "[]"), 400, null);
    assertField(post(server, PATH, "{}"), 400, "position");
    assertField(post(server, PATH, "{\"positions\":[]}"), 400, "positions");
    assertField(post(server, PATH, body(debtNear(), "\"extra\":1")), 400, "extra");
    assertField(post(server, PATH, body(0, "")), 400, "position.debtQuote");
    assertField(
        post(
            server,
            PATH,
            "{\"position\":" + position(5).replace("\"quantity\":1", "\"quantity\":-1") + "}"),
        400,
        "position.collateral[0].quantity");
    TestService.Reply unknown =
        post(server, PATH, "{\"position\":" + position(5).replace(other, "NOPEUSDT") + "}")
            .expect(404);
    assertProblem(unknown, 404);
    assertTrue(unknown.body().contains("NOPEUSDT"), unknown.body());
    assertField(
        post(server, PATH, "{\"position\":" + position(5).replace(other, btc) + "}"),
        400,
        "position");
    assertProblem(get(server, PATH).expect(405), 405);
    // a debt so small that HF overflows: a 422, not a 500 or an Infinity
    assertProblem(post(server, PATH, body(1e-320, "\"paths\":10")).expect(422), 422);
  }

  @Test
  void assetWithoutThresholds_503NamingIt(@TempDir Path own) throws IOException {
    TestService.store(own.resolve("data"), TestService.market(2));
    try (Server s =
        TestService.start(
            TestService.options(
                own.resolve("data"), own.resolve("models"), "ewma", TestService.TOKEN))) {
      // a day of bars at a price and volume that make the asset too illiquid for the policy
      long t =
          get(s, "/v1/assets/" + other + "/thresholds")
              .expect(200)
              .json()
              .get("dataTimeMs")
              .asLong();
      StringBuilder bars = new StringBuilder();
      for (int i = 0; i < 24; i++) {
        bars.append(i == 0 ? "" : ",").append(TestService.bar(t + i * 3_600_000L, 10));
      }
      post(
              s,
              "/v1/market/bars",
              "{\"series\":[{\"symbol\":\"" + other + "\",\"bars\":[" + bars + "]}]}",
              TestService.TOKEN)
          .expect(200);
      assertNotNull(
          get(s, "/v1/assets/" + other + "/thresholds").expect(200).json().get("unavailable"));
      TestService.Reply r = post(s, PATH, body(debtNear(), "\"paths\":500")).expect(503);
      assertProblem(r, 503);
      assertTrue(r.body().contains(other), r.body());
      // a position of BTC alone is still answered
      post(
              s,
              PATH,
              "{\"position\":{\"id\":\"b\",\"collateral\":[{\"symbol\":\""
                  + btc
                  + "\",\"quantity\":1}],\"debtAsset\":\"USDT\",\"debtQuote\":1000},"
                  + "\"paths\":500}")
          .expect(200);
    }
  }

  @Test
  void openApi_documentsTheRoute() {
    JsonNode p = get(server, "/openapi.json").expect(200).json().get("paths").get(PATH);
    assertNotNull(p);
    assertNotNull(p.get("post"));
  }

  static JsonNode parse(String s) {
    try {
      return TestService.JSON.readTree(s);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}

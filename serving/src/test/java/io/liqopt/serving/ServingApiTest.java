package io.liqopt.serving;

import static io.liqopt.serving.TestService.bar;
import static io.liqopt.serving.TestService.get;
import static io.liqopt.serving.TestService.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.liqopt.core.market.BarSeries;
import io.liqopt.serving.api.ServingApp.Route;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API against a real server on a random port (baseline EWMA, data clock), with the JDK
 * HttpClient: the happy paths, and every kind of bad input answered by a problem+json 4xx.
 */
class ServingApiTest {
  @TempDir static Path dir;
  static List<BarSeries> market;
  static Server server;
  static String btc;
  static String other;
  static BarSeries extra;

  @BeforeAll
  static void start() throws IOException {
    market = TestService.market(3);
    TestService.store(dir.resolve("data"), market.subList(0, 2));
    extra = market.get(2);
    btc = market.get(0).symbol();
    other = market.get(1).symbol();
    server =
        TestService.start(
            TestService.options(
                dir.resolve("data"), dir.resolve("models"), "ewma", TestService.TOKEN));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void assets_listsEveryHeldAssetWithConsistentThresholds() {
    JsonNode r = get(server, "/v1/assets").expect(200).json();
    assertEquals("baseline:ewma", r.get("mode").asText());
    assertEquals(2, r.get("assets").size());
    for (JsonNode a : r.get("assets")) {
      JsonNode t = a.get("thresholds");
      assertNotNull(t, a.toString());
      double lt = t.get("lt").asDouble();
      double ltv = t.get("maxLtv").asDouble();
      assertTrue(ltv > 0 && ltv <= lt && lt < 1, a.toString());
      assertEquals(r.get("modelId").asText(), t.get("modelVersion").asText());
      assertFalse(a.get("stale").asBoolean(), "data clock: nothing is stale");
    }
  }

  @Test
  void thresholds_heldSymbol_fullAnswer() {
    JsonNode r = get(server, "/v1/assets/" + btc + "/thresholds").expect(200).json();
    assertEquals(btc, r.get("symbol").asText());
    assertEquals("held", r.get("source").asText());
    assertEquals(market.get(0).lastOpenTimeMs() + 3_600_000L, r.get("dataTimeMs").asLong());
    JsonNode t = r.get("thresholds");
    for (String f :
        List.of(
            "lt",
            "maxLtv",
            "bonus",
            "closeFactor",
            "volatility24h",
            "stressProbability",
            "targetLt",
            "reasons")) {
      assertNotNull(t.get(f), f);
    }
    assertTrue(t.get("governed").asBoolean());
    assertTrue(r.get("forecast").get("horizons").size() >= 2);
  }

  @Test
  void thresholds_unknownOrMalformedSymbol_problem() {
    TestService.Reply r = get(server, "/v1/assets/NOPEUSDT/thresholds").expect(404);
    assertProblem(r, 404);
    assertTrue(r.body().contains("NOPEUSDT"));
    assertProblem(get(server, "/v1/assets/btc-usd/thresholds").expect(400), 400);
  }

  @Test
  void history_returnsRecentPointsInOrder() {
    JsonNode pts =
        get(server, "/v1/assets/" + btc + "/history?hours=24").expect(200).json().get("points");
    assertEquals(24, pts.size());
    for (int i = 1; i < pts.size(); i++) {
      assertTrue(pts.get(i).get("t").asLong() > pts.get(i - 1).get("t").asLong());
    }
    assertProblem(get(server, "/v1/assets/" + btc + "/history?hours=abc").expect(400), 400);
    assertProblem(get(server, "/v1/assets/" + btc + "/history?hours=0").expect(400), 400);
  }

  @Test
  void batchThresholds_heldAndCallerBars() {
    StringBuilder bars = new StringBuilder();
    int n = extra.size();
    for (int i = n - 24 * 90; i < n; i++) {
      bars.append(bars.length() == 0 ? "" : ",")
          .append(
              String.format(
                  Locale.ROOT,
                  "{\"openTimeMs\":%d,\"open\":%s,\"high\":%s,\"low\":%s,\"close\":%s,"
                      + "\"volume\":%s,\"quoteVolume\":%s}",
                  extra.openTimeMs(i),
                  extra.open(i),
                  extra.high(i),
                  extra.low(i),
                  extra.close(i),
                  extra.volume(i),
                  extra.quoteVolume(i)));
    }
    String body =
        "{\"symbols\":[\"" + btc + "\"],\"bars\":{\"" + extra.symbol() + "\":[" + bars + "]}}";
    JsonNode r = post(server, "/v1/thresholds", body).expect(200).json();
    assertEquals(2, r.get("results").size());
    JsonNode caller = r.get("results").get(1);
    assertEquals(extra.symbol(), caller.get("symbol").asText());
    assertEquals("caller-bars", caller.get("source").asText());
    assertFalse(caller.get("thresholds").get("governed").asBoolean());
    // too few bars: the features are undefined, a 422 that says why
    String few =
        "{\"bars\":{\""
            + extra.symbol()
            + "\":["
            + bar(extra.openTimeMs(n - 1), extra.close(n - 1))
            + "]}}";
    assertTrue(
        post(server, "/v1/thresholds", few).expect(422).body().contains(" days of hourly bars"));
    assertProblem(post(server, "/v1/thresholds", "{\"symbols\":[\"NOPEUSDT\"]}").expect(404), 404);
    post(server, "/v1/thresholds", "{\"symbols\":[]}").expect(200);
  }

  @Test
  void assess_singleAndBatch() {
    double price = get(server, "/v1/assets/" + btc + "/thresholds").json().get("price").asDouble();
    String healthy = position("a", btc, 1, price * 0.3);
    String under = position("b", btc, 1, price * 0.99);
    JsonNode one =
        post(server, "/v1/positions/assess", "{\"position\":" + healthy + "}").expect(200).json();
    assertEquals(1, one.get("assessed").asInt());
    assertFalse(one.get("results").get(0).get("assessment").get("liquidatable").asBoolean());
    JsonNode batch =
        post(server, "/v1/positions/assess", "{\"positions\":[" + healthy + "," + under + "]}")
            .expect(200)
            .json();
    JsonNode b = batch.get("results").get(1).get("assessment");
    assertTrue(b.get("liquidatable").asBoolean());
    assertTrue(b.get("liquidation").get("repayQuote").asDouble() > 0);
    // the compact view carries the same numbers, without plans, slices and provenance
    JsonNode compact =
        post(
                server,
                "/v1/positions/assess?view=compact",
                "{\"positions\":[" + healthy + "," + under + "]}")
            .expect(200)
            .json()
            .get("results");
    assertEquals(b.get("healthFactor").asDouble(), compact.get(1).get("healthFactor").asDouble());
    assertEquals(
        b.get("liquidation").get("repayQuote").asDouble(),
        compact.get(1).get("repayQuote").asDouble());
    assertEquals("b", compact.get(1).get("id").asText());
    assertFalse(compact.get(0).has("repayQuote"));
    assertField(
        post(server, "/v1/positions/assess?view=tiny", "{\"position\":" + healthy + "}"),
        400,
        "view");
  }

  @Test
  void assess_badInput_problemNamingTheField() {
    String path = "/v1/positions/assess";
    assertField(post(server, path, "{"), 400, null);
    assertField(post(server, path, "[]"), 400, null);
    assertField(post(server, path, "null"), 400, null);
    assertField(post(server, path, ""), 400, null);
    assertField(post(server, path, "{\"positions\":[]}"), 400, "positions");
    assertField(
        post(
            server,
            path,
            "{\"position\":{\"collateral\":[{\"symbol\":\""
                + btc
                + "\",\"quantity\":1}],\"debtAsset\":\"USDT\",\"debtQuote\":5}}"),
        400,
        "position.id");
    assertField(
        post(
            server,
            path,
            "{\"position\":{\"id\":\"x\",\"collateral\":[{\"symbol\":\""
                + btc
                + "\",\"quantity\":\"lots\"}],\"debtAsset\":\"USDT\",\"debtQuote\":5}}"),
        400,
        "position.collateral[0].quantity");
    assertField(
        post(server, path, "{\"position\":" + position("x", btc, -1, 5) + "}"),
        400,
        "position.collateral[0].quantity");
    assertField(
        post(server, path, "{\"position\":" + position("x", btc, 1, 0) + "}"),
        400,
        "position.debtQuote");
    assertField(
        post(
            server,
            path,
            "{\"position\":" + position("x", btc, 1e300, 5).replace("1.0E300", "1e400") + "}"),
        400,
        "position.collateral[0].quantity");
    assertField(
        post(
            server,
            path,
            "{\"position\":"
                + position("x", btc, 1, 5).replace("\"debtQuote\":5.0", "\"debtQuote\":NaN")
                + "}"),
        400,
        null);
    assertField(
        post(server, path, "{\"position\":" + position("x", btc, 1, 5) + ",\"extra\":1}"),
        400,
        "extra");
    assertProblem(
        post(server, path, "{\"position\":" + position("x", "NOPEUSDT", 1, 5) + "}").expect(404),
        404);
    // over the configured batch count (500) and body size (512 KiB)
    StringBuilder many = new StringBuilder("{\"positions\":[");
    for (int i = 0; i < 501; i++) {
      many.append(i == 0 ? "" : ",").append(position("p" + i, btc, 1, 5));
    }
    assertProblem(post(server, path, many + "]}").expect(413), 413);
    String huge =
        "{\"positions\":["
            + position("p", btc, 1, 5)
            + "],\"pad\":\""
            + "x".repeat(600 * 1024)
            + "\"}";
    // written in full (the service reads and drops it before the 413, so that no reset destroys
    // the answer; OversizedBodyTest repeats this for every framing), and with Expect: 100-continue
    // and the body held back (refused on the declared length before any body is sent)
    assertProblem(post(server, path, huge).expect(413), 413);
    RawHttp.Reply oversized =
        RawHttp.send(
            server,
            new RawHttp.Request(
                "POST",
                path,
                List.of(),
                "application/json",
                huge.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                RawHttp.Framing.EXPECT_CONTINUE));
    assertProblem(oversized.simple().expect(413), 413);
    HttpRequest.Builder text =
        HttpRequest.newBuilder(URI.create(server.url() + path))
            .header("Content-Type", "text/plain")
            .POST(HttpRequest.BodyPublishers.ofString("{}"));
    assertProblem(TestService.send(text).expect(415), 415);
  }

  @Test
  void ingest_tokenRules() {
    long next = market.get(1).lastOpenTimeMs() + 3_600_000L;
    String body = "{\"series\":[{\"symbol\":\"" + other + "\",\"bars\":[" + bar(next, 10) + "]}]}";
    assertProblem(post(server, "/v1/market/bars", body).expect(401), 401);
    assertProblem(post(server, "/v1/market/bars", body, "wrong").expect(401), 401);
    assertProblem(post(server, "/v1/admin/reload", "", "wrong").expect(401), 401);
  }

  @Test
  void ingest_newBarsUpdateThresholds_conflictsAre409() {
    String sym = other;
    JsonNode before = get(server, "/v1/assets/" + sym + "/thresholds").json();
    long last = before.get("dataTimeMs").asLong() - 3_600_000L;
    double px = before.get("price").asDouble();
    String bars = bar(last + 3_600_000L, px) + "," + bar(last + 7_200_000L, px * 1.01);
    JsonNode ok =
        post(
                server,
                "/v1/market/bars",
                "{\"series\":[{\"symbol\":\"" + sym + "\",\"bars\":[" + bars + "]}]}",
                TestService.TOKEN)
            .expect(200)
            .json();
    assertEquals(2, ok.get("bars").asInt());
    JsonNode after = get(server, "/v1/assets/" + sym + "/thresholds").json();
    assertEquals(last + 3 * 3_600_000L, after.get("dataTimeMs").asLong());
    assertEquals(px * 1.01 * 1.001, after.get("price").asDouble(), 1e-9);
    // the same bars again: duplicates, identical to the stored ones
    TestService.Reply dup =
        post(
                server,
                "/v1/market/bars",
                "{\"series\":[{\"symbol\":\"" + sym + "\",\"bars\":[" + bars + "]}]}",
                TestService.TOKEN)
            .expect(409);
    assertProblem(dup, 409);
    assertEquals("duplicate", dup.json().get("conflicts").get(0).get("reason").asText());
    assertEquals(2, dup.json().get("conflicts").size());
    // a changed stored bar, and bars out of order within the request
    TestService.Reply conflict =
        post(
                server,
                "/v1/market/bars",
                "{\"series\":[{\"symbol\":\""
                    + sym
                    + "\",\"bars\":["
                    + bar(last + 7_200_000L, px * 2)
                    + "]}]}",
                TestService.TOKEN)
            .expect(409);
    assertEquals("conflict", conflict.json().get("conflicts").get(0).get("reason").asText());
    TestService.Reply order =
        post(
                server,
                "/v1/market/bars",
                "{\"series\":[{\"symbol\":\""
                    + sym
                    + "\",\"bars\":["
                    + bar(last + 5 * 3_600_000L, px)
                    + ","
                    + bar(last + 4 * 3_600_000L, px)
                    + "]}]}",
                TestService.TOKEN)
            .expect(409);
    assertEquals("out-of-order", order.json().get("conflicts").get(0).get("reason").asText());
    // nothing of a refused request was stored
    assertEquals(
        last + 3 * 3_600_000L,
        get(server, "/v1/assets/" + sym + "/thresholds").json().get("dataTimeMs").asLong());
    // bad bars: a field-level 400; a bar still open; an unknown symbol
    assertField(
        post(
            server,
            "/v1/market/bars",
            "{\"series\":[{\"symbol\":\""
                + sym
                + "\",\"bars\":["
                + bar(last + 4 * 3_600_000L, px).replace("\"low\":", "\"low\":-")
                + "]}]}",
            TestService.TOKEN),
        400,
        "series[0].bars[0].low");
    assertField(
        post(
            server,
            "/v1/market/bars",
            "{\"series\":[{\"symbol\":\""
                + sym
                + "\",\"bars\":["
                + bar((System.currentTimeMillis() / 3_600_000L) * 3_600_000L, px)
                + "]}]}",
            TestService.TOKEN),
        400,
        "series[0].bars[0].openTimeMs");
    // the accepted ingests' steps, each a histogram
    String metrics = get(server, "/metrics").expect(200).body();
    for (String phase : List.of("wal", "compute", "save", "notify")) {
      assertTrue(
          metrics.contains("liqopt_publish_phase_seconds_count{phase=\"" + phase + "\"}"), phase);
    }
    assertTrue(metrics.contains("liqopt_publish_phase_seconds_bucket{phase=\"save\""), metrics);
    assertProblem(
        post(
                server,
                "/v1/market/bars",
                "{\"series\":[{\"symbol\":\"NOPEUSDT\","
                    + "\"bars\":["
                    + bar(last + 4 * 3_600_000L, px)
                    + "]}]}",
                TestService.TOKEN)
            .expect(404),
        404);
  }

  @Test
  void ingestAndReload_withoutConfiguredToken_forbidden(@TempDir Path own) throws IOException {
    TestService.store(own, market.subList(0, 1));
    try (Server closed =
        TestService.start(TestService.options(own, own.resolve("models"), "ewma", null))) {
      assertProblem(post(closed, "/v1/market/bars", "{}", "anything").expect(403), 403);
      assertProblem(post(closed, "/v1/admin/reload", "", "anything").expect(403), 403);
    }
  }

  @Test
  void baselineWithPaths_quantilesFromThePathEngine_statedInEveryAnswer(@TempDir Path own)
      throws IOException {
    TestService.store(own, market.subList(0, 2));
    try (Server p =
        TestService.start(TestService.options(own, own.resolve("models"), "ewma+paths", null))) {
      JsonNode t = get(p, "/v1/assets/" + btc + "/thresholds").expect(200).json();
      assertTrue(t.get("modelId").asText().endsWith("+paths"), t.toString());
      assertEquals("baseline:ewma+paths", t.get("mode").asText(), t.toString());
      assertTrue(t.get("forecast").get("modelVersion").asText().endsWith("+paths"));
      assertTrue(
          t.get("thresholds").get("reasons").get(0).get("detail").asText().contains("+paths"),
          t.toString());
    }
  }

  @Test
  void unknownRouteAndMethod_problem() {
    assertProblem(get(server, "/v2/nothing").expect(404), 404);
    assertProblem(get(server, "/v1/positions/assess").expect(405), 405);
    assertProblem(get(server, "/dashboard/secrets.txt").expect(404), 404);
  }

  @Test
  void path_malformedPercentEscape_400Problem() {
    // found by ApiFuzzTest: Jetty passes %u0041, Javalin's path parameters then threw (a 500)
    for (String path :
        List.of(
            "/v1/assets/%u0041/thresholds",
            "/v1/assets/%u0041/history",
            "/dashboard/%u0041",
            "/v1/assets/BTC%u00E9/history?hours=1")) {
      TestService.Reply r = RawHttp.send(server, RawHttp.Request.get(path)).simple().expect(400);
      assertProblem(r, 400);
      assertTrue(r.body().contains("percent-escape"), path + ": " + r.body());
    }
  }

  @Test
  void requestsJettyRefuses_problemsNotHtml() {
    // found by ApiFuzzTest: Jetty answered these itself with an HTML page (and a 505)
    assertProblem(
        RawHttp.send(server, RawHttp.Request.get("/v1/assets/%00/thresholds")).simple().expect(400),
        400);
    assertProblem(
        RawHttp.send(
                server, RawHttp.Request.get("/v1/assets/" + "A".repeat(20_000) + "/thresholds"))
            .simple()
            .expect(414),
        414);
    assertProblem(RawHttp.send(server, RawHttp.Request.get("")).simple().expect(400), 400);
    String body = "{\"series\":[]}";
    for (String header : List.of("Bearer " + "k".repeat(20_000), "Bearer test-token\u0000")) {
      RawHttp.Reply r =
          RawHttp.send(
              server,
              new RawHttp.Request(
                  "POST",
                  "/v1/market/bars",
                  List.of("Authorization: " + header),
                  "application/json",
                  body.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                  RawHttp.Framing.LENGTH));
      assertTrue(r.status() == 400 || r.status() == 431, r::toString);
      assertProblem(r.simple(), r.status());
      assertFalse(r.bodyText().contains("kkkk"), "echoes the oversized header");
    }
  }

  @Test
  void openApi_listsEveryRouteOfTheApp() {
    JsonNode paths = get(server, "/openapi.json").expect(200).json().get("paths");
    List<Route> routes = server.routes();
    assertTrue(routes.size() >= 13, routes.toString());
    Set<String> missing = new HashSet<>();
    for (Route r : routes) {
      JsonNode p = paths.get(r.path());
      if (p == null || p.get(r.method().toLowerCase(Locale.ROOT)) == null) {
        missing.add(r.method() + " " + r.path());
      }
    }
    assertEquals(Set.of(), missing, "routes missing from /openapi.json");
    List<String> documented = new ArrayList<>();
    for (Iterator<String> it = paths.fieldNames(); it.hasNext(); ) {
      documented.add(it.next());
    }
    assertEquals(
        routes.size(),
        documented.stream().mapToInt(p -> paths.get(p).size()).sum(),
        "every documented operation exists");
  }

  @Test
  void everyAnswerCarriesTheServicesOwnTime() throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    for (String path : List.of("/v1/assets", "/v1/assets/NOPE/thresholds", "/no-such-route")) {
      HttpResponse<String> r =
          client.send(
              HttpRequest.newBuilder(URI.create(server.url() + path)).build(),
              HttpResponse.BodyHandlers.ofString());
      String timing = r.headers().firstValue("Server-Timing").orElse("");
      assertTrue(timing.matches("app;dur=\\d+\\.\\d{3}"), path + ": " + timing);
      assertTrue(Double.parseDouble(timing.substring(8)) < 30_000, timing);
    }
    // an assessment adds its stages, in order, after the service's own time
    double price = get(server, "/v1/assets/" + btc + "/thresholds").json().get("price").asDouble();
    for (String view : List.of("full", "compact")) {
      HttpResponse<String> r =
          client.send(
              HttpRequest.newBuilder(URI.create(server.url() + "/v1/positions/assess?view=" + view))
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"position\":" + position("a", btc, 1, price * 0.3) + "}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode(), r.body());
      String timing = r.headers().firstValue("Server-Timing").orElse("");
      String ms = "\\d+\\.\\d{3}";
      assertTrue(
          timing.matches(
              "app;dur="
                  + ms
                  + ", read;dur="
                  + ms
                  + ", parse;dur="
                  + ms
                  + ", check;dur="
                  + ms
                  + ", gate;dur="
                  + ms
                  + ", answer;dur="
                  + ms),
          view + ": " + timing);
    }
  }

  @Test
  void healthReadyMetricsDashboard() {
    JsonNode h = get(server, "/health").expect(200).json();
    assertTrue(h.get("ready").asBoolean());
    assertEquals("baseline:ewma", h.get("mode").asText());
    // the live engine is off here: the dashboard learns it without requesting its routes
    assertFalse(h.get("features").get("livePrices").asBoolean(), h.toString());
    assertFalse(h.get("features").get("book").asBoolean(), h.toString());
    get(server, "/ready").expect(200);
    get(server, "/v1/assets");
    String metrics = get(server, "/metrics").expect(200).body();
    assertTrue(metrics.contains("http_server_requests_seconds_bucket"), metrics);
    assertTrue(metrics.contains("route=\"/v1/assets\""), metrics);
    assertTrue(metrics.contains("liqopt_serving_model{"), metrics);
    assertTrue(metrics.contains("liqopt_data_age_seconds{symbol=\"" + btc + "\""), metrics);
    assertTrue(metrics.contains("jvm_memory_used_bytes{area=\"heap\""), metrics);
    assertTrue(metrics.contains("jvm_threads_live_threads"), metrics);
    assertTrue(metrics.contains("jvm_gc_live_data_size_bytes"), "the live data after GC");
    assertTrue(metrics.contains("liqopt_batch_chunks_total{ran_on=\"helper\"}"), metrics);
    assertTrue(metrics.contains("liqopt_batch_chunks_total{ran_on=\"request\"}"), metrics);
    TestService.Reply page = get(server, "/").expect(200);
    assertTrue(page.contentType().startsWith("text/html"));
    assertTrue(page.body().contains("/dashboard/app.js"));
    assertTrue(page.body().contains("/dashboard/book.js"));
    for (String script : List.of("app.js", "book.js")) {
      assertTrue(
          get(server, "/dashboard/" + script)
              .expect(200)
              .contentType()
              .startsWith("text/javascript"));
    }
  }

  static String position(String id, String symbol, double quantity, double debt) {
    return String.format(
        Locale.ROOT,
        "{\"id\":\"%s\",\"collateral\":[{\"symbol\":\"%s\","
            + "\"quantity\":%s}],\"debtAsset\":\"USDT\",\"debtQuote\":%s}",
        id,
        symbol,
        quantity,
        (double) debt);
  }

  static void assertProblem(TestService.Reply r, int status) {
    if (status >= 400) {
      assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
      JsonNode p = r.json();
      assertEquals(status, p.get("status").asInt());
      assertNotNull(p.get("title"));
      assertNotNull(p.get("detail"));
      assertFalse(r.body().contains("Exception"), r.body());
      assertFalse(r.body().contains("io.liqopt"), r.body());
    }
  }

  static void assertField(TestService.Reply r, int status, String field) {
    r.expect(status);
    assertProblem(r, status);
    if (field != null) {
      JsonNode errors = r.json().get("errors");
      assertNotNull(errors, r.body());
      assertEquals(field, errors.get(0).get("field").asText(), r.body());
    }
  }
}

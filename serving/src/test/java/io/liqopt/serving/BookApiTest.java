package io.liqopt.serving;

import static io.liqopt.serving.ServingApiTest.assertProblem;
import static io.liqopt.serving.TestService.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.liqopt.core.market.BarSeries;
import io.liqopt.serving.book.BookOptions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The position book against a real server (baseline EWMA, two synthetic assets, data clock, no live
 * prices: each asset is valued at its last close and weighted by the LT served): writes, versions,
 * problems for every client mistake, the buckets and cliff of a hand-checked book, and the book
 * back after a restart.
 */
class BookApiTest {
  private static final double TOLERANCE = 1e-9;

  @TempDir static Path dir;
  static Server server;
  static String btc;
  static String other;

  @BeforeAll
  static void start() throws IOException {
    List<BarSeries> market = TestService.market(2);
    TestService.store(dir.resolve("data"), market);
    btc = market.get(0).symbol();
    other = market.get(1).symbol();
    server = TestService.start(options());
  }

  static Server.Options options() {
    return TestService.options(
            dir.resolve("data"), dir.resolve("models"), "ewma", TestService.TOKEN)
        .withBook(BookOptions.DEFAULTS);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static String body(long version, double debt, String... holdings) {
    return String.format(
        Locale.ROOT,
        "{\"version\":%d,\"collateral\":[%s],\"debtQuote\":%s}",
        version,
        String.join(",", holdings),
        debt);
  }

  static String holding(String symbol, double quantity) {
    return String.format(Locale.ROOT, "{\"symbol\":\"%s\",\"quantity\":%s}", symbol, quantity);
  }

  static TestService.Reply put(String id, String body) {
    return put(server, id, body, TestService.TOKEN);
  }

  static TestService.Reply put(Server s, String id, String body, String token) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(s.url() + "/v1/book/positions/" + id))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return TestService.send(b);
  }

  static TestService.Reply delete(String id) {
    return TestService.send(
        HttpRequest.newBuilder(URI.create(server.url() + "/v1/book/positions/" + id))
            .header("Authorization", "Bearer " + TestService.TOKEN)
            .DELETE());
  }

  /** Asset {@code symbol}'s weighted price w = P·LT, read as the HF of one unit against debt 1. */
  static double weighted(String symbol) {
    JsonNode r = put("probe-" + symbol, body(1, 1, holding(symbol, 1))).expect(200).json();
    delete("probe-" + symbol).expect(200);
    return r.get("healthFactor").asDouble();
  }

  @Test
  void putGetDelete_versions_olderOrEqualRefusedWith409() {
    double close = server.engine().state().assets().get(btc).price();
    JsonNode created = put("loan-1", body(3, 1000, holding(btc, 2))).expect(200).json();
    assertEquals("CREATED", created.get("write").asText());
    assertEquals(3, created.get("version").asLong());

    JsonNode p = get(server, "/v1/book/positions/loan-1").expect(200).json();
    assertEquals(3, p.get("version").asLong());
    assertEquals(1000, p.get("debtQuote").asDouble());
    assertEquals(2 * close, p.get("collateralQuote").asDouble(), TOLERANCE * close);
    double lt = p.get("collateral").get(0).get("lt").asDouble();
    assertEquals(2 * close * lt / 1000, p.get("healthFactor").asDouble(), TOLERANCE);
    assertEquals(p.get("healthFactor").asDouble() < 1, p.get("liquidatable").asBoolean());

    for (long stale : new long[] {3, 2}) {
      TestService.Reply r = put("loan-1", body(stale, 500, holding(btc, 1))).expect(409);
      assertProblem(r, 409);
      assertTrue(r.json().get("detail").asText().contains("version 3"), r.body());
    }
    JsonNode updated =
        put("loan-1", body(4, 500, holding(btc, 1), holding(other, 3))).expect(200).json();
    assertEquals("UPDATED", updated.get("write").asText());
    assertEquals(2, get(server, "/v1/book/positions/loan-1").json().get("collateral").size());

    assertEquals(4, delete("loan-1").expect(200).json().get("version").asLong());
    assertProblem(get(server, "/v1/book/positions/loan-1").expect(404), 404);
    assertProblem(delete("loan-1").expect(404), 404);
  }

  @Test
  void clientMistakes_problemsNever500() {
    String ok = body(1, 100, holding(btc, 1));
    assertProblem(put(server, "m1", ok, null).expect(401), 401);
    assertProblem(put(server, "m1", ok, "wrong").expect(401), 401);
    assertProblem(put("m1", "{\"version\":1,").expect(400), 400);
    assertProblem(put("m1", "{\"version\":1,\"debtQuote\":5}").expect(400), 400);
    assertProblem(put("m1", body(-1, 100, holding(btc, 1))).expect(400), 400);
    assertProblem(put("m1", body(1, 0, holding(btc, 1))).expect(400), 400);
    assertProblem(put("m1", body(1, 100, holding(btc, -1))).expect(400), 400);
    assertProblem(put("m1", body(1, 100, holding(btc, 1), holding(btc, 2))).expect(400), 400);
    assertProblem(put("m1", ok.replace("}]", ",\"price\":3}]")).expect(400), 400);
    TestService.Reply unknown = put("m1", body(1, 100, holding("NOPEUSDT", 1))).expect(404);
    assertProblem(unknown, 404);
    assertTrue(unknown.json().get("detail").asText().contains("NOPEUSDT"), unknown.body());
    String[] many = new String[65];
    for (int i = 0; i < many.length; i++) {
      many[i] = holding("A" + i, 1);
    }
    assertProblem(put("m1", body(1, 100, many)).expect(413), 413);
    String huge = body(1, 100, holding(btc, 1)).replace("}", " ".repeat(70_000) + "}");
    assertProblem(put("m1", huge).expect(413), 413);
    assertProblem(put("x".repeat(129), ok).expect(400), 400);
    assertProblem(get(server, "/v1/book/positions/" + "x".repeat(129)).expect(400), 400);
    assertProblem(put("a%20b", ok).expect(400), 400);
    assertProblem(get(server, "/v1/book/positions/never-written").expect(404), 404);
    assertEquals(-1, get(server, "/v1/book").json().toString().indexOf("\"m1\""));
  }

  @Test
  void summary_threePositions_bucketsAndCliffAsComputedByHand() throws Exception {
    // its own server and folder: the other tests' positions stay out of the sums
    Path data = dir.resolve("summary-data");
    TestService.store(data, TestService.market(2));
    try (Server s =
        TestService.start(
            TestService.options(data, dir.resolve("models"), "ewma", TestService.TOKEN)
                .withBook(BookOptions.DEFAULTS))) {
      Server saved = server;
      server = s;
      try {
        double w = weighted(btc);
        // one unit each, debt w / HF: health factors 0.9, 1.03 and 1.2
        put("hf090", body(1, w / 0.9, holding(btc, 1))).expect(200);
        put("hf103", body(1, w / 1.03, holding(btc, 1))).expect(200);
        put("hf120", body(1, w / 1.2, holding(btc, 1))).expect(200);
        JsonNode b = get(s, "/v1/book").expect(200).json();
        assertEquals(3, b.get("positions").asInt());
        assertEquals(1, b.get("liquidatable").asInt());
        JsonNode buckets = b.get("buckets");
        assertEquals(w / 0.9, bucket(buckets, 0).get("debtQuote").asDouble(), TOLERANCE * w);
        assertEquals(1, bucket(buckets, 1).get("positions").asInt()); // [1, 1.05): 1.03
        assertEquals(0, bucket(buckets, 1.05).get("positions").asInt());
        assertEquals(1, bucket(buckets, 1.1).get("positions").asInt()); // [1.1, 1.25): 1.2
        JsonNode cliff = b.get("cliff");
        // −1 %: 1.03 · 0.99 = 1.0197 and 1.2 · 0.99 stay ≥ 1; −5 %: 1.03 · 0.95 = 0.9785 < 1,
        // 1.2 · 0.95 = 1.14; −10 %: 1.2 · 0.9 = 1.08 still ≥ 1
        assertEquals(0, cliff.get(0).get("positions").asInt());
        assertEquals(1, cliff.get(1).get("positions").asInt());
        assertEquals(w / 1.03, cliff.get(1).get("debtQuote").asDouble(), TOLERANCE * w);
        assertEquals(1, cliff.get(2).get("positions").asInt());
        assertEquals(0.05, cliff.get(1).get("fall").asDouble());
      } finally {
        server = saved;
      }
    }
    // a restart loads the book back (snapshot at close, then the log)
    try (Server again =
        TestService.start(
            TestService.options(data, dir.resolve("models"), "ewma", TestService.TOKEN)
                .withBook(BookOptions.DEFAULTS))) {
      assertEquals(3, get(again, "/v1/book").expect(200).json().get("positions").asInt());
      JsonNode p = get(again, "/v1/book/positions/hf103").expect(200).json();
      assertEquals(1.03, p.get("healthFactor").asDouble(), 1e-9);
      assertFalse(p.get("liquidatable").asBoolean());
    }
  }

  private static JsonNode bucket(JsonNode buckets, double from) {
    for (JsonNode b : buckets) {
      if (Math.abs(b.get("fromHealthFactor").asDouble() - from) < TOLERANCE) {
        return b;
      }
    }
    throw new AssertionError("no bucket from " + from + " in " + buckets);
  }
}

package io.liqopt.serving;

import static io.liqopt.serving.ServingApiTest.assertProblem;
import static io.liqopt.serving.TestService.get;
import static io.liqopt.serving.TestService.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.liqopt.core.market.BarSeries;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live prices against a real server (baseline EWMA, two synthetic assets, the push route only):
 * quotes through the guard, the staleness of an asset without quotes turning its thresholds
 * conservative, and bad pushes refused with problems.
 */
class LivePricesApiTest {
  static final String PATH = "/v1/market/prices";

  @TempDir static Path dir;
  static Server server;
  static String btc;
  static String other;

  @BeforeAll
  static void start() throws IOException {
    List<BarSeries> market = TestService.market(2);
    btc = market.get(0).symbol();
    other = market.get(1).symbol();
    server = TestService.startWithLivePrices(dir, market);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static String quote(String symbol, String source, double price, long timeMs) {
    return String.format(
        Locale.ROOT,
        "{\"symbol\":\"%s\",\"source\":\"%s\",\"price\":%s,\"timeMs\":%d}",
        symbol,
        source,
        price,
        timeMs);
  }

  static TestService.Reply push(String... quotes) {
    return post(server, PATH, "{\"quotes\":[" + String.join(",", quotes) + "]}", TestService.TOKEN);
  }

  @Test
  void push_twoAgreeingSources_priceIsTheirMedian_andOnlyTheSilentAssetIsConservative() {
    long now = System.currentTimeMillis();
    JsonNode r = push(quote(btc, "a", 100, now), quote(btc, "b", 102, now)).expect(200).json();
    assertEquals("NO_QUORUM", r.get("results").get(0).get("verdict").asText());
    assertEquals("ACCEPTED", r.get("results").get(1).get("verdict").asText());
    assertEquals(101, r.get("results").get(1).get("price").asDouble());
    assertFalse(r.get("results").get(1).get("stale").asBoolean());

    JsonNode prices = get(server, PATH).expect(200).json();
    JsonNode first = prices.get("assets").get(0);
    assertEquals(btc, first.get("symbol").asText());
    assertEquals(2, first.get("sources").size());
    assertTrue(prices.get("assets").get(1).get("stale").asBoolean());

    JsonNode held = get(server, "/v1/assets/" + btc + "/thresholds").expect(200).json();
    JsonNode silent = get(server, "/v1/assets/" + other + "/thresholds").expect(200).json();
    assertFalse(codes(held).contains("STALE_PRICE"), held.toString());
    assertTrue(codes(silent).contains("STALE_PRICE"), silent.toString());
    assertTrue(silent.get("stale").asBoolean());
  }

  @Test
  void push_badQuotes_verdictsNotErrors() {
    long now = System.currentTimeMillis();
    JsonNode r =
        push(
                quote("NOPEUSDT", "a", 1, now),
                quote(btc, "c", -5, now),
                quote(btc, "c", 1e300, now + 3_600_000L))
            .expect(200)
            .json();
    assertEquals("UNKNOWN_SYMBOL", r.get("results").get(0).get("verdict").asText());
    assertEquals("INVALID", r.get("results").get(1).get("verdict").asText());
    assertEquals("FUTURE", r.get("results").get(2).get("verdict").asText());
    assertTrue(get(server, PATH).expect(200).json().get("unknownSymbolQuotes").asLong() >= 1);
  }

  @Test
  void push_malformedOrIncompleteOrUnauthorised_problems() {
    assertProblem(post(server, PATH, "{\"quotes\":[", TestService.TOKEN).expect(400), 400);
    assertProblem(post(server, PATH, "{\"quotes\":[]}", TestService.TOKEN).expect(400), 400);
    TestService.Reply missing =
        post(
            server,
            PATH,
            "{\"quotes\":[{\"symbol\":\"" + btc + "\",\"source\":\"a\"}]}",
            TestService.TOKEN);
    assertProblem(missing.expect(400), 400);
    assertTrue(missing.body().contains("quotes[0].price"), missing.body());
    assertProblem(post(server, PATH, "{\"quotes\":[]}", null).expect(401), 401);
    assertProblem(post(server, PATH, "{\"quotes\":[]}", "wrong").expect(401), 401);
    StringBuilder many = new StringBuilder("{\"quotes\":[");
    for (int i = 0; i <= 10_000; i++) {
      many.append(i == 0 ? "" : ",").append("{}");
    }
    assertProblem(
        post(server, PATH, many.append("]}").toString(), TestService.TOKEN).expect(413), 413);
  }

  private static List<String> codes(JsonNode thresholds) {
    List<String> out = new java.util.ArrayList<>();
    for (JsonNode reason : thresholds.get("thresholds").get("reasons")) {
      out.add(reason.get("code").asText());
    }
    return out;
  }
}

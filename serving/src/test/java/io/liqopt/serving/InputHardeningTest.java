package io.liqopt.serving;

import static io.liqopt.serving.ServingApiTest.assertProblem;
import static io.liqopt.serving.ServingApiTest.position;
import static io.liqopt.serving.TestService.bar;
import static io.liqopt.serving.TestService.get;
import static io.liqopt.serving.TestService.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.liqopt.core.market.BarSeries;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests built to abuse the service, against a real server on a random port: a method override,
 * made-up paths and methods (metric series), bodies that are not declared JSON, a batch of many
 * distinct unknown symbols, and the server's file paths in what it answers.
 */
class InputHardeningTest {
  @TempDir static Path dir;
  static List<BarSeries> market;
  static Server server;
  static String btc;

  @BeforeAll
  static void start() throws IOException {
    market = TestService.market(2);
    TestService.store(dir.resolve("data"), market);
    btc = market.get(0).symbol();
    server =
        TestService.start(
            TestService.options(
                dir.resolve("data"), dir.resolve("models"), "ewma", TestService.TOKEN));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(server.url() + path));
  }

  private static String assessBody() {
    return "{\"position\":" + position("p1", btc, 1, 100) + "}";
  }

  @Test
  void methodOverride_neverReachesAnotherMethodsHandler() {
    HttpRequest.Builder overridden =
        request("/v1/positions/assess")
            .header("X-HTTP-Method-Override", "POST")
            .header("Content-Type", "application/json")
            .method("GET", HttpRequest.BodyPublishers.ofString(assessBody()));
    TestService.Reply r = TestService.send(overridden).expect(405);
    assertProblem(r, 405);
    assertTrue(r.json().get("detail").asText().contains("GET"), r.body());
    for (String header : List.of("X-HTTP-Method", "X-Method-Override")) {
      HttpRequest.Builder other =
          request("/v1/positions/assess")
              .header(header, "POST")
              .method("GET", HttpRequest.BodyPublishers.ofString(assessBody()));
      assertProblem(TestService.send(other).expect(405), 405);
    }
    // the other way round: a POST told it is a GET is still a POST
    HttpRequest.Builder post =
        request("/v1/assets")
            .header("X-HTTP-Method-Override", "GET")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{}"));
    assertProblem(TestService.send(post).expect(405), 405);
    // a request whose override names its own method is served as usual
    TestService.send(request("/v1/assets").header("X-HTTP-Method-Override", "GET").GET())
        .expect(200);
  }

  @Test
  void metrics_madeUpPathsAndMethods_addNoSeries() {
    // every kind of request once first, so that its series exist before the comparison
    for (int i = 0; i < 8; i++) {
      madeUp(i);
    }
    get(server, "/v1/assets/" + btc + "/thresholds").expect(200);
    get(server, "/metrics").expect(200);
    String before = get(server, "/metrics").expect(200).body();
    for (int i = 0; i < 200; i++) {
      madeUp(i);
    }
    String after = get(server, "/metrics").expect(200).body();
    assertEquals(series(before), series(after), after);
    // counts and sums grow by a few digits; a series per request would add kilobytes each
    assertTrue(
        after.length() < before.length() + 4_000,
        () -> "grew from " + before.length() + " to " + after.length());
    assertFalse(after.contains("made-up"), after);
    assertFalse(after.contains("MADEUP"), after);
    assertTrue(after.contains("route=\"unmatched\""), after);
    assertTrue(after.contains("method=\"other\""), after);
    assertTrue(after.contains("route=\"/v1/assets/{symbol}/thresholds\""), after);
  }

  /** The number of request series (one {@code _count} line each). */
  private static long series(String metrics) {
    return metrics.lines().filter(l -> l.startsWith("http_server_requests_seconds_count{")).count();
  }

  private static void madeUp(int i) {
    String path = "/made-up/" + UUID.randomUUID() + "/" + i;
    HttpRequest.Builder b =
        switch (i % 4) {
          case 0 -> request(path).GET();
          case 1 -> request(path).POST(HttpRequest.BodyPublishers.ofString("{}"));
          case 2 -> request(path).method("MADEUP" + i, HttpRequest.BodyPublishers.noBody());
          default ->
              request("/v1/assets/" + btc + "/thresholds")
                  .header("X-HTTP-Method-Override", "MADEUP" + i)
                  .method("MADEUP" + i, HttpRequest.BodyPublishers.noBody());
        };
    int status = TestService.send(b).status();
    assertTrue(status == 404 || status == 405, "status " + status + " of " + path);
  }

  @Test
  void jsonRoutes_requireAJsonContentType() {
    String stress = "{\"position\":" + position("p1", btc, 1, 100) + ",\"paths\":100}";
    String thresholds = "{\"symbols\":[\"" + btc + "\"]}";
    List<String[]> routes =
        List.of(
            new String[] {"/v1/positions/assess", assessBody()},
            new String[] {"/v1/positions/stress", stress},
            new String[] {"/v1/thresholds", thresholds},
            new String[] {"/v1/market/bars", "{\"series\":[]}"});
    for (String[] route : routes) {
      for (String type :
          new String[] {
            null,
            "text/plain",
            "text/plain; charset=utf-8",
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x",
            "application/jsonp",
            "application/json-seq"
          }) {
        HttpRequest.Builder b =
            request(route[0])
                .header("Authorization", "Bearer " + TestService.TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(route[1]));
        if (type != null) {
          b.header("Content-Type", type);
        }
        TestService.Reply r = TestService.send(b).expect(415);
        assertProblem(r, 415);
        String detail = r.json().get("detail").asText();
        assertTrue(detail.contains("application/json"), detail);
        assertTrue(detail.contains(type == null ? "no Content-Type" : type), detail);
      }
    }
    for (String type :
        List.of("application/json; charset=utf-8", "Application/JSON;charset=UTF-8")) {
      for (String[] route : routes.subList(0, 3)) {
        HttpRequest.Builder b =
            request(route[0])
                .header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(route[1]));
        TestService.send(b).expect(200);
      }
    }
  }

  @Test
  void manyDistinctUnknownSymbols_answeredInLinearTime() {
    int positions = 200;
    int holdings = 64;
    StringBuilder body = new StringBuilder("{\"positions\":[");
    for (int p = 0; p < positions; p++) {
      body.append(p == 0 ? "" : ",").append("{\"id\":\"p").append(p).append("\",\"collateral\":[");
      for (int h = 0; h < holdings; h++) {
        body.append(h == 0 ? "" : ",")
            .append(
                String.format(Locale.ROOT, "{\"symbol\":\"U%05d\",\"quantity\":1}", p * 64 + h));
      }
      body.append("],\"debtAsset\":\"USDT\",\"debtQuote\":1}");
    }
    // the first unknown symbol again: listed once
    body.append(",{\"id\":\"again\",\"collateral\":[{\"symbol\":\"U00000\",\"quantity\":1}],")
        .append("\"debtAsset\":\"USDT\",\"debtQuote\":1}]}");
    assertTrue(body.length() < 512 * 1024, "within the test server's body limit");
    TestService.Reply r =
        assertTimeoutPreemptively(
            Duration.ofSeconds(30),
            () -> post(server, "/v1/positions/assess", body.toString()).expect(404));
    assertProblem(r, 404);
    String detail = r.json().get("detail").asText();
    assertTrue(detail.startsWith("unknown symbols U00000, U00001, U00002"), detail);
    // 12 800 distinct: the first 20 named, the rest counted, so the problem stays small
    assertTrue(detail.contains("U00019 and 12780 more (GET /v1/assets"), detail);
    assertTrue(r.body().length() < 1024, () -> r.body().length() + " bytes");
    assertEquals(detail.indexOf("U00000"), detail.lastIndexOf("U00000"), "listed once");
  }

  @Test
  void health_failedGovernorSave_namesNoAbsolutePath(@TempDir Path own) throws IOException {
    Path data = own.resolve("data");
    TestService.store(data, market.subList(0, 1));
    try (Server s =
        TestService.start(
            TestService.options(data, own.resolve("models"), "ewma", TestService.TOKEN))) {
      // the state slots' places taken by folders that are not empty: the next save fails
      for (String slot : List.of("governor.json.0", "governor.json.1")) {
        Path state = data.resolve("state").resolve(slot);
        Files.deleteIfExists(state);
        Files.createDirectories(state.resolve("in-the-way"));
      }
      BarSeries series = market.get(0);
      long next = series.lastOpenTimeMs() + 3_600_000L;
      String bars = bar(next, series.close(series.size() - 1));
      String ingest = "{\"series\":[{\"symbol\":\"" + btc + "\",\"bars\":[" + bars + "]}]}";
      post(s, "/v1/market/bars", ingest, TestService.TOKEN).expect(200);
      TestService.Reply health = get(s, "/health").expect(200);
      JsonNode error = health.json().get("governorPersistError");
      assertNotNull(error, health.body());
      assertFalse(error.isNull(), health.body());
      assertTrue(error.asText().contains("state/governor.json"), error.asText());
      assertFalse(health.body().contains(own.toString()), health.body());
      assertFalse(health.body().contains(own.toAbsolutePath().toString()), health.body());
    }
  }
}

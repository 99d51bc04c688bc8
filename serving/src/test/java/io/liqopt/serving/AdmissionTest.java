package io.liqopt.serving;

import static io.liqopt.serving.ServingApiTest.assertProblem;
import static io.liqopt.serving.TestService.get;
import static io.liqopt.serving.TestService.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.liqopt.core.market.BarSeries;
import io.liqopt.core.position.PositionAssessor;
import io.liqopt.serving.api.Limits;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service's budgets against a real server: an answer's size grows with the holdings, never with
 * the length of a sale; an answer over the limit is refused before it is written; a client that
 * holds the body gate gets others a 503 with {@code Retry-After}, not a queue.
 */
class AdmissionTest {
  private static final String ASSESS = "/v1/positions/assess";
  private static final long ANSWER_LIMIT = 16 * 1024;

  @TempDir static Path dir;
  static Server server;
  static String btc;
  static double price;

  @BeforeAll
  static void start() throws IOException {
    List<BarSeries> market = TestService.market(2);
    TestService.store(dir.resolve("data"), market);
    btc = market.get(0).symbol();
    Server.Options o =
        TestService.options(dir.resolve("data"), dir.resolve("models"), "ewma", null);
    Limits small = o.limits().withBudgets(ANSWER_LIMIT, Limits.DEFAULT_DEADLINE_MS);
    server =
        TestService.start(
            new Server.Options(
                o.host(),
                o.port(),
                o.settings(),
                small,
                o.token(),
                o.refresh(),
                o.compactEvery(),
                o.drainTimeout()));
    price =
        get(server, "/v1/assets/" + btc + "/thresholds").expect(200).json().get("price").asDouble();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** {@code quantity} units of the first asset with debt {@code 0.99} of their value. */
  private static String position(String id, double quantity) {
    return String.format(
        Locale.ROOT,
        "{\"id\":\"%s\",\"collateral\":[{\"symbol\":\"%s\",\"quantity\":%s}],"
            + "\"debtAsset\":\"USDT\",\"debtQuote\":%s}",
        id,
        btc,
        quantity,
        0.99 * quantity * price);
  }

  private static String batch(int n, double quantity) {
    List<String> items = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      items.add(position("p" + i, quantity));
    }
    return "{\"positions\":[" + String.join(",", items) + "]}";
  }

  @Test
  void fullView_aSaleCutIntoTheMostSlices_isOneScheduleEntry() {
    // far more than the market can absorb: the sale needs more than the most slices allowed
    String body = batch(5, 1e9);
    TestService.Reply r = post(server, ASSESS, body).expect(200);
    JsonNode results = r.json().get("results");
    assertEquals(5, results.size());
    for (JsonNode item : results) {
      JsonNode schedule = item.get("assessment").get("liquidation").get("schedule");
      assertEquals(1, schedule.size(), () -> item.toString());
      assertEquals(PositionAssessor.MAX_SLICES_PER_ASSET, schedule.get(0).get("slices").asInt());
    }
    // the answer grows with what was asked, not with the sale's length (was ×2 000)
    double ratio = (double) r.body().length() / body.length();
    assertTrue(ratio < 15, () -> "answer/request = " + ratio);
  }

  @Test
  void fullView_overTheAnswerLimit_413BeforeWriting_compactFits() {
    String body = batch(40, 1);
    TestService.Reply full = post(server, ASSESS, body).expect(413);
    assertProblem(full, 413);
    assertTrue(full.body().contains("view=compact"), full.body());
    assertTrue(full.body().contains(Long.toString(ANSWER_LIMIT)), full.body());
    TestService.Reply compact = post(server, ASSESS + "?view=compact", body).expect(200);
    assertEquals(40, compact.json().get("assessed").asInt());
  }

  @Test
  void bodyGateHeldBySlowClients_othersGet503WithRetryAfter_thenServed() throws Exception {
    URI base = URI.create(server.url());
    List<Socket> slow = new ArrayList<>();
    String body = batch(1, 1);
    try {
      HttpResponse<String> refused = null;
      // each slow client sends its head and a part of its body, then holds its share of the budget
      for (int i = 0; i < 64 && refused == null; i++) {
        slow.add(slowClient(base));
        HttpResponse<String> r = send(base, body);
        if (r.statusCode() == 503) {
          refused = r;
        } else {
          assertEquals(200, r.statusCode(), r.body());
        }
      }
      assertNotNull(refused, "64 slow clients never filled the body gate");
      assertEquals("1", refused.headers().firstValue("Retry-After").orElse(null));
      assertTrue(refused.body().contains("/problems/busy"), refused.body());
      assertTrue(
          get(server, "/metrics")
              .body()
              .contains("liqopt_requests_refused_total{reason=\"busy\",route=\"assess\"}"));
      // GETs are not gated
      get(server, "/v1/assets/" + btc + "/thresholds").expect(200);
    } finally {
      for (Socket s : slow) {
        s.close();
      }
    }
    // the slow clients' permits come back once their connections end
    long until = System.nanoTime() + 10_000_000_000L;
    int status;
    do {
      status = send(base, body).statusCode();
    } while (status == 503 && System.nanoTime() < until);
    assertEquals(200, status);
  }

  /**
   * A connection that sends an assess head declaring a body of the test server's limit (512 KiB)
   * and only 10 bytes of it: it holds a body of the limit's share of the budget.
   */
  private static Socket slowClient(URI base) throws IOException {
    Socket s = new Socket(base.getHost(), base.getPort());
    OutputStream out = s.getOutputStream();
    out.write(
        ("POST "
                + ASSESS
                + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: 524288\r\n\r\n{\"position")
            .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return s;
  }

  private static HttpResponse<String> send(URI base, String body)
      throws IOException, InterruptedException {
    return TestService.CLIENT.send(
        HttpRequest.newBuilder(base.resolve(ASSESS))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}

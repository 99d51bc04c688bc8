package io.liqopt.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liqopt.core.market.BarSeries;
import io.liqopt.serving.api.Limits;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Closing the server lets a request in flight finish with its full answer. */
class GracefulShutdownTest {

  @Test
  void close_requestInFlight_completesBeforeStop(@TempDir Path dir) throws Exception {
    List<BarSeries> market = TestService.market(2);
    TestService.store(dir, market);
    Server.Options base = TestService.options(dir, dir.resolve("models"), "ewma", null);
    Server server =
        TestService.start(
            new Server.Options(
                base.host(),
                0,
                base.settings(),
                new Limits(64L << 20, 20_000, 10, 10),
                null,
                base.refresh(),
                base.compactEvery(),
                // room for the 20 000 positions on a loaded machine: the test is about the order of
                // close (drain, then stop), not about the speed of the assessment
                java.time.Duration.ofSeconds(120)));
    String symbol = market.get(0).symbol();
    StringBuilder body = new StringBuilder("{\"positions\":[");
    for (int i = 0; i < 20_000; i++) {
      body.append(i == 0 ? "" : ",").append(ServingApiTest.position("p" + i, symbol, 1, 100 + i));
    }
    body.append("]}");
    CompletableFuture<HttpResponse<String>> reply =
        TestService.CLIENT.sendAsync(
            HttpRequest.newBuilder(URI.create(server.url() + "/v1/positions/assess"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (server.requestsInFlight() == 0 && !reply.isDone() && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertFalse(reply.isDone(), "the request must still be running when close starts");
    server.close();
    HttpResponse<String> r = reply.get(120, TimeUnit.SECONDS);
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(r.body().endsWith("}"), "complete body");
    assertEquals(20_000, TestService.JSON.readTree(r.body()).get("assessed").asInt());
  }
}

package io.liqopt.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.liqopt.core.market.BarSeries;
import io.liqopt.serving.book.BookOptions;
import io.liqopt.serving.feeds.LiveOptions;
import io.liqopt.serving.stream.Webhook;
import io.liqopt.serving.stream.WebhookSignature;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A webhook against a real server: a live price fall of 3 % turning a position at HF 1.02
 * liquidatable reaches a receiver as a signed {@code liquidatable-entered} event, and {@code
 * /health} counts the delivery.
 */
class WebhookApiTest {
  @TempDir Path dir;

  private record Delivery(String signature, String body) {}

  @Test
  void liquidatablePosition_deliveredSigned_healthCountsIt() throws Exception {
    List<Delivery> got = new CopyOnWriteArrayList<>();
    Javalin receiver =
        Javalin.create(
                cfg -> {
                  cfg.startup.showJavalinBanner = false;
                  cfg.routes.post(
                      "/hook",
                      ctx ->
                          got.add(new Delivery(ctx.header(WebhookSignature.HEADER), ctx.body())));
                })
            .start("127.0.0.1", 0);
    List<BarSeries> market = TestService.market(2);
    TestService.store(dir.resolve("data"), market);
    Webhook.Settings hook =
        Webhook.Settings.of(
                URI.create("http://127.0.0.1:" + receiver.port() + "/hook"), "hook-secret")
            .withTypes(Set.of("liquidatable-entered"));
    try (Server server =
        TestService.start(
            TestService.options(
                    dir.resolve("data"), dir.resolve("models"), "ewma", TestService.TOKEN)
                .withLive(LiveOptions.PUSH_ONLY)
                .withBook(BookOptions.DEFAULTS)
                .withWebhooks(List.of(hook)))) {
      String btc = market.get(0).symbol();
      double close = server.engine().state().assets().get(btc).price();
      long now = System.currentTimeMillis();
      BookLivePricesTest.push(server, btc, close, now);
      Server saved = BookApiTest.server;
      BookApiTest.server = server;
      try {
        double w = BookApiTest.weighted(btc);
        BookApiTest.put("near", BookApiTest.body(1, w / 1.02, BookApiTest.holding(btc, 1)))
            .expect(200);
      } finally {
        BookApiTest.server = saved;
      }
      BookLivePricesTest.push(server, btc, close * 0.97, now + 1);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      // the receiver has the body before the service has its answer: wait for both
      while ((got.isEmpty() || delivered(server) < 1) && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertEquals(1, got.size(), got.toString());
      Delivery d = got.get(0);
      JsonNode body = TestService.JSON.readTree(d.body());
      assertEquals("liquidatable-entered", body.path("type").asText());
      assertEquals("near", body.path("data").path("ids").get(0).asText());
      String t = d.signature().substring(2, d.signature().indexOf(','));
      assertEquals(
          "v1="
              + WebhookSignature.hmacSha256Hex(
                  "hook-secret".getBytes(StandardCharsets.UTF_8),
                  (t + "." + d.body()).getBytes(StandardCharsets.UTF_8)),
          d.signature().substring(d.signature().indexOf(',') + 1));
      JsonNode hooks = TestService.get(server, "/health").json().path("features").path("webhooks");
      assertEquals(1, hooks.size(), hooks.toString());
      assertEquals(1, hooks.get(0).path("delivered").asLong(), hooks.toString());
      assertTrue(hooks.get(0).path("url").asText().endsWith("/hook"));
    } finally {
      receiver.stop();
    }
  }

  private static long delivered(Server server) {
    JsonNode hooks = TestService.get(server, "/health").json().path("features").path("webhooks");
    return hooks.path(0).path("delivered").asLong();
  }
}

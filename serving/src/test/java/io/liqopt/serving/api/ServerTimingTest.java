package io.liqopt.serving.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class ServerTimingTest {

  @Test
  void millisecondsWithThreeDecimals() {
    assertEquals("app;dur=0.000", Metrics.serverTiming(0));
    assertEquals("app;dur=0.000", Metrics.serverTiming(999));
    assertEquals("app;dur=0.005", Metrics.serverTiming(5_000));
    assertEquals("app;dur=0.050", Metrics.serverTiming(50_999));
    assertEquals("app;dur=1.234", Metrics.serverTiming(1_234_567));
    assertEquals("app;dur=12.050", Metrics.serverTiming(12_050_000));
    assertEquals("app;dur=10000.000", Metrics.serverTiming(10_000_000_000L));
  }

  @Test
  void aClockThatWentBackIsZero() {
    assertEquals("app;dur=0.000", Metrics.serverTiming(-3_000_000));
  }

  @Test
  void stagesFollowTheServicesOwnTimeInTheirOrder() throws Exception {
    Javalin app =
        Javalin.create(
            cfg ->
                cfg.routes.get(
                    "/t",
                    ctx -> {
                      Metrics.stage(ctx, "read", 1_500_000);
                      Metrics.stage(ctx, "parse", 20_000);
                      ctx.result(Metrics.serverTiming(ctx, 3_000_000));
                    }));
    app.start(0);
    try {
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/t"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertEquals("app;dur=3.000, read;dur=1.500, parse;dur=0.020", r.body());
    } finally {
      app.stop();
    }
  }
}

package io.liqopt.serving;

import static io.liqopt.serving.TestService.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liqopt.core.market.BarSeries;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /v1/stream} against a real server: a snapshot first, live events as they happen, and a
 * reconnect with Last-Event-ID replaying what was missed.
 */
class StreamApiTest {
  @TempDir static Path dir;
  static Server server;
  static String btc;

  @BeforeAll
  static void start() throws IOException {
    List<BarSeries> market = TestService.market(2);
    btc = market.get(0).symbol();
    server = TestService.startWithLivePrices(dir, market);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** One SSE event: its id (null: none), type and data. */
  record Sse(String id, String event, String data) {}

  /** Reads events until {@code n} are read (comments skipped), then closes the stream. */
  static List<Sse> read(String lastEventId, int n) throws Exception {
    return readFrom(server, lastEventId, n);
  }

  /**
   * As {@link #read} from {@code server}, stopping at the {@code :caught-up} comment that ends the
   * replay when fewer than {@code n} events came before it.
   */
  static List<Sse> readFrom(Server server, String lastEventId, int n) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(server.url() + "/v1/stream"))
            .header("Accept", "text/event-stream")
            .timeout(Duration.ofSeconds(60));
    if (lastEventId != null) {
      b.header("Last-Event-ID", lastEventId);
    }
    HttpResponse<Stream<String>> r =
        TestService.CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofLines());
    assertEquals(200, r.statusCode());
    // a stream never ends by itself: a read that waits too long fails rather than hangs
    java.util.concurrent.CompletableFuture<List<Sse>> read =
        java.util.concurrent.CompletableFuture.supplyAsync(() -> parse(r.body(), n));
    try {
      return read.get(60, java.util.concurrent.TimeUnit.SECONDS);
    } finally {
      r.body().close();
    }
  }

  private static List<Sse> parse(Stream<String> body, int n) {
    List<Sse> out = new ArrayList<>();
    try (Stream<String> lines = body) {
      Iterator<String> it = lines.iterator();
      String id = null;
      String event = null;
      StringBuilder data = new StringBuilder();
      while (out.size() < n && it.hasNext()) {
        String line = it.next();
        if (line.startsWith(":") && line.contains("caught-up")) {
          break;
        }
        if (line.isEmpty()) {
          if (event != null) {
            out.add(new Sse(id, event, data.toString()));
          }
          id = null;
          event = null;
          data.setLength(0);
        } else if (line.startsWith("id:")) {
          id = line.substring(3).trim();
        } else if (line.startsWith("event:")) {
          event = line.substring(6).trim();
        } else if (line.startsWith("data:")) {
          data.append(line.substring(5).trim());
        }
      }
    }
    return out;
  }

  static void push(double a, double b) {
    long now = System.currentTimeMillis();
    String body =
        String.format(
            Locale.ROOT,
            "{\"quotes\":[{\"symbol\":\"%s\",\"source\":\"a\",\"price\":%s,\"timeMs\":%d},"
                + "{\"symbol\":\"%s\",\"source\":\"b\",\"price\":%s,\"timeMs\":%d}]}",
            btc,
            a,
            now,
            btc,
            b,
            now);
    post(server, "/v1/market/prices", body, TestService.TOKEN).expect(200);
  }

  @Test
  void snapshotThenLiveEvents_thenReplayAfterLastEventId() throws Exception {
    List<Sse> first = read(null, 1);
    assertEquals("snapshot", first.get(0).event());
    assertTrue(first.get(0).data().contains("\"assets\""), first.get(0).data());
    long lastId = TestService.JSON.readTree(first.get(0).data()).get("lastEventId").asLong();

    push(100, 100.5); // the asset's live price turns fresh: an event
    // asset-fresh, then the thresholds the engine recomputed without the stale price
    List<Sse> replay = read(Long.toString(lastId), 2);
    assertEquals("asset-fresh", replay.get(0).event());
    assertEquals(Long.toString(lastId + 1), replay.get(0).id());
    assertTrue(replay.get(0).data().contains(btc));
    assertEquals("thresholds", replay.get(1).event());
    assertTrue(replay.get(1).data().contains("\"stale\":false"), replay.get(1).data());
  }

  @Test
  void badLastEventId_problem() {
    TestService.Reply r =
        TestService.send(
            HttpRequest.newBuilder(URI.create(server.url() + "/v1/stream"))
                .header("Accept", "text/event-stream")
                .header("Last-Event-ID", "yesterday")
                .GET());
    ServingApiTest.assertProblem(r.expect(400), 400);
    TestService.Reply plain =
        TestService.send(HttpRequest.newBuilder(URI.create(server.url() + "/v1/stream")).GET());
    ServingApiTest.assertProblem(plain.expect(406), 406);
  }
}

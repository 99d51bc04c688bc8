package io.liqopt.serving;

import static io.liqopt.serving.TestService.bar;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.liqopt.core.market.BarInterval;
import io.liqopt.core.market.BarSeries;
import io.liqopt.store.MarketStore;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An acknowledged bar is never lost: the server runs in its own JVM, acknowledges bars, and is
 * killed with SIGKILL (no shutdown hook, no compaction) right after the last acknowledgement; a new
 * server on the same folder replays the write-ahead log and holds every acknowledged bar, and the
 * governor resumes from its saved state.
 */
class CrashDurabilityTest {

  @Test
  void kill9_afterAcknowledgements_restartHasEveryBar(@TempDir Path dir) throws Exception {
    List<BarSeries> market = TestService.market(2);
    Path data = dir.resolve("data");
    TestService.store(data, market);
    BarSeries s = market.get(1);
    long next = s.lastOpenTimeMs() + 3_600_000L;
    double px = s.close(s.size() - 1);

    Process p = ServerProcess.launch(data, dir.resolve("port1"), dir.resolve("server.log"));
    int acked = 0;
    double ltBefore;
    try {
      String url = "http://127.0.0.1:" + ServerProcess.awaitPort(p, dir.resolve("port1"));
      for (int k = 0; k < 25; k++) {
        TestService.Reply r =
            send(
                url + "/v1/market/bars",
                "{\"series\":[{\"symbol\":\""
                    + s.symbol()
                    + "\",\"bars\":["
                    + bar(next + k * 3_600_000L, px * (1 + 0.001 * k))
                    + "]}]}");
        r.expect(200);
        acked++;
      }
      ltBefore =
          TestService.send(
                  HttpRequest.newBuilder(
                      URI.create(url + "/v1/assets/" + s.symbol() + "/thresholds")))
              .json()
              .get("thresholds")
              .get("lt")
              .asDouble();
    } finally {
      p.destroyForcibly(); // SIGKILL: the log is not compacted, nothing is flushed on exit
      p.waitFor(30, TimeUnit.SECONDS);
    }
    assertEquals(25, acked);
    // the bars are in the log only, not yet in the Parquet store
    assertEquals(s.size(), new MarketStore(data).read(s.symbol(), BarInterval.H1).size());

    try (Server restarted =
        TestService.start(
            TestService.options(data, data.resolve("models"), "ewma", TestService.TOKEN))) {
      JsonNode t =
          TestService.get(restarted, "/v1/assets/" + s.symbol() + "/thresholds").expect(200).json();
      assertEquals(
          next + 25 * 3_600_000L,
          t.get("dataTimeMs").asLong(),
          "the last acknowledged bar is the newest held");
      assertEquals(px * (1 + 0.001 * 24) * 1.001, t.get("price").asDouble(), 1e-9);
      assertEquals(
          ltBefore,
          t.get("thresholds").get("lt").asDouble(),
          1e-12,
          "the governor resumed from its saved state (same time: LT cannot move)");
    }
    // the restart compacted the log into the store
    BarSeries stored = new MarketStore(data).read(s.symbol(), BarInterval.H1);
    assertEquals(s.size() + 25, stored.size());
    assertEquals(next + 24 * 3_600_000L, stored.lastOpenTimeMs());
  }

  private static TestService.Reply send(String url, String body) {
    return TestService.send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + TestService.TOKEN)
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }
}

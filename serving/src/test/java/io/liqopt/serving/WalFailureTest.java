package io.liqopt.serving;

import static io.liqopt.serving.TestService.bar;
import static io.liqopt.serving.TestService.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.liqopt.core.market.BarInterval;
import io.liqopt.core.market.BarSeries;
import io.liqopt.serving.wal.DiskFaults;
import io.liqopt.store.MarketStore;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An ingest whose write-ahead log append fails (a full disk half-way through the request, a failed
 * fsync) is answered 500, applied nowhere and kept nowhere, whatever the number of series in it;
 * {@code /ready} answers 503 until an append works again, which it does once the disk does; a
 * restart holds exactly the acknowledged bars.
 */
class WalFailureTest {
  private static final long H = 3_600_000L;

  @Test
  void ingest_diskFullOrFsyncFails_500NothingKept_thenWorksAgain_restartHasOnlyAcknowledgedBars(
      @TempDir Path dir) throws Exception {
    List<BarSeries> market = TestService.market(2);
    TestService.store(dir, market);
    long next = market.get(0).lastOpenTimeMs() + H;
    DiskFaults disk = new DiskFaults();
    Server.Options options = TestService.options(dir, null, "ewma", TestService.TOKEN);
    try (Server server = Server.start(options, InstantSource.system(), line -> {}, disk)) {
      ingest(server, market, next, 1.00).expect(200);
      long requestBytes = server.engine().walBytes();
      // room for all but the last byte of the request: its first series fits, the second not
      disk.diskFull(requestBytes - 1);
      ingest(server, market, next + H, 0.90).expect(500);
      disk.healed();
      disk.fsyncFails(true);
      ingest(server, market, next + H, 0.95).expect(500);
      assertEquals(requestBytes, server.engine().walBytes());
      String detail = get(server, "/ready").expect(503).json().get("detail").asText();
      assertTrue(detail.contains("write-ahead log is unusable"), detail);
      for (BarSeries s : market) {
        assertEquals(next + H, held(server, s.symbol()).get("dataTimeMs").asLong(), "not applied");
      }
      disk.healed();
      // the same hour with other prices: had the failed record stayed, replay would conflict
      ingest(server, market, next + H, 1.01).expect(200);
      get(server, "/ready").expect(200);
    }
    try (Server restarted = TestService.start(options)) {
      for (BarSeries s : market) {
        JsonNode t = held(restarted, s.symbol());
        assertEquals(next + 2 * H, t.get("dataTimeMs").asLong());
        assertEquals(price(s, 1.01) * 1.001, t.get("price").asDouble(), 1e-9);
        BarSeries stored = new MarketStore(dir).read(s.symbol(), BarInterval.H1);
        assertEquals(s.size() + 2, stored.size(), "each acknowledged bar once");
      }
    }
  }

  /** One request: a bar at {@code openMs} for every asset, at its last close times factor. */
  private static TestService.Reply ingest(
      Server server, List<BarSeries> market, long openMs, double factor) {
    List<String> series =
        market.stream()
            .map(
                s ->
                    "{\"symbol\":\""
                        + s.symbol()
                        + "\",\"bars\":["
                        + bar(openMs, price(s, factor))
                        + "]}")
            .toList();
    String body = "{\"series\":[" + String.join(",", series) + "]}";
    return TestService.post(server, "/v1/market/bars", body, TestService.TOKEN);
  }

  private static double price(BarSeries s, double factor) {
    return s.close(s.size() - 1) * factor;
  }

  private static JsonNode held(Server server, String symbol) {
    return get(server, "/v1/assets/" + symbol + "/thresholds").expect(200).json();
  }
}

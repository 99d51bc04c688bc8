package io.liqopt.serving;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liqopt.core.market.BarSeries;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill -9 at random times, many times over: a server in its own JVM compacts its write-ahead log
 * every 200 ms while a client ingests bars one request at a time; the process is killed with
 * SIGKILL at a random moment (a fifth of the trials while it is still starting: replaying and
 * compacting the log), restarted on the same folder, and the ingest goes on. At the end every
 * acknowledged bar is in the store exactly once with the values sent, every file of the store
 * reads, and the service starts.
 *
 * <p>{@code -Dliqopt.fault.trials=N} (default 5, what {@code ./mvnw verify} and CI run; the full
 * run is 200) and {@code -Dliqopt.fault.seed=S} (default 7) set the trials and their random times.
 */
class KillNineTrialsTest {
  private static final long HOUR_MS = 3_600_000L;

  @Test
  void kill9_atRandomTimes_duringIngestAndCompaction_everyAcknowledgedBarOnce(@TempDir Path dir)
      throws Exception {
    int trials = Integer.getInteger("liqopt.fault.trials", 5);
    Random rng = new Random(Long.getLong("liqopt.fault.seed", 7));
    List<BarSeries> market = TestService.market(2);
    Path data = dir.resolve("data");
    TestService.store(data, market);
    BarSeries s = market.get(1);
    long first = s.lastOpenTimeMs() + HOUR_MS;
    double px = s.close(s.size() - 1);
    Map<Long, Double> acked = new LinkedHashMap<>();
    long next = first;
    int killedStarting = 0;
    for (int t = 0; t < trials; t++) {
      Path portFile = dir.resolve("port-" + t);
      Process p = ServerProcess.launch(data, portFile, dir.resolve("server-" + t + ".log"), "200");
      try {
        if (rng.nextInt(5) == 0) {
          Thread.sleep(rng.nextInt(1500)); // while it starts: replay, compaction, fits
          killedStarting++;
          continue;
        }
        String url = "http://127.0.0.1:" + ServerProcess.awaitPort(p, portFile);
        // the kill comes from another thread, so that it can land in the middle of a request; its
        // clock starts after a first acknowledged bar, so that a slow machine cannot turn every
        // trial into a kill before the first answer
        Thread killer = null;
        while (true) {
          double close = price(px, next - first);
          int status = ingest(url, s.symbol(), next, close);
          if (status < 0) {
            break; // killed: this bar was not acknowledged (it may still be durable)
          }
          // 409 is the bar in flight at the last kill, made durable before it could be answered
          assertTrue(status == 200 || status == 409, "ingest answered " + status);
          acked.put(next, close);
          next += HOUR_MS;
          if (killer == null) {
            killer = killLater(p, 200 + rng.nextInt(2000));
          }
        }
        if (killer != null) {
          killer.join();
        }
      } finally {
        p.destroyForcibly(); // SIGKILL: no shutdown hook, no compaction, nothing flushed
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the killed server did not exit");
      }
    }
    assertTrue(
        acked.size() >= trials - killedStarting, "too few bars acknowledged: " + acked.size());
    // a clean start replays what is left in the log and compacts it; closing compacts again
    CrashPointTrialsTest.assertEveryAcknowledgedBarOnce(data, s, first, acked);
    System.out.printf(
        "kill -9 trials: %d (%d while starting), %d bars acknowledged, all present once%n",
        trials, killedStarting, acked.size());
  }

  /** The price of the bar {@code offsetMs} after the first: deterministic, so a resend matches. */
  static double price(double px, long offsetMs) {
    return px * (1 + 0.0001 * Math.sin(offsetMs / (double) HOUR_MS));
  }

  /** A thread that kills {@code p} with SIGKILL after {@code ms}. */
  private static Thread killLater(Process p, long ms) {
    Thread t =
        new Thread(
            () -> {
              try {
                Thread.sleep(ms);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              p.destroyForcibly();
            });
    t.start();
    return t;
  }

  /** The ingest's status, or -1 when the server went away (no answer). */
  static int ingest(String url, String symbol, long openMs, double price)
      throws InterruptedException {
    try {
      return TestService.CLIENT
          .send(request(url, symbol, openMs, price), HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return -1;
    }
  }

  private static HttpRequest request(String url, String symbol, long openMs, double price) {
    return HttpRequest.newBuilder(URI.create(url + "/v1/market/bars"))
        .timeout(java.time.Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + TestService.TOKEN)
        .POST(
            HttpRequest.BodyPublishers.ofString(
                "{\"series\":[{\"symbol\":\""
                    + symbol
                    + "\",\"bars\":["
                    + TestService.bar(openMs, price)
                    + "]}]}"))
        .build();
  }
}

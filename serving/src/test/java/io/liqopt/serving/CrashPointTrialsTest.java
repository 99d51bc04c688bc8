package io.liqopt.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liqopt.core.CrashPoints;
import io.liqopt.core.market.BarInterval;
import io.liqopt.core.market.BarSeries;
import io.liqopt.serving.state.GovernorStore;
import io.liqopt.store.MarketStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crashes at the service's named points ({@link CrashPoints}): a server in its own JVM, armed with
 * {@code -Dliqopt.crashAt=POINT -Dliqopt.crashAtHit=N} (N drawn from a fixed seed), takes bars one
 * request at a time until it halts at the point (exit status {@value CrashPoints#EXIT_STATUS}, told
 * apart from any failure), and is restarted on the same folder by the next trial. At the end every
 * acknowledged bar is in the store exactly once (the points take turns on one data folder) with the
 * values sent, every store file reads, the governor state reads, and the service starts and
 * answers.
 *
 * <p>{@code -Dliqopt.fault.pointTrials=N} sets the trials per point (default 1, what {@code ./mvnw
 * verify} and CI run; {@code -Pfault-full} runs 25).
 */
class CrashPointTrialsTest {
  private static final long HOUR_MS = 3_600_000L;

  /** How many bars a trial may send before the point must have been reached. */
  private static final int MAX_BARS_PER_TRIAL = 400;

  /**
   * A point, the largest hit drawn for it, and the compaction period of the server (ms; null: the
   * default hour, so the log is compacted only at start).
   */
  record Point(String name, int maxHit, String compactMs) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static final List<Point> POINTS =
      List.of(
          new Point(CrashPoints.WAL_APPENDED, 3, null),
          new Point(CrashPoints.WAL_SYNCED, 3, null),
          new Point(CrashPoints.STORE_WRITTEN, 3, "100"),
          new Point(CrashPoints.COMPACTION_STORED, 3, "100"),
          new Point(CrashPoints.FILE_SYNCED, 6, "100"),
          new Point(CrashPoints.GOVERNOR_SYNCED, 6, null));

  @Test
  void crashAtEachPoint_restart_everyAcknowledgedBarOnce_filesRead(@TempDir Path dir)
      throws Exception {
    int trials = Integer.getInteger("liqopt.fault.pointTrials", 1);
    Random rng = new Random(Long.getLong("liqopt.fault.seed", 7));
    List<BarSeries> market = TestService.market(2);
    Path data = dir.resolve("data");
    TestService.store(data, market);
    BarSeries s = market.get(1);
    long first = s.lastOpenTimeMs() + HOUR_MS;
    double px = s.close(s.size() - 1);
    Map<Long, Double> acked = new LinkedHashMap<>();
    long next = first;
    Map<String, Integer> halts = new LinkedHashMap<>();
    for (int t = 0; t < trials * POINTS.size(); t++) {
      Point point = POINTS.get(t % POINTS.size());
      int hit = 1 + rng.nextInt(point.maxHit());
      Path log = dir.resolve("server-" + t + ".log");
      Process p = launch(point, hit, data, dir.resolve("port-" + t), log);
      try {
        int port = awaitPortOrExit(p, dir.resolve("port-" + t));
        for (int sent = 0; port > 0; sent++) {
          assertTrue(sent < MAX_BARS_PER_TRIAL, point + " not reached; see " + log);
          double close = KillNineTrialsTest.price(px, next - first);
          int status =
              KillNineTrialsTest.ingest("http://127.0.0.1:" + port, s.symbol(), next, close);
          if (status < 0) {
            break; // halted: this bar was not acknowledged (it may still be durable)
          }
          // 409 is the bar in flight at the last crash, made durable before it could be answered
          assertTrue(status == 200 || status == 409, "ingest answered " + status);
          acked.put(next, close);
          next += HOUR_MS;
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the server did not halt; see " + log);
        assertEquals(
            CrashPoints.EXIT_STATUS,
            p.exitValue(),
            "the server did not halt at " + point + ": " + Files.readString(log));
        halts.merge(point.name(), 1, Integer::sum);
      } finally {
        p.destroyForcibly();
        p.waitFor(30, TimeUnit.SECONDS);
      }
    }
    assertEveryAcknowledgedBarOnce(data, s, first, acked);
    System.out.printf(
        "crash points: %d trials %s, %d bars acknowledged, all present once%n",
        trials * POINTS.size(), halts, acked.size());
  }

  private static Process launch(Point point, int hit, Path data, Path portFile, Path log)
      throws Exception {
    List<String> jvm = List.of("-Dliqopt.crashAt=" + point.name(), "-Dliqopt.crashAtHit=" + hit);
    List<String> args = new ArrayList<>();
    if (point.compactMs() != null) {
      args.add(point.compactMs());
    }
    return ServerProcess.launch(jvm, data, portFile, log, args.toArray(String[]::new));
  }

  /** The port once the server is ready, or -1 when it exited first (halted while starting). */
  private static int awaitPortOrExit(Process p, Path portFile) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (Files.exists(portFile)) {
        return Integer.parseInt(Files.readString(portFile).strip());
      }
      if (!p.isAlive()) {
        return -1;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the server process did not start in 60 s");
  }

  /**
   * Restarts the service in this JVM (replaying and compacting what the log holds), then checks the
   * store, the governor state and the acknowledged bars.
   */
  static void assertEveryAcknowledgedBarOnce(
      Path data, BarSeries s, long first, Map<Long, Double> acked) throws Exception {
    try (Server restarted =
        TestService.start(
            TestService.options(data, data.resolve("models"), "ewma", TestService.TOKEN))) {
      TestService.get(restarted, "/v1/assets/" + s.symbol() + "/thresholds").expect(200);
    }
    new GovernorStore(data.resolve("state").resolve("governor.json")).load(); // reads
    MarketStore store = new MarketStore(data);
    for (MarketStore.Entry e : store.list()) {
      store.read(e.symbol(), e.interval()); // every file reads
    }
    BarSeries stored = store.read(s.symbol(), BarInterval.H1);
    int from = stored.indexAtOrAfter(first);
    for (Map.Entry<Long, Double> e : acked.entrySet()) {
      int i = stored.indexAtOrAfter(e.getKey());
      assertEquals(e.getKey(), stored.openTimeMs(i), "acknowledged bar missing");
      assertEquals(e.getValue() * 1.001, stored.close(i), 1e-9 * e.getValue());
    }
    // nothing but acknowledged bars and at most the one in flight at the last crash
    int after = stored.size() - from;
    assertTrue(
        after == acked.size() || after == acked.size() + 1,
        after + " bars after the original data, " + acked.size() + " acknowledged");
  }
}

package io.liqopt.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.liqopt.core.CrashPoints;
import io.liqopt.core.market.BarSeries;
import io.liqopt.serving.book.BookOptions;
import io.liqopt.serving.book.PositionLog;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The position book across crashes: a server in its own JVM ({@link ServerProcess} with a small
 * book snapshotted every 4 KiB of log or 300 ms) takes PUTs and DELETEs of 40 ids one request at a
 * time, and is killed with SIGKILL at a random moment, or halts at one of the book's crash points
 * ({@link PositionLog#APPENDED}, {@link PositionLog#SYNCED}, {@link PositionLog#SNAPSHOT_RENAMED});
 * the next trial restarts it on the same folder. At the end every id holds what its last
 * acknowledged write left (or what a write in flight at a crash, never answered, left after it),
 * once, and nothing else is in the book.
 *
 * <p>{@code -Dliqopt.fault.trials=N} (default 3) and {@code -Dliqopt.fault.seed=S} (default 7).
 */
class BookCrashTrialsTest {
  private static final int IDS = 40;

  /** Each id's last acknowledged state and the unanswered writes since ("absent" or a body). */
  private final TreeMap<String, String> acked = new TreeMap<>();

  private final TreeMap<String, Set<String>> maybe = new TreeMap<>();
  private long version;

  @Test
  void kill9_atRandomTimes_everyAcknowledgedWriteOnce(@TempDir Path dir) throws Exception {
    int trials = Integer.getInteger("liqopt.fault.trials", 3);
    Random rng = new Random(Long.getLong("liqopt.fault.seed", 7));
    Path data = data(dir);
    for (int t = 0; t < trials; t++) {
      Path portFile = dir.resolve("port-" + t);
      Process p = launch(List.of(), data, portFile, dir.resolve("server-" + t + ".log"));
      try {
        String url = "http://127.0.0.1:" + ServerProcess.awaitPort(p, portFile);
        Thread killer = null;
        while (write(url, rng)) {
          if (killer == null) {
            killer = killLater(p, 200 + rng.nextInt(1500));
          }
        }
        if (killer != null) {
          killer.join();
        }
      } finally {
        p.destroyForcibly();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the killed server did not exit");
      }
    }
    assertBook(data);
  }

  @Test
  void crashAtEachBookPoint_everyAcknowledgedWriteOnce(@TempDir Path dir) throws Exception {
    Random rng = new Random(Long.getLong("liqopt.fault.seed", 7));
    Path data = data(dir);
    List<String> points =
        List.of(PositionLog.APPENDED, PositionLog.SYNCED, PositionLog.SNAPSHOT_RENAMED);
    for (int t = 0; t < points.size(); t++) {
      String point = points.get(t);
      Path portFile = dir.resolve("port-" + t);
      Path log = dir.resolve("server-" + t + ".log");
      List<String> jvm =
          List.of("-Dliqopt.crashAt=" + point, "-Dliqopt.crashAtHit=" + (1 + rng.nextInt(3)));
      Process p = launch(jvm, data, portFile, log);
      try {
        int port = awaitPortOrExit(p, portFile);
        String url = "http://127.0.0.1:" + port;
        for (int sent = 0; port > 0 && write(url, rng); sent++) {
          assertTrue(sent < 2_000, point + " not reached; see " + log);
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the server did not halt; see " + log);
        assertEquals(CrashPoints.EXIT_STATUS, p.exitValue(), point + ": " + Files.readString(log));
      } finally {
        p.destroyForcibly();
        p.waitFor(30, TimeUnit.SECONDS);
      }
    }
    assertBook(data);
  }

  private Path data(Path dir) throws IOException {
    List<BarSeries> market = TestService.market(2);
    symbol = market.get(0).symbol();
    Path data = dir.resolve("data");
    TestService.store(data, market);
    return data;
  }

  private static Process launch(List<String> jvm, Path data, Path portFile, Path log)
      throws IOException {
    List<String> options = new ArrayList<>(jvm);
    options.add("-D" + ServerProcess.BOOK_PROPERTY + "=true");
    return ServerProcess.launch(options, data, portFile, log);
  }

  /**
   * One write: a DELETE one time in six, else a PUT at the next version. False when the server went
   * away without answering (the write may or may not be durable).
   */
  private boolean write(String url, Random rng) throws InterruptedException {
    String id = "p" + rng.nextInt(IDS);
    boolean delete = rng.nextInt(6) == 0;
    version++;
    double quantity = 1 + rng.nextInt(1000) / 100.0;
    String body =
        String.format(
            Locale.ROOT,
            "{\"version\":%d,\"collateral\":[{\"symbol\":\"%s\",\"quantity\":%s}],"
                + "\"debtQuote\":%d}",
            version,
            symbol,
            quantity,
            version);
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url + "/v1/book/positions/" + id))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + TestService.TOKEN);
    if (delete) {
      b.DELETE();
    } else {
      b.header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body));
    }
    String state = delete ? "absent" : version + " " + Double.toString(quantity);
    int status;
    try {
      status =
          TestService.CLIENT.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      maybe.computeIfAbsent(id, k -> new HashSet<>()).add(state);
      return false;
    }
    // a DELETE of an id not held is a 404: the id stays absent
    assertTrue(status == 200 || delete && status == 404, "write answered " + status);
    acked.put(id, state);
    maybe.remove(id);
    return true;
  }

  private String symbol;

  /** Restarts in this JVM and checks every id against what was acknowledged. */
  private void assertBook(Path data) throws Exception {
    try (Server s =
        TestService.start(
            TestService.options(data, data.resolve("models"), "ewma", TestService.TOKEN)
                .withBook(BookOptions.DEFAULTS))) {
      int present = 0;
      for (int i = 0; i < IDS; i++) {
        String id = "p" + i;
        TestService.Reply r = TestService.get(s, "/v1/book/positions/" + id);
        String actual = "absent";
        if (r.status() == 200) {
          JsonNode p = r.json();
          present++;
          double q = p.get("collateral").get(0).get("quantity").asDouble();
          actual = p.get("version").asLong() + " " + Double.toString(q);
        } else {
          r.expect(404);
        }
        Set<String> allowed = new HashSet<>(maybe.getOrDefault(id, Set.of()));
        allowed.add(acked.getOrDefault(id, "absent"));
        assertTrue(allowed.contains(actual), id + " is " + actual + ", expected one of " + allowed);
      }
      assertEquals(present, TestService.get(s, "/v1/book").json().get("positions").asInt());
      assertTrue(acked.size() > 0, "nothing was acknowledged");
      System.out.printf(
          "book crash trials: %d writes, %d ids present, all acknowledged writes held%n",
          version, present);
    }
  }

  /** The port once ready, or -1 when the process halted first (at its point, while starting). */
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
}

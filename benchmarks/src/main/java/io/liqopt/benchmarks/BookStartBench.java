package io.liqopt.benchmarks;

import io.liqopt.core.AtomicFiles;
import io.liqopt.core.position.PositionBook;
import io.liqopt.serving.book.PositionLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Start-up of the service's position book ({@link PositionLog}: snapshot + write-ahead log) and its
 * memory per position. Target: 1 000 000 positions loaded in ≤ 5 s, ≤ 200 bytes each.
 *
 * <p>It writes a book of N positions (seed 42; 5 assets, 1 to 3 holdings each, ids {@code
 * loan-<n>}) as a snapshot, then appends L more writes to the log (PUTs of new positions and new
 * versions, one DELETE in ten; each fsynced, as the service writes them), and then, R times, opens
 * the folder into an empty book as the service starts: reads the snapshot, replays the log, rebases
 * the index. Reported: each start's time, and the heap the loaded book holds (used heap after a GC,
 * minus before) per position.
 *
 * <pre>
 *   java -Xmx3g -cp "benchmarks/target/classes:benchmarks/target/lib/*" \
 *       io.liqopt.benchmarks.BookStartBench [N] [L] [R] [DIR]
 * </pre>
 *
 * Defaults: N = 1 000 000, L = 20 000, R = 3, a temporary folder (deleted at the end).
 */
public final class BookStartBench {
  private static final List<String> ASSETS =
      List.of("BTCUSDT", "ETHUSDT", "SOLUSDT", "DOGEUSDT", "XRPUSDT");
  private static final double[] WEIGHTED = {32_000, 1_600, 80, 0.08, 0.4};
  private static final long SEED = 42;

  private BookStartBench() {}

  public static void main(String[] args) throws IOException {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int logWrites = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    boolean temp = args.length <= 3;
    Path dir = temp ? Files.createTempDirectory("book-bench") : Path.of(args[3]);
    try {
      long t0 = System.nanoTime();
      write(dir, n, logWrites);
      System.out.printf(
          Locale.ROOT,
          "wrote %,d positions + %,d log writes in %.1f s: snapshot %,d bytes (%.1f per"
              + " position), log %,d bytes%n",
          n,
          logWrites,
          (System.nanoTime() - t0) / 1e9,
          Files.size(dir.resolve(PositionLog.SNAPSHOT)),
          Files.size(dir.resolve(PositionLog.SNAPSHOT)) / (double) n,
          logBytes(dir));
      for (int r = 0; r < runs; r++) {
        start(dir, n + logWrites);
      }
    } finally {
      if (temp) {
        AtomicFiles.deleteTree(dir);
      }
    }
  }

  /** The book written: N positions in a snapshot, then L writes in the log. */
  private static void write(Path dir, int n, int logWrites) throws IOException {
    Random rng = new Random(SEED);
    PositionBook book = new PositionBook(ASSETS, WEIGHTED, 2 * (n + logWrites));
    try (PositionLog log = PositionLog.open(dir)) {
      log.recover(book);
      for (int i = 0; i < n; i++) {
        put(book, null, rng, "loan-" + i, 1);
      }
      // the snapshot as the service takes it: the log rotated, the book encoded, then installed
      book.rebase();
      log.snapshot(book);
      for (int i = 0; i < logWrites; i++) {
        int k = rng.nextInt(n + logWrites);
        if (i % 10 == 9) {
          log.remove("loan-" + k);
          book.remove("loan-" + k);
        } else {
          put(book, log, rng, "loan-" + k, 2 + i);
        }
      }
    }
  }

  private static void put(PositionBook book, PositionLog log, Random rng, String id, long version)
      throws IOException {
    int holdings = 1 + rng.nextInt(3);
    List<String> symbols = new ArrayList<>(holdings);
    double[] q = new double[holdings];
    double value = 0;
    for (int k = 0; k < holdings; k++) {
      int j;
      do {
        j = rng.nextInt(ASSETS.size());
      } while (symbols.contains(ASSETS.get(j)));
      symbols.add(ASSETS.get(j));
      q[k] = 1000 * rng.nextDouble() / WEIGHTED[j];
      value += q[k] * WEIGHTED[j];
    }
    // health factors spread over [0.85, 2)
    double debt = value / (0.85 + 1.15 * rng.nextDouble());
    if (log != null) {
      log.put(id, version, symbols, q, debt);
    }
    book.put(id, version, symbols, q, debt);
  }

  /** One start: an empty book loaded from the folder, timed, and its heap measured. */
  private static void start(Path dir, int capacity) throws IOException {
    long before = usedAfterGc();
    long t0 = System.nanoTime();
    PositionBook book = new PositionBook(ASSETS, WEIGHTED, 2 * capacity);
    PositionLog.Recovery r;
    try (PositionLog log = PositionLog.open(dir)) {
      r = log.recover(book);
    }
    book.rebase();
    double seconds = (System.nanoTime() - t0) / 1e9;
    long after = usedAfterGc();
    System.out.printf(
        Locale.ROOT,
        "start: %,d positions (%,d from the snapshot, %,d log records) in %.2f s;"
            + " heap %.1f bytes per position%n",
        book.size(),
        r.snapshotPositions(),
        r.records(),
        seconds,
        (after - before) / (double) book.size());
    if (book.size() < 0) {
      throw new AssertionError(); // keeps the book reachable until measured
    }
  }

  private static long usedAfterGc() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }

  private static long logBytes(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      long sum = 0;
      for (Path p : files.filter(f -> f.toString().endsWith(".log")).toList()) {
        sum += Files.size(p);
      }
      return sum;
    }
  }
}

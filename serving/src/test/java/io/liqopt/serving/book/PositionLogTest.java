package io.liqopt.serving.book;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.liqopt.core.position.PositionBook;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The book's log and snapshot: round trips, a torn tail cut, corruption refused. */
class PositionLogTest {
  static final List<String> ASSETS = List.of("BTC", "ETH", "SOL");
  static final double[] WEIGHTED = {80, 40, 10};

  static PositionBook emptyBook() {
    return new PositionBook(ASSETS, WEIGHTED, 1_000);
  }

  /** Every position as text: id → version, debt, holdings. */
  static Map<String, String> contents(PositionBook book) {
    Map<String, String> out = new TreeMap<>();
    book.forEachStored(
        (id, version, a, q, debt) -> {
          StringBuilder sb = new StringBuilder();
          sb.append(version).append(' ').append(debt);
          for (int k = 0; k < a.length; k++) {
            sb.append(' ').append(ASSETS.get(a[k])).append('=').append(q[k]);
          }
          out.put(id, sb.toString());
        });
    return out;
  }

  /** Opens and recovers the log in {@code dir} into a new book. */
  static PositionBook reopen(Path dir) throws IOException {
    PositionBook book = emptyBook();
    try (PositionLog log = PositionLog.open(dir)) {
      log.recover(book);
    }
    return book;
  }

  /** Writes to both the log and {@code mirror} (the book the log must give back). */
  static void put(PositionLog log, PositionBook mirror, String id, long v, double... q)
      throws IOException {
    List<String> symbols = ASSETS.subList(0, q.length);
    log.put(id, v, symbols, q, 100 + v);
    mirror.put(id, v, symbols, q, 100 + v);
  }

  @Test
  void recover_putsAndDeletes_sameBookBack(@TempDir Path dir) throws IOException {
    PositionBook mirror = emptyBook();
    try (PositionLog log = PositionLog.open(dir)) {
      assertEquals(0, log.recover(emptyBook()).records());
      put(log, mirror, "a", 1, 1.5);
      put(log, mirror, "b", 1, 2, 3.25, 0);
      put(log, mirror, "a", 2, 0.5, 1);
      log.remove("b");
      mirror.remove("b");
      put(log, mirror, "ünïcode-id", 7, 1, 1, 1);
    }
    PositionBook back = reopen(dir);
    assertEquals(contents(mirror), contents(back));
    assertEquals(2, back.size());
  }

  @Test
  void recover_tornTail_cutAndLaterWritesKept(@TempDir Path dir) throws IOException {
    PositionBook mirror = emptyBook();
    try (PositionLog log = PositionLog.open(dir)) {
      log.recover(emptyBook());
      put(log, mirror, "a", 1, 1);
      put(log, mirror, "b", 1, 2);
    }
    Path file = onlyLog(dir);
    long whole = Files.size(file);
    byte[] record = BookRecords.put("c", 1, List.of("BTC"), new double[] {1}, 5);
    // a crash in the middle of the third write: half its bytes reached the file
    Files.write(file, Arrays.copyOf(record, record.length / 2), StandardOpenOption.APPEND);
    try (PositionLog log = PositionLog.open(dir)) {
      PositionBook book = emptyBook();
      PositionLog.Recovery r = log.recover(book);
      assertEquals(record.length / 2, r.tornBytes());
      assertEquals(2, r.records());
      assertEquals(whole, Files.size(file));
      assertEquals(contents(mirror), contents(book));
      log.put("d", 1, List.of("ETH"), new double[] {3}, 9);
      mirror.put("d", 1, List.of("ETH"), new double[] {3}, 9);
    }
    assertEquals(contents(mirror), contents(reopen(dir)));
  }

  @Test
  void recover_damageBeforeValidRecords_refusedNamingFileAndOffset(@TempDir Path dir)
      throws IOException {
    try (PositionLog log = PositionLog.open(dir)) {
      log.recover(emptyBook());
      log.put("a", 1, List.of("BTC"), new double[] {1}, 5);
      log.put("b", 1, List.of("BTC"), new double[] {1}, 5);
      log.put("c", 1, List.of("BTC"), new double[] {1}, 5);
    }
    Path file = onlyLog(dir);
    int second = BookRecords.put("a", 1, List.of("BTC"), new double[] {1}, 5).length;
    flipByte(file, second + BookRecords.HEADER_BYTES + 3);
    IOException e = assertThrows(IOException.class, () -> reopen(dir));
    assertTrue(e.getMessage().contains(file.getFileName().toString()), e.getMessage());
    assertTrue(e.getMessage().contains("byte offset " + second), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), "one line");
  }

  @Test
  void recover_damagedSnapshot_refusedNamingIt(@TempDir Path dir) throws IOException {
    try (PositionLog log = PositionLog.open(dir)) {
      PositionBook book = emptyBook();
      log.recover(book);
      log.put("a", 1, List.of("BTC"), new double[] {1}, 5);
      book.put("a", 1, List.of("BTC"), new double[] {1}, 5);
      long g = log.rotate();
      log.installSnapshot(g, BookSnapshot.encode(g, book));
    }
    Path snapshot = dir.resolve(PositionLog.SNAPSHOT);
    flipByte(snapshot, 30);
    IOException e = assertThrows(IOException.class, () -> reopen(dir));
    assertTrue(e.getMessage().contains(PositionLog.SNAPSHOT), e.getMessage());
    assertTrue(e.getMessage().contains("checksum"), e.getMessage());
  }

  @Test
  void recover_assetNoLongerHeld_refusedNamingIt(@TempDir Path dir) throws IOException {
    try (PositionLog log = PositionLog.open(dir)) {
      log.recover(emptyBook());
      log.put("a", 1, List.of("SOL"), new double[] {1}, 5);
    }
    PositionBook without = new PositionBook(List.of("BTC", "ETH"), new double[] {1, 1}, 10);
    try (PositionLog log = PositionLog.open(dir)) {
      IOException e = assertThrows(IOException.class, () -> log.recover(without));
      assertTrue(e.getMessage().contains("unknown collateral asset SOL"), e.getMessage());
    }
  }

  @Test
  void open_twice_refused(@TempDir Path dir) throws IOException {
    try (PositionLog log = PositionLog.open(dir)) {
      IOException e = assertThrows(IOException.class, () -> PositionLog.open(dir));
      assertTrue(e.getMessage().contains("already open"), e.getMessage());
    }
  }

  @Test
  void snapshotThenReplay_randomWrites_equalsTheBookBefore() {
    qt().withExamples(30)
        .withFixedSeed(31L)
        .withShrinkCycles(100)
        .forAll(lists().of(integers().between(0, 1_000_000)).ofSizeBetween(1, 60))
        .checkAssert(
            ops -> {
              try {
                snapshotRoundTrip(ops);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
  }

  /**
   * Each op: a PUT of one of 8 ids at a growing version, a DELETE, or (one in ten) a snapshot; a
   * snapshot may stop half-way (rotated, not installed), as a crash there leaves it.
   */
  private static void snapshotRoundTrip(List<Integer> ops) throws IOException {
    Path dir = Files.createTempDirectory("book-log-prop");
    try {
      PositionBook mirror = emptyBook();
      long version = 0;
      try (PositionLog log = PositionLog.open(dir)) {
        log.recover(emptyBook());
        for (int op : ops) {
          Random r = new Random(op);
          String id = "p" + (op % 8);
          int kind = r.nextInt(10);
          if (kind == 0) {
            long g = log.rotate();
            if (r.nextBoolean()) {
              log.installSnapshot(g, BookSnapshot.encode(g, mirror));
            }
          } else if (kind < 3) {
            log.remove(id);
            mirror.remove(id);
          } else {
            double[] q = new double[1 + r.nextInt(3)];
            for (int k = 0; k < q.length; k++) {
              q[k] = r.nextDouble() * 10;
            }
            put(log, mirror, id, ++version, q);
          }
        }
      }
      assertEquals(contents(mirror), contents(reopen(dir)));
      assertEquals(contents(mirror), contents(reopen(dir)), "a second start reads the same");
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  static Path onlyLog(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> logs =
          files.filter(p -> p.getFileName().toString().endsWith(".log")).sorted().toList();
      assertEquals(1, logs.size(), logs.toString());
      return logs.get(0);
    }
  }

  static void flipByte(Path file, long at) throws IOException {
    try (FileChannel ch =
        FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      java.nio.ByteBuffer one = java.nio.ByteBuffer.allocate(1);
      ch.read(one, at);
      one.flip();
      byte b = one.get();
      ch.write(java.nio.ByteBuffer.wrap(new byte[] {(byte) (b ^ 0x5a)}), at);
    }
    assertTrue(Files.size(file) > at, String.format(Locale.ROOT, "%s is shorter", file));
  }
}

package io.liqopt.serving.wal;

import static io.liqopt.serving.wal.Batches.assertSameBatches;
import static io.liqopt.serving.wal.Batches.hourly;
import static io.liqopt.serving.wal.Batches.withoutQuoteVolume;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liqopt.core.market.BarInterval;
import io.liqopt.core.market.BarSeries;
import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BarLogTest {
  @TempDir Path dir;

  @Test
  void open_emptyFolder_createsFirstActiveSegment() throws IOException {
    Path logDir = dir.resolve("wal");
    try (BarLog log = BarLog.open(logDir)) {
      assertTrue(Files.isRegularFile(logDir.resolve("bars-0000000000000001.wal")));
      assertEquals(0, log.activeBytes());
      assertEquals(new BarLog.Replay(List.of(), 0, 0, 0), log.replay());
    }
  }

  @Test
  void append_severalBatches_replayedInOrderAcrossReopen() throws IOException {
    List<BarSeries> batches =
        List.of(
            hourly("BTCUSDT", 0, 3),
            withoutQuoteVolume("ETHUSDT", 0, 2),
            hourly("BTCUSDT", 3, 1),
            withoutQuoteVolume("SOL-USD", 10, 5));
    try (BarLog log = BarLog.open(dir)) {
      for (BarSeries b : batches.subList(0, 2)) {
        log.append(b);
      }
      assertSameBatches(batches.subList(0, 2), log.replay().batches());
    }
    try (BarLog log = BarLog.open(dir)) {
      for (BarSeries b : batches.subList(2, 4)) {
        log.append(b);
      }
    }
    try (BarLog log = BarLog.open(dir)) {
      BarLog.Replay r = log.replay();
      assertSameBatches(batches, r.batches());
      assertEquals(4, r.records());
      assertEquals(11, r.bars());
      assertEquals(0, r.truncatedBytes());
      assertTrue(Double.isNaN(r.batches().get(1).quoteVolume(0)));
      assertEquals(Files.size(BarLog.segment(dir, 1)), log.activeBytes());
    }
  }

  @Test
  void append_severalBatches_oneRecord_replayedInOrderAcrossReopen() throws IOException {
    List<BarSeries> group = List.of(hourly("BTCUSDT", 3, 2), hourly("ETHUSDT", 0, 4));
    try (BarLog log = BarLog.open(dir)) {
      log.append(hourly("BTCUSDT", 0, 3));
      log.append(group);
      log.append(hourly("SOL-USD", 7, 1));
      assertEquals(3, log.replay().records());
    }
    try (BarLog log = BarLog.open(dir)) {
      BarLog.Replay r = log.replay();
      assertSameBatches(
          List.of(hourly("BTCUSDT", 0, 3), group.get(0), group.get(1), hourly("SOL-USD", 7, 1)),
          r.batches());
      assertEquals(3, r.records());
      assertEquals(10, r.bars());
      assertThrows(IllegalArgumentException.class, () -> log.append(List.of()));
    }
  }

  @Test
  void append_invalidBatch_refusedAndLogUnchanged() throws IOException {
    try (BarLog log = BarLog.open(dir)) {
      assertThrows(
          IllegalArgumentException.class,
          () -> log.append(BarSeries.empty("BTCUSDT", BarInterval.H1)));
      assertThrows(IllegalArgumentException.class, () -> log.append(hourly("btc/usdt", 0, 2)));
      assertEquals(0, log.activeBytes());
      log.append(hourly("BTCUSDT", 0, 2));
      assertEquals(1, log.replay().records());
    }
  }

  @Test
  void open_folderAlreadyOpen_refused() throws IOException {
    BarLog first = BarLog.open(dir);
    try {
      IOException e = assertThrows(IOException.class, () -> BarLog.open(dir));
      assertTrue(e.getMessage().contains("already open"), e.getMessage());
    } finally {
      first.close();
    }
    BarLog.open(dir).close();
  }

  @Test
  void append_afterClose_refused() throws IOException {
    BarLog log = BarLog.open(dir);
    log.close();
    log.close();
    assertThrows(IllegalStateException.class, () -> log.append(hourly("BTCUSDT", 0, 1)));
  }

  @Test
  void seal_rotatesAndSequenceContinuesAfterReopen() throws IOException {
    List<Path> sealed;
    try (BarLog log = BarLog.open(dir)) {
      assertEquals(List.of(), log.seal(), "an empty active segment seals nothing");
      log.append(hourly("BTCUSDT", 0, 2));
      assertEquals(List.of(BarLog.segment(dir, 1)), log.seal());
      assertEquals(0, log.activeBytes());
      log.append(hourly("BTCUSDT", 2, 2));
      sealed = log.seal();
      assertEquals(List.of(BarLog.segment(dir, 1), BarLog.segment(dir, 2)), sealed);
      assertEquals(sealed, log.seal(), "nothing new to seal; earlier seals still listed");
      log.append(hourly("BTCUSDT", 4, 1));
    }
    try (BarLog log = BarLog.open(dir)) {
      assertSameBatches(
          List.of(hourly("BTCUSDT", 0, 2), hourly("BTCUSDT", 2, 2)), BarLog.read(sealed));
      assertEquals(3, log.replay().records());
      log.delete(sealed);
      assertFalse(Files.exists(sealed.get(0)) || Files.exists(sealed.get(1)));
      assertSameBatches(List.of(hourly("BTCUSDT", 4, 1)), log.replay().batches());
      assertEquals(List.of(BarLog.segment(dir, 3)), log.seal());
    }
    try (BarLog log = BarLog.open(dir)) {
      log.append(hourly("BTCUSDT", 5, 1));
      assertEquals(List.of(BarLog.segment(dir, 3), BarLog.segment(dir, 4)), log.seal());
    }
  }

  @Test
  void delete_activeSegment_refused() throws IOException {
    try (BarLog log = BarLog.open(dir)) {
      log.append(hourly("BTCUSDT", 0, 1));
      Path active = BarLog.segment(dir, 1);
      assertThrows(IllegalArgumentException.class, () -> log.delete(List.of(active)));
      assertThrows(
          IllegalArgumentException.class, () -> log.delete(List.of(dir.resolve("other.txt"))));
      assertTrue(Files.exists(active));
    }
  }

  @Test
  void append_manyThreads_everyRecordReplayed() throws Exception {
    int threads = 8;
    int perThread = 25;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try (BarLog log = BarLog.open(dir)) {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String symbol = "SYM" + t;
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < perThread; i++) {
                    log.append(hourly(symbol, i, 1 + i % 3));
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(10, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    try (BarLog log = BarLog.open(dir)) {
      BarLog.Replay r = log.replay();
      assertEquals(threads * perThread, r.records());
      assertEquals(0, r.truncatedBytes());
      for (int t = 0; t < threads; t++) {
        String symbol = "SYM" + t;
        List<BarSeries> own = r.batches().stream().filter(b -> b.symbol().equals(symbol)).toList();
        List<BarSeries> expected = new ArrayList<>();
        for (int i = 0; i < perThread; i++) {
          expected.add(hourly(symbol, i, 1 + i % 3));
        }
        assertSameBatches(expected, own);
      }
    }
  }

  @Test
  void append_interruptedThread_notDurableButLogStaysUsable() throws IOException {
    try (BarLog log = BarLog.open(dir)) {
      log.append(hourly("BTCUSDT", 0, 1));
      Thread.currentThread().interrupt();
      try {
        assertThrows(ClosedByInterruptException.class, () -> log.append(hourly("BTCUSDT", 1, 1)));
      } finally {
        Thread.interrupted();
      }
      log.append(hourly("BTCUSDT", 2, 1));
      assertSameBatches(
          List.of(hourly("BTCUSDT", 0, 1), hourly("BTCUSDT", 2, 1)), log.replay().batches());
    }
  }
}

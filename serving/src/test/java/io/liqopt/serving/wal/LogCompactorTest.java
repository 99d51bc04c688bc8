package io.liqopt.serving.wal;

import static io.liqopt.serving.wal.Batches.assertSameBatches;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liqopt.core.market.BarInterval;
import io.liqopt.core.market.BarSeries;
import io.liqopt.core.market.Bars;
import io.liqopt.store.LockHolderProcess;
import io.liqopt.store.MarketStore;
import io.liqopt.store.StoreLockedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogCompactorTest {
  @TempDir Path dir;

  /** Hours [fromHour, toHour) of one fixed hourly series, so overlapping windows agree. */
  private static BarSeries window(String symbol, int fromHour, int toHour) {
    return Bars.hourly(symbol, 48).slice(Bars.T0 + fromHour * Bars.H, Bars.T0 + toHour * Bars.H);
  }

  private MarketStore store() {
    return new MarketStore(dir.resolve("data"));
  }

  private BarLog openLog() throws IOException {
    return BarLog.open(dir.resolve("wal"));
  }

  @Test
  void compact_sealedBatches_mergedIntoStoreAndDeleted() throws IOException {
    MarketStore store = store();
    store.write(window("BTCUSDT", 0, 10), "test");
    try (BarLog log = openLog()) {
      log.append(window("BTCUSDT", 8, 12));
      log.append(window("ETHUSDT", 3, 5));
      log.append(window("ETHUSDT", 0, 3));
      log.append(window("BTCUSDT", 12, 15));
      LogCompactor.Result r = new LogCompactor(log, store).compact();
      assertEquals(new LogCompactor.Result(1, 12, 2), r);
      assertTrue(store.read("BTCUSDT", BarInterval.H1).contentEquals(window("BTCUSDT", 0, 15)));
      assertTrue(store.read("ETHUSDT", BarInterval.H1).contentEquals(window("ETHUSDT", 0, 5)));
      assertEquals(List.of(), log.seal(), "the sealed segment was deleted");
      assertEquals(0, log.replay().records());
    }
  }

  @Test
  void compact_nothingAppended_changesNothing() throws IOException {
    try (BarLog log = openLog()) {
      assertEquals(new LogCompactor.Result(0, 0, 0), new LogCompactor(log, store()).compact());
    }
    assertFalse(Files.exists(store().root()));
  }

  @Test
  void compact_crashBeforeDelete_replayedDuplicatesCompactHarmlessly() throws IOException {
    Path segment;
    byte[] sealedBytes;
    try (BarLog log = openLog()) {
      log.append(window("BTCUSDT", 0, 6));
      log.append(window("SOLUSDT", 0, 2));
      segment = log.seal().get(0);
      sealedBytes = Files.readAllBytes(segment);
      new LogCompactor(log, store()).compact();
      log.append(window("BTCUSDT", 6, 8));
    }
    // as if the process died after the store write but before the delete
    Files.write(segment, sealedBytes);
    BarSeries stored = store().read("BTCUSDT", BarInterval.H1);
    try (BarLog log = openLog()) {
      assertSameBatches(
          List.of(window("BTCUSDT", 0, 6), window("SOLUSDT", 0, 2), window("BTCUSDT", 6, 8)),
          log.replay().batches());
      assertEquals(new LogCompactor.Result(2, 10, 2), new LogCompactor(log, store()).compact());
    }
    assertTrue(stored.contentEquals(window("BTCUSDT", 0, 6)));
    assertTrue(store().read("BTCUSDT", BarInterval.H1).contentEquals(window("BTCUSDT", 0, 8)));
    assertTrue(store().read("SOLUSDT", BarInterval.H1).contentEquals(window("SOLUSDT", 0, 2)));
    assertFalse(Files.exists(segment));
  }

  @Test
  void compact_barConflictsWithStore_failsAndKeepsEverything() throws IOException {
    MarketStore store = store();
    store.write(window("BTCUSDT", 0, 10), "test");
    BarSeries other = Bars.hourlyFrom("BTCUSDT", Bars.T0 + 9 * Bars.H, 3, 500.0);
    try (BarLog log = openLog()) {
      log.append(window("ETHUSDT", 0, 3));
      log.append(other);
      LogCompactor compactor = new LogCompactor(log, store);
      IOException e = assertThrows(IOException.class, compactor::compact);
      assertTrue(e.getMessage().contains("BTCUSDT"), e.getMessage());
      assertFalse(store.contains("ETHUSDT", BarInterval.H1), "nothing written");
      assertTrue(store.read("BTCUSDT", BarInterval.H1).contentEquals(window("BTCUSDT", 0, 10)));
      assertEquals(2, log.replay().records(), "segments kept");
    }
  }

  @Test
  void compact_appendsAfterTheSeal_stayInTheLog() throws IOException {
    try (BarLog log = openLog()) {
      LogCompactor compactor = new LogCompactor(log, store());
      log.append(window("BTCUSDT", 0, 2));
      compactor.compact();
      log.append(window("BTCUSDT", 2, 3));
      assertSameBatches(List.of(window("BTCUSDT", 2, 3)), log.replay().batches());
      assertEquals(new LogCompactor.Result(1, 1, 1), compactor.compact());
      assertTrue(store().read("BTCUSDT", BarInterval.H1).contentEquals(window("BTCUSDT", 0, 3)));
    }
  }

  @Test
  void compact_storeLockedByAnotherProcess_failsKeepingTheLogThenCompactsOnceFree()
      throws IOException {
    MarketStore store = new MarketStore(dir.resolve("data"), Duration.ofMillis(200));
    try (BarLog log = openLog()) {
      LogCompactor compactor = new LogCompactor(log, store);
      log.append(window("BTCUSDT", 0, 4));
      List<String> progress = new ArrayList<>();
      try (LockHolderProcess importing = LockHolderProcess.start(dir.resolve("data"))) {
        StoreLockedException e = assertThrows(StoreLockedException.class, compactor::compact);
        assertTrue(e.getMessage().contains("(pid " + importing.pid() + ")"), e.getMessage());
        // at start, a locked store defers the compaction instead of failing the service
        compactor.compactAtStart(progress::add);
        assertFalse(store.contains("BTCUSDT", BarInterval.H1), "nothing written");
        assertEquals(1, log.replay().records(), "segments kept");
      }
      assertEquals(1, progress.size(), progress.toString());
      assertTrue(progress.get(0).startsWith("log compaction deferred: the market store is locked"));
      log.append(window("BTCUSDT", 4, 5));
      assertEquals(new LogCompactor.Result(2, 5, 1), compactor.compact());
      assertTrue(store.read("BTCUSDT", BarInterval.H1).contentEquals(window("BTCUSDT", 0, 5)));
    }
  }
}

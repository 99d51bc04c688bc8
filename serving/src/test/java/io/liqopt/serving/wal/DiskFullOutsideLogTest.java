package io.liqopt.serving.wal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liqopt.core.DiskFull;
import io.liqopt.core.market.BarInterval;
import io.liqopt.core.market.BarSeries;
import io.liqopt.core.market.Bars;
import io.liqopt.core.policy.GovernorState;
import io.liqopt.serving.state.GovernorStore;
import io.liqopt.store.MarketStore;
import io.liqopt.store.StoreLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk outside the write-ahead log: the log compaction and the governor save fail with one
 * line naming the file and the full disk, leave the previous files whole (the logged bars stay in
 * the log, the old governor states on disk), leave no temporary file, and work once space returns.
 */
class DiskFullOutsideLogTest {
  @TempDir Path dir;

  @Test
  void compaction_diskFull_clearError_storeAndLogKept_noDebris_thenCompacts() throws IOException {
    Path data = dir.resolve("data");
    BarSeries all = Bars.hourly("BTCUSDT", 400);
    new MarketStore(data).write(all.slice(Bars.T0, Bars.T0 + 200 * Bars.H), "old");
    DiskFull disk = DiskFull.after(1_000);
    MarketStore store = new MarketStore(data, StoreLock.DEFAULT_TIMEOUT, disk);
    try (BarLog log = BarLog.open(dir.resolve("wal"))) {
      log.append(all.slice(Bars.T0 + 200 * Bars.H, Bars.T0 + 400 * Bars.H));
      LogCompactor compactor = new LogCompactor(log, store);

      IOException e = assertThrows(IOException.class, compactor::compact);

      assertTrue(e.getMessage().startsWith("cannot write "), e.getMessage());
      assertTrue(e.getMessage().endsWith(": " + DiskFull.MESSAGE), e.getMessage());
      assertEquals(200, new MarketStore(data).read("BTCUSDT", BarInterval.H1).size());
      assertEquals(200, log.replay().bars(), "the bars stay in the log");
      assertEquals(List.of("BTCUSDT.parquet"), names(store.root().resolve("1h")));
      disk.free();
      assertEquals(200, compactor.compact().bars());
      assertTrue(new MarketStore(data).read("BTCUSDT", BarInterval.H1).contentEquals(all));
      assertEquals(0, log.replay().bars());
      assertEquals(List.of("BTCUSDT.parquet"), names(store.root().resolve("1h")));
    }
  }

  @Test
  void governorSaveInPlace_diskFullPartWay_olderStatesLoaded_thenSaves() throws IOException {
    Path file = dir.resolve("state").resolve("governor.json");
    GovernorStore plain = new GovernorStore(file);
    for (int step = 0; step < 3; step++) { // both slots exist: a save overwrites one in place
      plain.save(Map.of("BTCUSDT", new GovernorState("BTCUSDT", 0.8, Bars.T0, List.of())));
    }
    Map<String, GovernorState> second =
        Map.of("BTCUSDT", new GovernorState("BTCUSDT", 0.79, Bars.T0 + Bars.H, List.of()));
    plain.save(second); // slot 1
    Map<String, GovernorState> third =
        Map.of("BTCUSDT", new GovernorState("BTCUSDT", 0.78, Bars.T0 + 2 * Bars.H, List.of()));
    DiskFull disk = DiskFull.after(100); // part of the slot's 4 096 bytes, the old tail stays
    GovernorStore store = new GovernorStore(file, disk);
    assertThrows(IOException.class, () -> store.save(third));
    assertEquals(second, new GovernorStore(file).load());
    disk.free();
    store.save(third);
    assertEquals(third, new GovernorStore(file).load());
  }

  @Test
  void governorSave_diskFull_clearError_oldStateKept_noDebris_thenSaves() throws IOException {
    Path file = dir.resolve("state").resolve("governor.json");
    Map<String, GovernorState> old =
        Map.of("BTCUSDT", new GovernorState("BTCUSDT", 0.8, Bars.T0, List.of()));
    Map<String, GovernorState> next =
        Map.of("BTCUSDT", new GovernorState("BTCUSDT", 0.78, Bars.T0 + Bars.H, List.of()));
    new GovernorStore(file).save(old);
    DiskFull disk = DiskFull.after(20);
    GovernorStore store = new GovernorStore(file, disk);

    IOException e = assertThrows(IOException.class, () -> store.save(next));

    Path slot = file.resolveSibling("governor.json.1");
    assertEquals("cannot write " + slot + ": " + DiskFull.MESSAGE, e.getMessage());
    assertEquals(old, store.load());
    assertEquals(List.of("governor.json.0"), names(file.getParent()));
    disk.free();
    store.save(next);
    assertEquals(next, store.load());
    assertEquals(List.of("governor.json.0", "governor.json.1"), names(file.getParent()));
  }

  private static List<String> names(Path folder) throws IOException {
    try (Stream<Path> s = Files.list(folder)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}

package io.liqopt.store.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liqopt.core.DiskFull;
import io.liqopt.core.market.BarInterval;
import io.liqopt.core.market.BarSeries;
import io.liqopt.core.market.Bars;
import io.liqopt.store.MarketStore;
import io.liqopt.store.StoreLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A disk that fills up during {@code data import} (and any store write): for every amount of space
 * left, from none to more than the import needs, the import fails with one line naming the file and
 * the full disk, or succeeds; every stored file still reads and holds either its old or its new
 * bars; no temporary file is left; and once space returns the same import completes.
 */
class StoreDiskFullTest {
  private static final int OLD_BARS = 100;
  private static final int NEW_BARS = 300;

  @TempDir Path dir;

  @Test
  void import_diskFullAtAnyByte_clearError_filesOldOrNew_noDebris_thenCompletes()
      throws IOException {
    List<Path> files =
        List.of(
            csv(Bars.hourly("AAAUSDT", NEW_BARS), "AAAUSDT_1h.csv"),
            csv(Bars.hourly("BBBUSDT", NEW_BARS), "BBBUSDT_1h.csv"));
    int failures = 0;
    for (long space = 0; space <= 40_000; space += 2_500) {
      Path data = Files.createDirectories(dir.resolve("data-" + space));
      new MarketStore(data).write(Bars.hourly("AAAUSDT", OLD_BARS), "old");
      DiskFull disk = DiskFull.after(space);
      MarketStore store = new MarketStore(data, StoreLock.DEFAULT_TIMEOUT, disk);
      try {
        StoreImport.importFiles(store, files, ImportOptions.DEFAULT, new StoreImport.Listener() {});
      } catch (IOException e) {
        failures++;
        assertTrue(e.getMessage().startsWith("cannot write " + data), e.getMessage());
        assertTrue(e.getMessage().endsWith(": " + DiskFull.MESSAGE), e.getMessage());
      }
      MarketStore plain = new MarketStore(data);
      int aaa = plain.read("AAAUSDT", BarInterval.H1).size();
      assertTrue(aaa == OLD_BARS || aaa == NEW_BARS, aaa + " bars of AAAUSDT");
      if (plain.contains("BBBUSDT", BarInterval.H1)) {
        assertEquals(NEW_BARS, plain.read("BBBUSDT", BarInterval.H1).size());
      }
      assertEquals(List.of("AAAUSDT.parquet", "BBBUSDT.parquet"), namesOrBoth(plain));
      disk.free();
      StoreImport.importFiles(store, files, ImportOptions.DEFAULT, new StoreImport.Listener() {});
      assertTrue(plain.read("AAAUSDT", BarInterval.H1).contentEquals(Bars.hourly("AAAUSDT", 300)));
      assertTrue(plain.read("BBBUSDT", BarInterval.H1).contentEquals(Bars.hourly("BBBUSDT", 300)));
      assertEquals(List.of("AAAUSDT.parquet", "BBBUSDT.parquet"), names(plain));
    }
    assertTrue(failures >= 3, "the disk filled up in only " + failures + " imports");
  }

  /** The file names of the hourly folder, BBBUSDT counted even before it is written. */
  private static List<String> namesOrBoth(MarketStore store) throws IOException {
    List<String> names = names(store);
    return names.contains("BBBUSDT.parquet")
        ? names
        : List.of("AAAUSDT.parquet", "BBBUSDT.parquet");
  }

  private static List<String> names(MarketStore store) throws IOException {
    try (Stream<Path> s = Files.list(store.root().resolve(BarInterval.H1.label()))) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private Path csv(BarSeries s, String name) throws IOException {
    return io.liqopt.store.SharedDataCsv.write(s, dir.resolve(name));
  }
}

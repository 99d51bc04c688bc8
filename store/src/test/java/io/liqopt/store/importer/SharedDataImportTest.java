package io.liqopt.store.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liqopt.core.SharedData;
import io.liqopt.core.market.BarInterval;
import io.liqopt.core.market.BarSeries;
import io.liqopt.core.market.Gap;
import io.liqopt.core.market.SeriesMerge;
import io.liqopt.store.MarketStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Imports the real history of ../shared/data and checks it against that folder's README. */
class SharedDataImportTest {
  private static final long FIRST = Instant.parse("2021-01-01T00:00:00Z").toEpochMilli();
  private static final long LAST = Instant.parse("2026-06-30T23:00:00Z").toEpochMilli();

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "BTCUSDT",
        "ETHUSDT",
        "SOLUSDT",
        "BNBUSDT",
        "XRPUSDT",
        "DOGEUSDT",
        "ADAUSDT",
        "LTCUSDT"
      })
  void sharedFile_importsCleanly_matchesReadme(String symbol) throws IOException {
    Path f = SharedData.fileOrSkip(symbol + "_1h.csv.gz");
    ImportResult r = BarImporter.DEFAULT.read(f, ImportOptions.DEFAULT);
    BarSeries s = r.series();
    assertEquals(symbol, s.symbol());
    assertEquals(BarInterval.H1, s.interval());
    assertEquals(48_154, s.size());
    assertEquals(48_154, r.rowsRead());
    assertEquals(0, r.duplicatesDropped());
    assertEquals(0, r.rejectedTotal());
    assertEquals(FIRST, s.firstOpenTimeMs());
    assertEquals(LAST, s.lastOpenTimeMs());
    List<Gap> gaps = r.gaps();
    assertEquals(7, gaps.size());
    assertEquals(14, gaps.stream().mapToLong(Gap::missingBars).sum());
    assertTrue(
        gaps.contains(
            new Gap(
                Instant.parse("2021-08-13T01:00:00Z").toEpochMilli(),
                Instant.parse("2021-08-13T06:00:00Z").toEpochMilli(),
                4)));

    MarketStore store = new MarketStore(dir);
    store.write(s, r.source());
    assertTrue(store.read(symbol, BarInterval.H1).contentEquals(s));
  }

  /** The pre2021 supplement: rows, gaps (count, missing bars), last bar, from its README table. */
  @ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({
    "BTCUSDT, 29372, 25, 215, 2017-08-17T05:00:00Z",
    "ETHUSDT, 29370, 27, 217, 2017-08-17T05:00:00Z",
    "ADAUSDT, 3644, 3, 5, 2020-08-01T23:00:00Z",
    "BNBUSDT, 3644, 3, 5, 2020-08-01T23:00:00Z"
  })
  void pre2021File_importsCleanly_matchesReadme(
      String symbol, int rows, int gaps, long missing, String first) throws IOException {
    Path f = SharedData.fileOrSkip("pre2021/" + symbol + "_1h.csv.gz");
    ImportResult r = BarImporter.DEFAULT.read(f, ImportOptions.DEFAULT);
    assertEquals(rows, r.series().size());
    assertEquals(0, r.rejectedTotal());
    assertEquals(gaps, r.gaps().size());
    assertEquals(missing, r.gaps().stream().mapToLong(Gap::missingBars).sum());
    assertEquals(Instant.parse(first).toEpochMilli(), r.series().firstOpenTimeMs());
    assertEquals(Instant.parse("2020-12-31T23:00:00Z").toEpochMilli(), r.series().lastOpenTimeMs());
  }

  @Test
  void btc_spotChecks_fromReadme() throws IOException {
    BarSeries s =
        BarImporter.DEFAULT
            .read(SharedData.fileOrSkip("BTCUSDT_1h.csv.gz"), ImportOptions.DEFAULT)
            .series();
    int may19 = s.indexAtOrAfter(Instant.parse("2021-05-19T13:00:00Z").toEpochMilli());
    assertEquals(38_000.0, s.high(may19));
    assertEquals(30_000.0, s.low(may19));
    int ftx = s.indexAtOrAfter(Instant.parse("2022-11-09T12:00:00Z").toEpochMilli());
    assertEquals(17_619.85, s.close(ftx));
    int aug24 = s.indexAtOrAfter(Instant.parse("2024-08-05T00:00:00Z").toEpochMilli());
    assertEquals(56_174.02, s.close(aug24));
  }

  @Test
  void pre2021ThenMain_mergeIntoOneSeries() throws IOException {
    Path shared = SharedData.dirOrSkip();
    MarketStore store = new MarketStore(dir);
    for (Path f :
        List.of(shared.resolve("pre2021/BTCUSDT_1h.csv.gz"), shared.resolve("BTCUSDT_1h.csv.gz"))) {
      ImportResult r = BarImporter.DEFAULT.read(f, ImportOptions.DEFAULT);
      SeriesMerge m = store.merge(r.series(), r.source());
      assertEquals(0, m.duplicates());
    }
    BarSeries s = store.read("BTCUSDT", BarInterval.H1);
    assertEquals(29_372 + 48_154, s.size());
    assertEquals(Instant.parse("2017-08-17T05:00:00Z").toEpochMilli(), s.firstOpenTimeMs());
    assertEquals(25 + 7, s.gaps().size());
  }
}

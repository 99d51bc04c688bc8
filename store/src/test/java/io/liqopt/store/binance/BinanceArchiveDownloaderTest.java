package io.liqopt.store.binance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liqopt.core.market.BarInterval;
import io.liqopt.store.binance.BinanceArchiveDownloader.MonthResult;
import io.liqopt.store.binance.BinanceArchiveDownloader.Status;
import io.liqopt.store.importer.BarImporter;
import io.liqopt.store.importer.ImportOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs against a local server with Binance's layout; no test touches the internet. */
class BinanceArchiveDownloaderTest {
  @TempDir Path cache;

  @Test
  void download_verifiesChecksums_reportsMissingMonth_resumesFromCache() throws Exception {
    try (BinanceArchiveServer server = new BinanceArchiveServer()) {
      server.publishMonth("BTCUSDT", YearMonth.of(2024, 11), 100, false);
      server.publishMonth("BTCUSDT", YearMonth.of(2024, 12), 101, true); // bad checksum
      // 2025-01 missing
      server.publishMonth("BTCUSDT", YearMonth.of(2025, 2), 102, false); // µs timestamps
      BinanceArchiveDownloader d = new BinanceArchiveDownloader(server.baseUrl());

      List<MonthResult> first =
          d.download(
              "BTCUSDT",
              BarInterval.H1,
              YearMonth.of(2024, 11),
              YearMonth.of(2025, 2),
              cache,
              m -> false,
              (r, done, total) -> {});
      assertEquals(
          List.of(Status.DOWNLOADED, Status.FAILED, Status.MISSING, Status.DOWNLOADED),
          first.stream().map(MonthResult::status).toList());
      assertTrue(first.get(1).error().contains("SHA-256 mismatch"), first.get(1).error());
      assertFalse(
          Files.exists(cache.resolve("BTCUSDT-1h-2024-12.zip")),
          "an unverified archive reached the cache");
      try (var files = Files.list(cache)) {
        assertTrue(files.noneMatch(f -> f.getFileName().toString().contains(".tmp-")));
      }

      // the archives import: 30 days of November, 28 days of February in µs converted to ms
      var nov = BarImporter.DEFAULT.read(first.get(0).archive(), ImportOptions.DEFAULT).series();
      assertEquals(30 * 24, nov.size());
      var feb = BarImporter.DEFAULT.read(first.get(3).archive(), ImportOptions.DEFAULT).series();
      assertEquals(28 * 24, feb.size());
      assertEquals(1_738_368_000_000L, feb.firstOpenTimeMs()); // 2025-02-01T00:00Z

      // second run: verified months come from the cache, a stored month is not fetched at all
      int zipHitsBefore = server.hitsOn("2024-11.zip");
      List<MonthResult> second =
          d.download(
              "BTCUSDT",
              BarInterval.H1,
              YearMonth.of(2024, 11),
              YearMonth.of(2025, 2),
              cache,
              m -> m.equals(YearMonth.of(2025, 2)),
              (r, done, total) -> {});
      assertEquals(
          List.of(Status.CACHED, Status.FAILED, Status.MISSING, Status.ALREADY_STORED),
          second.stream().map(MonthResult::status).toList());
      assertEquals(zipHitsBefore, server.hitsOn("2024-11.zip"));
      assertEquals(1, server.hitsOn("2025-02.zip"));

      // a damaged cache entry is a cache miss: downloaded and verified again
      java.nio.file.Files.writeString(cache.resolve("BTCUSDT-1h-2024-11.zip.CHECKSUM"), "garbage");
      List<MonthResult> third =
          d.download(
              "BTCUSDT",
              BarInterval.H1,
              YearMonth.of(2024, 11),
              YearMonth.of(2024, 11),
              cache,
              m -> false,
              (r, done, total) -> {});
      assertEquals(Status.DOWNLOADED, third.get(0).status());
      assertEquals(zipHitsBefore + 1, server.hitsOn("2024-11.zip"));
    }
  }

  @Test
  void checksumFile_mustNameTheArchive() {
    String sha = "a".repeat(64);
    assertEquals(
        sha,
        assertDoesNotThrow(
            () ->
                BinanceArchiveDownloader.expectedSha(
                    sha + "  X-1h-2024-01.zip\n", "X-1h-2024-01.zip")));
    org.junit.jupiter.api.Assertions.assertThrows(
        java.io.IOException.class,
        () -> BinanceArchiveDownloader.expectedSha(sha + "  Y.zip", "X-1h-2024-01.zip"));
    org.junit.jupiter.api.Assertions.assertThrows(
        java.io.IOException.class,
        () -> BinanceArchiveDownloader.expectedSha("<html>not found</html>", "X.zip"));
  }

  private static <T> T assertDoesNotThrow(org.junit.jupiter.api.function.ThrowingSupplier<T> s) {
    return org.junit.jupiter.api.Assertions.assertDoesNotThrow(s);
  }
}

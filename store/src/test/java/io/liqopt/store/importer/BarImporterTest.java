package io.liqopt.store.importer;

import static io.liqopt.core.market.Bars.H;
import static io.liqopt.core.market.Bars.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liqopt.core.market.BarDefect;
import io.liqopt.core.market.BarInterval;
import io.liqopt.core.market.Gap;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BarImporterTest {
  private static final String HEADER = "ts,open,high,low,close,volume,quote_volume\n";

  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  private Path gzip(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return p;
  }

  private Path zip(String name, String entry, String text) throws IOException {
    Path p = dir.resolve(name);
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(p))) {
      out.putNextEntry(new ZipEntry(entry));
      out.write(text.getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    return p;
  }

  private static String plainRow(long ts, double o, double h, double l, double c) {
    return ts + "," + o + "," + h + "," + l + "," + c + ",12.5,1250\n";
  }

  private static String binanceRow(long ts, long unit) {
    long open = ts * unit;
    long close = (ts + H) * unit - 1;
    return open + ",100.0,101.0,99.0,100.5,12.5," + close + ",1256.25,42,6.0,600.0,0\n";
  }

  private static ImportResult read(Path p) throws IOException {
    return BarImporter.DEFAULT.read(p, ImportOptions.DEFAULT);
  }

  @Test
  void plainCsv_gzipped_symbolAndIntervalFromName() throws IOException {
    Path p =
        gzip(
            "BTCUSDT_1h.csv.gz",
            HEADER + plainRow(T0, 100, 101, 99, 100.5) + plainRow(T0 + H, 100.5, 102, 100, 101));
    ImportResult r = read(p);
    assertEquals(ImportFormat.CSV, r.format());
    assertEquals("BTCUSDT", r.series().symbol());
    assertEquals(BarInterval.H1, r.series().interval());
    assertEquals(2, r.series().size());
    assertEquals(101.0, r.series().close(1));
    assertEquals(1250.0, r.series().quoteVolume(0));
  }

  @Test
  void plainCsv_emptyQuoteVolume_isUnknown() throws IOException {
    Path p = write("ETHUSDT_1h.csv", HEADER + T0 + ",1,2,0.5,1.5,3,\n");
    assertTrue(Double.isNaN(read(p).series().quoteVolume(0)));
  }

  @Test
  void plainCsv_malformed_refusedWithFileAndLine_nothingReturned() throws IOException {
    Path p =
        write(
            "BTCUSDT_1h.csv",
            HEADER + plainRow(T0, 100, 101, 99, 100.5) + T0 + H + ",100,abc,99,100,1,1\n");
    ImportException e = assertThrows(ImportException.class, () -> read(p));
    assertTrue(e.getMessage().startsWith(p + ":3: not a number"), e.getMessage());
  }

  @Test
  void plainCsv_invalidBar_messageSaysWhy() throws IOException {
    Path p = write("BTCUSDT_1h.csv", HEADER + plainRow(T0, 100, 101, 100.2, 100.5));
    ImportException e = assertThrows(ImportException.class, () -> read(p));
    assertEquals(p + ":2: low is above open or close", e.getMessage());
  }

  @Test
  void plainCsv_skipInvalid_countsByReason() throws IOException {
    Path p =
        write(
            "BTCUSDT_1h.csv",
            HEADER
                + plainRow(T0, 100, 101, 99, 100.5)
                + plainRow(T0, 100, 101, 99, 100.5) // exact duplicate: dropped, not an error
                + plainRow(T0, 100, 101, 99, 100.7) // conflicting duplicate
                + plainRow(T0 + H, -1, 101, 99, 100.5) // negative price
                + plainRow(T0 + H, 100, 101, 99, Double.NaN) // NaN close
                + "1,2,3\n" // wrong field count
                + plainRow(T0 + 3 * H, 100, 101, 99, 100.5)
                + plainRow(T0 + 2 * H, 100, 101, 99, 100.5)); // out of order
    ImportResult r = BarImporter.DEFAULT.read(p, ImportOptions.DEFAULT.withSkipInvalid(true));
    assertEquals(2, r.series().size());
    assertEquals(8, r.rowsRead());
    assertEquals(1, r.duplicatesDropped());
    assertEquals(1L, r.rejected().get(BarDefect.CONFLICTING_DUPLICATE));
    assertEquals(1L, r.rejected().get(BarDefect.NON_POSITIVE_PRICE));
    assertEquals(1L, r.rejected().get(BarDefect.NON_FINITE_PRICE));
    assertEquals(1L, r.rejected().get(BarDefect.MALFORMED));
    assertEquals(1L, r.rejected().get(BarDefect.OUT_OF_ORDER));
    assertEquals(5, r.rejectedTotal());
    assertTrue(
        r.rejectionExamples().get(0).contains(":4: conflicting duplicate")
            && r.rejectionExamples().get(0).endsWith("(line 2)"),
        r.rejectionExamples().get(0));
    assertEquals(List.of(new Gap(T0, T0 + 3 * H, 2)), r.gaps());
  }

  @Test
  void plainCsv_conflictingDuplicate_strict_namesBothLines() throws IOException {
    Path p =
        write(
            "BTCUSDT_1h.csv",
            HEADER + plainRow(T0, 100, 101, 99, 100.5) + plainRow(T0, 100, 101, 99, 100.6));
    ImportException e = assertThrows(ImportException.class, () -> read(p));
    assertTrue(
        e.getMessage().startsWith(p + ":3: conflicting duplicate")
            && e.getMessage().endsWith("(line 2)"),
        e.getMessage());
  }

  @Test
  void binance_noHeader_milliseconds() throws IOException {
    Path p = write("BTCUSDT-1h-2024-01.csv", binanceRow(T0, 1) + binanceRow(T0 + H, 1));
    ImportResult r = read(p);
    assertEquals(ImportFormat.BINANCE, r.format());
    assertEquals("BTCUSDT", r.series().symbol());
    assertEquals(T0 + H, r.series().openTimeMs(1));
    assertEquals(1256.25, r.series().quoteVolume(0));
  }

  @Test
  void binance_headerAndMicroseconds_convertedToMillis() throws IOException {
    String header =
        "open_time,open,high,low,close,volume,close_time,quote_volume,count,"
            + "taker_buy_volume,taker_buy_quote_volume,ignore\n";
    long t2025 = 1_735_689_600_000L; // 2025-01-01T00:00Z
    Path p =
        write(
            "ETHUSDT-1h-2025-01.csv",
            header + binanceRow(t2025, 1000) + binanceRow(t2025 + H, 1000));
    ImportResult r = read(p);
    assertEquals(t2025, r.series().firstOpenTimeMs());
    assertEquals(t2025 + H, r.series().lastOpenTimeMs());
  }

  @Test
  void binance_zipArchive_read() throws IOException {
    Path p = zip("SOLUSDT-1h-2024-01.zip", "SOLUSDT-1h-2024-01.csv", binanceRow(T0, 1));
    assertEquals(1, read(p).series().size());
  }

  @Test
  void binance_closeTimeDisagreesWithInterval_refused() throws IOException {
    Path p = write("BTCUSDT-1h-2024-01.csv", binanceRow(T0, 1));
    ImportException e =
        assertThrows(
            ImportException.class,
            () -> BarImporter.DEFAULT.read(p, ImportOptions.DEFAULT.withInterval(BarInterval.M15)));
    assertTrue(e.getMessage().contains(":1: close time"), e.getMessage());
  }

  @Test
  void symbol_unknown_askForOption() throws IOException {
    Path p = write("prices.csv", HEADER + plainRow(T0, 100, 101, 99, 100.5));
    ImportException e = assertThrows(ImportException.class, () -> read(p));
    assertTrue(e.getMessage().contains("--symbol"));
    ImportException noInterval =
        assertThrows(
            ImportException.class,
            () -> BarImporter.DEFAULT.read(p, ImportOptions.DEFAULT.withSymbol("XYZ")));
    assertTrue(noInterval.getMessage().contains("--interval"), noInterval.getMessage());
    assertEquals(
        "XYZ",
        BarImporter.DEFAULT
            .read(p, ImportOptions.DEFAULT.withSymbol("XYZ").withInterval(BarInterval.D1))
            .series()
            .symbol());
  }

  @Test
  void unknownLayout_refused() throws IOException {
    Path p = write("BTCUSDT_1h.csv", "a;b;c\n1;2;3\n");
    ImportException e = assertThrows(ImportException.class, () -> read(p));
    assertTrue(e.getMessage().startsWith(p + ":1: unknown layout"), e.getMessage());
  }

  @Test
  void headerOnly_noValidBars() throws IOException {
    Path p = write("BTCUSDT_1h.csv", HEADER);
    ImportException e = assertThrows(ImportException.class, () -> read(p));
    assertTrue(e.getMessage().contains("no valid bars"));
  }

  @Test
  void truncatedGzip_clearError() throws IOException {
    StringBuilder rows = new StringBuilder(HEADER);
    for (int i = 0; i < 200; i++) {
      rows.append(plainRow(T0 + i * H, 100, 101, 99, 100.5));
    }
    byte[] bytes = Files.readAllBytes(gzip("full.gz", rows.toString()));
    Path p = dir.resolve("BTCUSDT_1h.csv.gz");
    Files.write(p, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    ImportException e = assertThrows(ImportException.class, () -> read(p));
    assertTrue(e.getMessage().startsWith(p + ": cannot read"), e.getMessage());
  }

  @Test
  void plainCsv_microAndNanoseconds_convertedToMillis() throws IOException {
    Path p =
        write(
            "BTCUSDT_1h.csv",
            HEADER
                + (T0 * 1000)
                + ",1,2,0.5,1.5,3,4\n"
                + ((T0 + H) * 1_000_000)
                + ",1,2,0.5,1.5,3,4\n");
    ImportResult r = read(p);
    assertEquals(T0, r.series().openTimeMs(0));
    assertEquals(T0 + H, r.series().openTimeMs(1));
  }

  @Test
  void plainCsv_implausibleTime_refused() throws IOException {
    Path p = write("BTCUSDT_1h.csv", HEADER + "3600000,1,2,0.5,1.5,3,4\n");
    ImportException e = assertThrows(ImportException.class, () -> read(p));
    assertTrue(
        e.getMessage().startsWith(p + ":2: time 3600000 is not an epoch time"), e.getMessage());
  }
}

package io.liqopt.store;

import static io.liqopt.core.market.Bars.H;
import static io.liqopt.core.market.Bars.T0;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liqopt.core.AtomicFiles;
import io.liqopt.core.market.BarInterval;
import io.liqopt.core.market.BarSeries;
import io.liqopt.core.market.BarSeriesBuilder;
import io.liqopt.core.market.Bars;
import io.liqopt.store.importer.BarImporter;
import io.liqopt.store.importer.ImportOptions;
import io.liqopt.store.importer.ImportResult;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetBarFileTest {
  @TempDir Path dir;

  @Test
  void roundTrip_bitIdentical_includingUnknownQuoteVolume() throws IOException {
    BarSeriesBuilder b = new BarSeriesBuilder("BTCUSDT", BarInterval.H1);
    BarSeries src = Bars.hourly("BTCUSDT", 500);
    for (int i = 0; i < src.size(); i++) {
      b.append(
          src.openTimeMs(i),
          src.open(i),
          src.high(i),
          src.low(i),
          src.close(i),
          src.volume(i),
          i % 3 == 0 ? Double.NaN : src.quoteVolume(i));
    }
    BarSeries s = b.build();
    MarketStore store = new MarketStore(dir);
    store.write(s, "test");
    BarSeries back = store.read("BTCUSDT", BarInterval.H1);
    assertTrue(back.contentEquals(s));
    Map<String, String> meta = ParquetBarFile.readMetadata(store.pathOf("BTCUSDT", BarInterval.H1));
    assertEquals("BTCUSDT", meta.get(ParquetBarFile.KEY_SYMBOL));
    assertEquals("1h", meta.get(ParquetBarFile.KEY_INTERVAL));
    assertEquals("test", meta.get(ParquetBarFile.KEY_SOURCE));
    assertEquals("500", meta.get(ParquetBarFile.KEY_ROWS));
  }

  @Test
  void write_sameSeries_sameBytes() throws IOException {
    BarSeries s = Bars.hourly("ETHUSDT", 300);
    Path a = dir.resolve("a.parquet");
    Path b = dir.resolve("b.parquet");
    ParquetBarFile.write(s, "x", a);
    ParquetBarFile.write(s, "x", b);
    assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
  }

  @Test
  void write_failureBeforeRename_oldFileIntact_noTempLeft() throws IOException {
    MarketStore store = new MarketStore(dir);
    BarSeries old = Bars.hourly("BTCUSDT", 10);
    store.write(old, "old");
    Path target = store.pathOf("BTCUSDT", BarInterval.H1);
    IOException crash =
        assertThrows(
            IOException.class,
            () ->
                AtomicFiles.write(
                    target,
                    temp ->
                        ParquetBarFile.write(
                            Bars.hourly("BTCUSDT", 20), "new", new LocalOutputFile(temp)),
                    () -> {
                      throw new IOException("simulated crash between temp write and rename");
                    }));
    assertTrue(crash.getMessage().contains("simulated"));
    assertTrue(store.read("BTCUSDT", BarInterval.H1).contentEquals(old));
    try (Stream<Path> files = Files.list(target.getParent())) {
      assertEquals(1, files.count(), "temporary file left behind");
    }
  }

  @Test
  void write_writerFails_oldFileIntact() throws IOException {
    Path target = dir.resolve("f.parquet");
    AtomicFiles.write(target, "old".getBytes());
    assertThrows(
        IOException.class,
        () ->
            AtomicFiles.write(
                target,
                temp -> {
                  Files.writeString(temp, "half");
                  throw new IOException("disk full");
                }));
    assertEquals("old", Files.readString(target));
  }

  @Test
  void read_corruptFile_clearIoError() throws IOException {
    Path p = dir.resolve("BTCUSDT.parquet");
    ParquetBarFile.write(Bars.hourly("BTCUSDT", 100), "x", p);
    byte[] bytes = Files.readAllBytes(p);
    for (int i = 100; i < bytes.length - 200; i++) {
      bytes[i] ^= 0x5a;
    }
    Files.write(p, bytes);
    assertThrows(IOException.class, () -> ParquetBarFile.read(p));
    Files.writeString(p, "not parquet at all");
    IOException e = assertThrows(IOException.class, () -> ParquetBarFile.read(p));
    assertTrue(e.getMessage().contains(p.toString()));
  }

  @Test
  void store_merge_overlappingImportsAndConflictLeavesStoreUntouched() throws IOException {
    MarketStore store = new MarketStore(dir);
    BarSeries all = Bars.hourly("BTCUSDT", 100);
    store.merge(all.slice(T0, T0 + 60 * H), "first");
    var m = store.merge(all.slice(T0 + 50 * H, T0 + 100 * H), "second");
    assertEquals(40, m.added());
    assertEquals(10, m.duplicates());
    assertTrue(store.read("BTCUSDT", BarInterval.H1).contentEquals(all));
    assertEquals(
        "first; second",
        ParquetBarFile.readMetadata(store.pathOf("BTCUSDT", BarInterval.H1))
            .get(ParquetBarFile.KEY_SOURCE));

    BarSeries conflicting = Bars.hourlyFrom("BTCUSDT", T0 + 90 * H, 20, 5.0);
    assertThrows(IllegalArgumentException.class, () -> store.merge(conflicting, "bad"));
    assertTrue(store.read("BTCUSDT", BarInterval.H1).contentEquals(all));
    Files.writeString(store.root().resolve("1h/stray name.parquet"), "not ours");
    assertEquals(1, store.list().size());
  }

  @Test
  void store_symbolThatIsNotAFileName_refused() {
    MarketStore store = new MarketStore(dir);
    assertThrows(IllegalArgumentException.class, () -> store.pathOf("../etc", BarInterval.H1));
    assertThrows(IllegalArgumentException.class, () -> store.pathOf("btc usdt", BarInterval.H1));
  }

  /** A file as another tool writes it: decimals, micros, aliased names, nullable columns. */
  @Test
  void import_foreignParquet_decimalMicrosAliases() throws IOException {
    MessageType schema =
        MessageTypeParser.parseMessageType(
            "message m {"
                + " optional int64 timestamp_open_utc (TIMESTAMP(MICROS,true));"
                + " optional binary symbol (STRING);"
                + " optional fixed_len_byte_array(16) open (DECIMAL(38,8));"
                + " optional fixed_len_byte_array(16) high (DECIMAL(38,8));"
                + " optional fixed_len_byte_array(16) low (DECIMAL(38,8));"
                + " optional double close;"
                + " optional float volume_base;"
                + " optional double quote_volume; }");
    Path p = dir.resolve("foreign.parquet");
    SimpleGroupFactory f = new SimpleGroupFactory(schema);
    try (ParquetWriter<Group> w =
        ExampleParquetWriter.builder(new LocalOutputFile(p))
            .withConf(new PlainParquetConfiguration())
            .withType(schema)
            .withCompressionCodec(CompressionCodecName.SNAPPY)
            .build()) {
      for (int i = 0; i < 3; i++) {
        Group g =
            f.newGroup()
                .append("timestamp_open_utc", (T0 + i * H) * 1000)
                .append("symbol", "LINKUSDT")
                .append("open", dec("10.12345678"))
                .append("high", dec("11.5"))
                .append("low", dec("9.25"))
                .append("close", 10.5)
                .append("volume_base", 2.5f);
        if (i != 1) {
          g.append("quote_volume", 26.25);
        }
        w.write(g);
      }
    }
    ImportResult r =
        BarImporter.DEFAULT.read(
            p, ImportOptions.DEFAULT.withSymbol("LINKUSDT").withInterval(BarInterval.H1));
    BarSeries s = r.series();
    assertEquals(3, s.size());
    assertEquals(T0 + 2 * H, s.lastOpenTimeMs());
    assertEquals(10.12345678, s.open(0));
    assertEquals(9.25, s.low(2));
    assertEquals(2.5, s.volume(1));
    assertTrue(Double.isNaN(s.quoteVolume(1)));
    assertFalse(Double.isNaN(s.quoteVolume(2)));
  }

  private static Binary dec(String v) {
    byte[] unscaled = new BigDecimal(v).setScale(8).unscaledValue().toByteArray();
    byte[] fixed = new byte[16];
    byte pad = (byte) (unscaled[0] < 0 ? -1 : 0);
    java.util.Arrays.fill(fixed, pad);
    System.arraycopy(unscaled, 0, fixed, 16 - unscaled.length, unscaled.length);
    assertEquals(new BigInteger(unscaled), new BigInteger(fixed));
    return Binary.fromConstantByteArray(fixed);
  }
}

package io.liqopt.benchmarks;

import io.liqopt.core.market.BarSeries;
import io.liqopt.store.ParquetBarFile;
import io.liqopt.store.RawBars;
import io.liqopt.store.importer.BarImporter;
import io.liqopt.store.importer.ImportOptions;
import io.liqopt.store.synthetic.SyntheticMarketConfig;
import io.liqopt.store.synthetic.SyntheticMarketGenerator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.parquet.io.LocalOutputFile;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The market-data store on one bar file, every phase in the same run: parsing the gzipped CSV into
 * a validated series (the baseline: what an import costs anyway), encoding the series as Parquet
 * (no fsync), the store's atomic write (encode, fsync, rename), and reading the Parquet back into a
 * validated columnar series. The file is the largest {@code *_1h.csv.gz} of {@code ../shared/data}
 * (BTCUSDT, 48 154 bars), or, when that is absent, a synthetic 5-year hourly series written as the
 * same gzipped CSV. Divide a phase's time by the baseline's for the ratio; {@code bars} is printed
 * at set-up.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DataBench {
  Path csv;
  Path dir;
  Path parquet;
  Path encodeTarget;
  BarSeries series;

  @Setup
  public void load() throws IOException {
    dir = Files.createTempDirectory("liqopt-databench");
    csv = largestSharedFile();
    if (csv == null) {
      csv = dir.resolve("SYNBTCUSDT_1h.csv.gz");
      writeCsv(
          SyntheticMarketGenerator.DEFAULT.generate(SyntheticMarketConfig.defaults(1, 5, 1)).get(0),
          csv);
    }
    series = BarImporter.DEFAULT.read(csv, ImportOptions.DEFAULT).series();
    parquet = dir.resolve("bench.parquet");
    ParquetBarFile.write(series, "bench", parquet);
    encodeTarget = dir.resolve("encode.parquet");
    System.out.printf(
        Locale.ROOT,
        "%nDataBench: %s, %d bars, gzip CSV %d bytes, Parquet %d " + "bytes%n",
        csv,
        series.size(),
        Files.size(csv),
        Files.size(parquet));
  }

  @TearDown
  public void clean() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.toList()) {
        Files.deleteIfExists(f);
      }
    }
    Files.deleteIfExists(dir);
  }

  /** The baseline: gzip CSV to a validated series. */
  @Benchmark
  public BarSeries csvParse() throws IOException {
    return BarImporter.DEFAULT.read(csv, ImportOptions.DEFAULT).series();
  }

  @Benchmark
  public Path parquetEncode() throws IOException {
    Files.deleteIfExists(encodeTarget);
    ParquetBarFile.write(series, "bench", new LocalOutputFile(encodeTarget));
    return encodeTarget;
  }

  @Benchmark
  public Path parquetStoreWrite() throws IOException {
    ParquetBarFile.write(series, "bench", parquet);
    return parquet;
  }

  @Benchmark
  public BarSeries parquetRead() throws IOException {
    RawBars raw = ParquetBarFile.read(parquet);
    return raw.toSeries(series.symbol(), series.interval());
  }

  private static Path largestSharedFile() throws IOException {
    Path shared = Path.of(System.getProperty("liqopt.sharedData", "../shared/data"));
    if (!Files.isDirectory(shared)) {
      return null;
    }
    try (Stream<Path> files = Files.list(shared)) {
      return files
          .filter(f -> f.getFileName().toString().endsWith("_1h.csv.gz"))
          .max(Comparator.comparingLong(f -> f.toFile().length()))
          .orElse(null);
    }
  }

  private static void writeCsv(BarSeries s, Path file) throws IOException {
    try (BufferedWriter w =
        new BufferedWriter(
            new OutputStreamWriter(
                new GZIPOutputStream(Files.newOutputStream(file)), StandardCharsets.UTF_8))) {
      w.write("ts,open,high,low,close,volume,quote_volume\n");
      for (int i = 0; i < s.size(); i++) {
        w.write(
            String.format(
                Locale.ROOT,
                "%d,%s,%s,%s,%s,%s,%s%n",
                s.openTimeMs(i),
                s.open(i),
                s.high(i),
                s.low(i),
                s.close(i),
                s.volume(i),
                s.quoteVolume(i)));
      }
    }
  }
}

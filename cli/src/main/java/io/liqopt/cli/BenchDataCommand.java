package io.liqopt.cli;

import io.liqopt.core.market.BarSeries;
import io.liqopt.store.importer.BarImporter;
import io.liqopt.store.importer.ImportOptions;
import io.liqopt.store.ParquetBarFile;
import io.liqopt.store.RawBars;
import io.liqopt.report.RunReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.parquet.io.LocalOutputFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code liqopt bench data}: CSV parse vs Parquet write vs Parquet read on one file, measured in
 * the same run, in bars per second; and file sizes.
 */
@Command(name = "data", mixinStandardHelpOptions = true,
    description = {"Measure, on one bar file, in the same run: parsing the gzipped CSV into a "
        + "validated series, writing it as Parquet (encode only, and the store's atomic "
        + "write with fsync), and reading the Parquet back into a validated columnar series.",
        "Reports bars/second (median and best of the measured iterations) and ratios."})
final class BenchDataCommand implements Callable<Integer> {
  @Option(names = "--file", paramLabel = "FILE",
      description = "CSV file to measure (default: the largest *_1h.csv.gz in ../shared/data).")
  Path file;

  @Option(names = "--warmup", defaultValue = "5", description = "Warm-up iterations per phase "
      + "(default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--iterations", defaultValue = "15",
      description = "Measured iterations per phase (default: ${DEFAULT-VALUE}).")
  int iterations;

  @Mixin
  ReportsDirOption reports;

  @Spec
  CommandSpec spec;

  /** Median and best of one phase, in seconds per run. */
  record Phase(String name, double medianSeconds, double bestSeconds, double medianBarsPerSecond,
      double bestBarsPerSecond) {
  }

  @FunctionalInterface
  interface Body {
    void run() throws IOException;
  }

  @Override
  public Integer call() throws IOException {
    if (warmup < 0 || iterations < 1) {
      throw new UsageException("--warmup must be >= 0 and --iterations >= 1");
    }
    Path csv = file != null ? file : defaultFile();
    PrintWriter out = spec.commandLine().getOut();
    BarSeries series = BarImporter.DEFAULT.read(csv, ImportOptions.DEFAULT).series();
    int bars = series.size();
    Path tmp = Files.createTempDirectory("liqopt-bench");
    try {
      Path pq = tmp.resolve("bench.parquet");
      ParquetBarFile.write(series, "bench", pq);
      Path encodeTarget = tmp.resolve("encode.parquet");
      long[] sink = new long[1];
      out.printf("file %s: %d bars, %d warm-up + %d measured iterations per phase%n", csv, bars,
          warmup, iterations);
      out.flush();
      List<Phase> phases;
      try (Progress p = Progress.start("bench data", 4L * (warmup + iterations))) {
        phases = List.of(
            measure("csv parse (gzip CSV -> validated series)", bars, p, () ->
                sink[0] += BarImporter.DEFAULT.read(csv, ImportOptions.DEFAULT).series().size()),
            measure("parquet encode (series -> file, no fsync)", bars, p, () ->
                ParquetBarFile.write(series, "bench", new LocalOutputFile(encodeTarget))),
            measure("parquet store write (encode + fsync + rename)", bars, p, () ->
                ParquetBarFile.write(series, "bench", pq)),
            measure("parquet read (file -> validated series)", bars, p, () -> {
              RawBars raw = ParquetBarFile.read(pq);
              sink[0] += BarSeries.adopting(series.symbol(), series.interval(), raw.openTimeMs(),
                  raw.open(), raw.high(), raw.low(), raw.close(), raw.volume(),
                  raw.quoteVolume()).size();
            }));
      }
      Phase parse = phases.get(0);
      Phase read = phases.get(3);
      double ratio = read.medianBarsPerSecond() / parse.medianBarsPerSecond();
      long csvBytes = Files.size(csv);
      long pqBytes = Files.size(pq);
      for (Phase ph : phases) {
        out.printf("%-48s median %12.0f bars/s   best %12.0f bars/s%n", ph.name(),
            ph.medianBarsPerSecond(), ph.bestBarsPerSecond());
      }
      out.printf("parquet read / csv parse (medians): %.1fx%n", ratio);
      out.printf("size: gzip CSV %d bytes, Parquet (ZSTD) %d bytes (%.2fx)%n", csvBytes, pqBytes,
          (double) pqBytes / csvBytes);

      Map<String, Object> metrics = new LinkedHashMap<>();
      metrics.put("file", csv.toString());
      metrics.put("bars", bars);
      metrics.put("warmupIterations", warmup);
      metrics.put("measuredIterations", iterations);
      metrics.put("phases", phases);
      metrics.put("readOverParseRatio", ratio);
      metrics.put("csvGzipBytes", csvBytes);
      metrics.put("parquetBytes", pqBytes);
      metrics.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
      metrics.put("cores", Runtime.getRuntime().availableProcessors());
      RunReport report = RunReport.create(reports.dir, "bench-data", Instant.now());
      report.writeMetrics(metrics);
      StringBuilder html = new StringBuilder("<p>File: <code>" + RunReport.escape(csv.toString())
          + "</code>, " + bars + " bars.</p><table><tr><th>phase</th><th>median bars/s</th>"
          + "<th>best bars/s</th></tr>");
      for (Phase ph : phases) {
        html.append(String.format("<tr><td>%s</td><td>%,.0f</td><td>%,.0f</td></tr>",
            RunReport.escape(ph.name()), ph.medianBarsPerSecond(), ph.bestBarsPerSecond()));
      }
      html.append(String.format("</table><p>Parquet read / CSV parse: <b>%.1f×</b>. "
          + "Sizes: gzip CSV %,d bytes, Parquet %,d bytes.</p>", ratio, csvBytes, pqBytes));
      report.writeHtml("bench data", html.toString());
      out.println("report: " + report.dir().toAbsolutePath().normalize());
      out.flush();
      if (sink[0] == 42) {
        out.println(); // keeps the JIT from discarding the measured work
      }
      return 0;
    } finally {
      try (var files = Files.list(tmp)) {
        for (Path f : files.toList()) {
          Files.deleteIfExists(f);
        }
      }
      Files.deleteIfExists(tmp);
    }
  }

  private Phase measure(String name, int bars, Progress p, Body body) throws IOException {
    for (int i = 0; i < warmup; i++) {
      body.run();
      p.step();
    }
    double[] seconds = new double[iterations];
    for (int i = 0; i < iterations; i++) {
      long t0 = System.nanoTime();
      body.run();
      seconds[i] = (System.nanoTime() - t0) / 1e9;
      p.step();
    }
    Arrays.sort(seconds);
    double median = seconds[iterations / 2];
    double best = seconds[0];
    return new Phase(name, median, best, bars / median, bars / best);
  }

  private static Path defaultFile() throws IOException {
    Path shared = Path.of(System.getProperty("liqopt.sharedData", "../shared/data"));
    if (!Files.isDirectory(shared)) {
      throw new UsageException("no --file given and " + shared.toAbsolutePath().normalize()
          + " does not exist");
    }
    try (var files = Files.list(shared)) {
      return files.filter(f -> f.getFileName().toString().endsWith("_1h.csv.gz"))
          .max((a, b) -> Long.compare(a.toFile().length(), b.toFile().length()))
          .orElseThrow(() -> new UsageException("no *_1h.csv.gz in " + shared));
    }
  }
}

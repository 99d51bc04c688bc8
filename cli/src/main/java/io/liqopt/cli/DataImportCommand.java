package io.liqopt.cli;

import io.liqopt.core.market.BarDefect;
import io.liqopt.core.market.BarInterval;
import io.liqopt.store.MarketStore;
import io.liqopt.store.importer.ImportFormat;
import io.liqopt.store.importer.ImportOptions;
import io.liqopt.store.importer.ImportResult;
import io.liqopt.store.importer.StoreImport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code liqopt data import FILE...}. */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Import bar files into the store, merging with what is there.",
      "Layouts: csv (ts,open,high,low,close,volume,quote_volume), binance (12-column kline CSV, "
          + "ms or µs times), parquet. Plain, .gz or .zip. A bad file stops the import with "
          + "file:line and nothing is written, unless --skip-invalid."
    })
final class DataImportCommand implements Callable<Integer> {
  @Mixin DataDirOption data;

  @Mixin LockTimeoutOption lock;

  @Parameters(paramLabel = "FILE", arity = "1..*", description = "Files to import.")
  List<Path> files;

  @Option(
      names = "--format",
      paramLabel = "F",
      description = "csv, binance or parquet (default: detected).")
  String format;

  @Option(
      names = "--symbol",
      paramLabel = "S",
      description = "Symbol (default: from the file's metadata or name, e.g. BTCUSDT_1h.csv.gz).")
  String symbol;

  @Option(
      names = "--interval",
      paramLabel = "I",
      converter = IntervalConverter.class,
      description = "Bar interval (default: from metadata or name, else 1h).")
  BarInterval interval;

  @Option(
      names = "--skip-invalid",
      description = "Skip bad rows and count them by reason instead of refusing the file.")
  boolean skipInvalid;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    ImportOptions opts;
    try {
      opts =
          new ImportOptions(
              format == null ? null : ImportFormat.parse(format),
              symbol == null ? null : MarketStore.checkSymbol(symbol),
              interval,
              skipInvalid);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    MarketStore store = lock.store(data);
    List<StoreImport.Planned> planned;
    try (Progress p = Progress.start("import", files.size())) {
      planned =
          StoreImport.importFiles(
              store,
              files,
              opts,
              new StoreImport.Listener() {
                @Override
                public void reading(Path file) {
                  p.extra(file.getFileName().toString());
                }

                @Override
                public void read(Path file) {
                  p.step();
                }

                @Override
                public void allRead(List<ImportResult> results) {
                  p.close();
                  results.forEach(r -> printFile(out, r));
                }
              });
    }
    for (StoreImport.Planned p : planned) {
      out.printf(
          "%s %s: +%d bars (%d already stored) -> %d bars in %s%n",
          p.series().symbol(),
          p.series().interval(),
          p.merge().added(),
          p.merge().duplicates(),
          p.series().size(),
          store.pathOf(p.series().symbol(), p.series().interval()));
    }
    out.flush();
    return 0;
  }

  static void printFile(PrintWriter out, ImportResult r) {
    out.printf(
        "%s: %s %s, %d rows, %d bars, %d exact duplicates dropped, %d gaps (%d missing bars)%n",
        r.source(),
        r.series().symbol(),
        r.series().interval(),
        r.rowsRead(),
        r.series().size(),
        r.duplicatesDropped(),
        r.gaps().size(),
        r.gaps().stream().mapToLong(g -> g.missingBars()).sum());
    if (r.rejectedTotal() > 0) {
      out.printf("  skipped %d invalid rows:%n", r.rejectedTotal());
      for (Map.Entry<BarDefect, Long> e : r.rejected().entrySet()) {
        out.printf("    %-22s %d (%s)%n", e.getKey(), e.getValue(), e.getKey().description());
      }
      for (String ex : r.rejectionExamples()) {
        out.println("    e.g. " + ex);
      }
    }
  }
}

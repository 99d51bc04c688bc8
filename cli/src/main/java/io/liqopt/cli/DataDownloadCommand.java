package io.liqopt.cli;

import io.liqopt.core.market.BarInterval;
import io.liqopt.core.market.BarSeries;
import io.liqopt.store.MarketStore;
import io.liqopt.store.binance.BinanceArchiveDownloader;
import io.liqopt.store.binance.BinanceArchiveDownloader.MonthResult;
import io.liqopt.store.binance.BinanceArchiveDownloader.Status;
import io.liqopt.store.importer.BarImporter;
import io.liqopt.store.importer.ImportFormat;
import io.liqopt.store.importer.ImportOptions;
import io.liqopt.store.importer.ImportResult;
import io.liqopt.store.importer.StoreImport;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code liqopt data download}: Binance's public monthly kline archives. */
@Command(
    name = "download",
    mixinStandardHelpOptions = true,
    description = {
      "Download Binance spot monthly kline archives, verify their SHA-256 "
          + "checksums, and import them. Resumes: months already in the store or in the download "
          + "cache are not fetched again. Months the server lacks are reported as gaps."
    })
final class DataDownloadCommand implements Callable<Integer> {
  @Mixin DataDirOption data;

  @Option(names = "--symbol", required = true, paramLabel = "S", description = "e.g. BTCUSDT")
  String symbol;

  @Option(
      names = "--interval",
      paramLabel = "I",
      defaultValue = "1h",
      converter = IntervalConverter.class,
      description = "Bar interval (default: ${DEFAULT-VALUE}).")
  BarInterval interval;

  @Option(names = "--from", required = true, paramLabel = "YYYY-MM", description = "First month.")
  String from;

  @Option(names = "--to", required = true, paramLabel = "YYYY-MM", description = "Last month.")
  String to;

  @Option(
      names = "--base-url",
      paramLabel = "URL",
      defaultValue = "https://data.binance.vision",
      description = "Archive site (default: ${DEFAULT-VALUE}).")
  URI baseUrl;

  @Option(
      names = "--cache",
      paramLabel = "DIR",
      description = "Where verified archives are kept (default: DATA/downloads/binance).")
  Path cache;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    YearMonth first;
    YearMonth last;
    try {
      MarketStore.checkSymbol(symbol);
      first = YearMonth.parse(from);
      last = YearMonth.parse(to);
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw new UsageException(e.getMessage());
    }
    if (first.isAfter(last)) {
      throw new UsageException("--from " + first + " is after --to " + last);
    }
    MarketStore store = data.store();
    Optional<BarSeries> stored = store.readIfPresent(symbol, interval);
    Predicate<YearMonth> alreadyStored = m -> stored.isPresent() && covers(stored.get(), m);
    Path cacheDir = cache != null ? cache : data.dir.resolve("downloads").resolve("binance");
    BinanceArchiveDownloader downloader = new BinanceArchiveDownloader(baseUrl);
    List<MonthResult> results;
    long months = ChronoUnit.MONTHS.between(first, last) + 1;
    try (Progress p = Progress.start("download " + symbol, months)) {
      results =
          downloader.download(
              symbol,
              interval,
              first,
              last,
              cacheDir,
              alreadyStored,
              (r, done, total) -> {
                p.extra(r.month() + " " + r.status());
                p.stepTo(done);
              });
    }
    List<ImportResult> imported = new ArrayList<>();
    ImportOptions opts = new ImportOptions(ImportFormat.BINANCE, symbol, interval, false);
    for (MonthResult r : results) {
      if (r.status() == Status.DOWNLOADED || r.status() == Status.CACHED) {
        imported.add(BarImporter.DEFAULT.read(r.archive(), opts));
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    for (Status s : Status.values()) {
      List<String> ms =
          results.stream().filter(r -> r.status() == s).map(r -> r.month().toString()).toList();
      if (!ms.isEmpty()) {
        out.printf(
            "%-15s %3d  %s%n",
            s.name().toLowerCase().replace('_', ' '),
            ms.size(),
            ms.size() <= 12 ? String.join(" ", ms) : ms.get(0) + " .. " + ms.get(ms.size() - 1));
      }
    }
    if (!imported.isEmpty()) {
      List<StoreImport.Planned> planned = StoreImport.plan(store, imported);
      StoreImport.commit(store, planned);
      for (StoreImport.Planned p : planned) {
        out.printf(
            "%s %s: +%d bars -> %d bars, %d gaps, in %s%n",
            symbol,
            interval,
            p.merge().added(),
            p.series().size(),
            p.series().gaps().size(),
            store.pathOf(symbol, interval));
      }
    }
    out.flush();
    List<MonthResult> failed = results.stream().filter(r -> r.status() == Status.FAILED).toList();
    if (!failed.isEmpty()) {
      throw new IOException(
          failed.size()
              + " month(s) failed, verified months were imported: "
              + failed.stream()
                  .map(r -> r.month() + ": " + r.error())
                  .collect(Collectors.joining("; ")));
    }
    return 0;
  }

  /**
   * True if the stored series holds the month: it has bars in the month, and the series reaches
   * from the month's first bar to its last (short gaps inside are the source's). A month with no
   * stored bar at all (an earlier failure, a missing archive) is fetched again.
   */
  static boolean covers(BarSeries s, YearMonth m) {
    long start = m.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
    long end = m.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
    int i = s.indexAtOrAfter(start);
    boolean hasBarsInMonth = i < s.size() && s.openTimeMs(i) < end;
    return hasBarsInMonth
        && s.firstOpenTimeMs() <= start
        && s.lastOpenTimeMs() >= end - s.interval().millis();
  }
}

package io.liqopt.cli;

import io.liqopt.core.market.BarInterval;
import io.liqopt.store.MarketStore;
import io.liqopt.store.binance.BinanceArchiveDownloader.MonthResult;
import io.liqopt.store.binance.BinanceArchiveDownloader.Status;
import io.liqopt.store.binance.BinanceMonthlyImport;
import io.liqopt.store.importer.StoreImport;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
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

  @Mixin LockTimeoutOption lock;

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
    MarketStore store = lock.store(data);
    Path cacheDir = cache != null ? cache : data.dir.resolve("downloads").resolve("binance");
    PrintWriter out = spec.commandLine().getOut();
    BinanceMonthlyImport.Result result;
    long months = ChronoUnit.MONTHS.between(first, last) + 1;
    try (Progress p = Progress.start("download " + symbol, months)) {
      result =
          BinanceMonthlyImport.run(
              store,
              symbol,
              interval,
              first,
              last,
              baseUrl,
              cacheDir,
              new BinanceMonthlyImport.Listener() {
                @Override
                public void monthDone(MonthResult r, int done, int total) {
                  p.extra(r.month() + " " + r.status());
                  p.stepTo(done);
                }

                @Override
                public void downloaded() {
                  p.close();
                }

                @Override
                public void beforeImport(List<MonthResult> results) {
                  printMonths(out, results);
                }
              });
    }
    for (StoreImport.Planned p : result.planned()) {
      out.printf(
          "%s %s: +%d bars -> %d bars, %d gaps, in %s%n",
          symbol,
          interval,
          p.merge().added(),
          p.series().size(),
          p.series().gaps().size(),
          store.pathOf(symbol, interval));
    }
    out.flush();
    List<MonthResult> failed = result.failed();
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

  /** Per status, the months that had it. */
  private static void printMonths(PrintWriter out, List<MonthResult> results) {
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
  }
}

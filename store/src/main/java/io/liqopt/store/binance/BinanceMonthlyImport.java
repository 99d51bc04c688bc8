package io.liqopt.store.binance;

import io.liqopt.core.market.BarInterval;
import io.liqopt.core.market.BarSeries;
import io.liqopt.store.MarketStore;
import io.liqopt.store.binance.BinanceArchiveDownloader.MonthResult;
import io.liqopt.store.binance.BinanceArchiveDownloader.Status;
import io.liqopt.store.importer.BarImporter;
import io.liqopt.store.importer.ImportFormat;
import io.liqopt.store.importer.ImportOptions;
import io.liqopt.store.importer.ImportResult;
import io.liqopt.store.importer.StoreImport;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * {@code liqopt data download} as a library call: fetches the monthly archives of one symbol that
 * the store does not already hold (see {@link #covers}), reads the verified ones and merges them
 * into the store. A failed month does not stop the others; the caller decides what it means.
 */
public final class BinanceMonthlyImport {

  /** What a run tells as it goes; besides each month, every method does nothing by default. */
  public interface Listener extends BinanceArchiveDownloader.Listener {
    /** Every month fetched, skipped or failed; the archives are read next. */
    default void downloaded() {}

    /** The archives read, before anything is planned or written. */
    default void beforeImport(List<MonthResult> months) {}
  }

  /**
   * What a run did.
   *
   * @param months every month's outcome, in order
   * @param planned the series written (empty when no archive was fetched)
   */
  public record Result(List<MonthResult> months, List<StoreImport.Planned> planned) {
    public Result {
      months = List.copyOf(months);
      planned = List.copyOf(planned);
    }

    /** The months that failed. */
    public List<MonthResult> failed() {
      return months.stream().filter(r -> r.status() == Status.FAILED).toList();
    }
  }

  private BinanceMonthlyImport() {}

  /**
   * Downloads the months [{@code first}, {@code last}] of {@code symbol} from {@code baseUrl}
   * (verified archives kept in {@code cacheDir}), skipping the months the store already covers, and
   * merges the downloaded and cached ones into {@code store}.
   */
  public static Result run(
      MarketStore store,
      String symbol,
      BarInterval interval,
      YearMonth first,
      YearMonth last,
      URI baseUrl,
      Path cacheDir,
      Listener listener)
      throws IOException {
    Optional<BarSeries> stored = store.readIfPresent(symbol, interval);
    Predicate<YearMonth> alreadyStored = m -> stored.isPresent() && covers(stored.get(), m);
    List<MonthResult> results =
        new BinanceArchiveDownloader(baseUrl)
            .download(symbol, interval, first, last, cacheDir, alreadyStored, listener);
    listener.downloaded();
    List<ImportResult> imported = new ArrayList<>();
    ImportOptions opts = new ImportOptions(ImportFormat.BINANCE, symbol, interval, false);
    for (MonthResult r : results) {
      if (r.status() == Status.DOWNLOADED || r.status() == Status.CACHED) {
        imported.add(BarImporter.DEFAULT.read(r.archive(), opts));
      }
    }
    listener.beforeImport(results);
    List<StoreImport.Planned> planned = List.of();
    if (!imported.isEmpty()) {
      planned = StoreImport.planAndCommit(store, imported);
    }
    return new Result(results, planned);
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

package io.liqopt.store.importer;

import io.liqopt.core.market.BarInterval;
import io.liqopt.core.market.BarRejectedException;
import io.liqopt.core.market.BarSeries;
import io.liqopt.core.market.SeriesMerge;
import io.liqopt.store.MarketStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges the results of several imported files into the store: files of the same symbol and
 * interval are merged in memory, then with the stored series, and only when every series merged
 * cleanly is anything written. Files are read without the store's lock; the plan and its commit run
 * under it ({@link #planAndCommit}), so no other writer changes a series between the two. Each
 * series file is replaced atomically; the set is not: an I/O failure while writing the second
 * series (a full disk) leaves the first one written, which is harmless because re-running the
 * import is idempotent.
 */
public final class StoreImport {
  private StoreImport() {}

  /** What {@link #importFiles} tells as it goes; every method does nothing by default. */
  public interface Listener {
    /** Before reading {@code file}. */
    default void reading(Path file) {}

    /** After reading {@code file}. */
    default void read(Path file) {}

    /** Every file read, before anything is planned or written. */
    default void allRead(List<ImportResult> results) {}
  }

  /**
   * {@code liqopt data import} as a library call: reads {@code files} with {@link
   * BarImporter#DEFAULT}, then plans and commits them into {@code store} (see {@link #plan}).
   *
   * @return the series written
   * @throws ImportException on a bad file (nothing read is written) or a conflict (see {@link
   *     #plan})
   * @throws io.liqopt.store.StoreLockedException when another writer holds the store's lock past
   *     its timeout; nothing is written
   */
  public static List<Planned> importFiles(
      MarketStore store, List<Path> files, ImportOptions options, Listener listener)
      throws IOException {
    List<ImportResult> results = new ArrayList<>();
    for (Path f : files) {
      listener.reading(f);
      results.add(BarImporter.DEFAULT.read(f, options));
      listener.read(f);
    }
    listener.allRead(results);
    return planAndCommit(store, results);
  }

  /**
   * Plans the import of {@code results} and commits it, holding the store's lock across both.
   *
   * @return the series written
   * @throws ImportException on a conflict (see {@link #plan}); nothing is written
   * @throws io.liqopt.store.StoreLockedException when another writer holds the store's lock past
   *     its timeout; nothing is written
   */
  public static List<Planned> planAndCommit(MarketStore store, List<ImportResult> results)
      throws IOException {
    return store.locked(
        () -> {
          List<Planned> planned = plan(store, results);
          commit(store, planned);
          return planned;
        });
  }

  /**
   * One series about to be written.
   *
   * @param merge the merge with what was stored
   * @param source the files it came from
   */
  public record Planned(SeriesMerge merge, String source) {
    public BarSeries series() {
      return merge.series();
    }
  }

  /**
   * Plans the import of {@code results}. To commit the plan, use {@link #planAndCommit}.
   *
   * @throws ImportException on a conflicting duplicate between files or with the store; nothing has
   *     been written then
   */
  public static List<Planned> plan(MarketStore store, List<ImportResult> results)
      throws IOException {
    record Key(String symbol, BarInterval interval) {}
    Map<Key, BarSeries> combined = new LinkedHashMap<>();
    Map<Key, List<String>> sources = new LinkedHashMap<>();
    for (ImportResult r : results) {
      Key k = new Key(r.series().symbol(), r.series().interval());
      BarSeries before = combined.get(k);
      try {
        combined.put(k, before == null ? r.series() : SeriesMerge.of(before, r.series()).series());
      } catch (BarRejectedException e) {
        throw new ImportException(
            r.source() + " conflicts with " + sources.get(k) + ": " + e.getMessage(), e);
      }
      sources.computeIfAbsent(k, x -> new ArrayList<>()).add(r.source());
    }
    List<Planned> planned = new ArrayList<>();
    for (Map.Entry<Key, BarSeries> e : combined.entrySet()) {
      String source = String.join(", ", sources.get(e.getKey()));
      try {
        planned.add(new Planned(store.planMerge(e.getValue()), source));
      } catch (BarRejectedException ex) {
        throw new ImportException(
            source
                + " conflicts with the stored "
                + e.getKey().symbol()
                + " "
                + e.getKey().interval()
                + ": "
                + ex.getMessage(),
            ex);
      }
    }
    return planned;
  }

  /** Writes planned series; the caller holds the store's lock since it planned them. */
  private static void commit(MarketStore store, List<Planned> planned) throws IOException {
    for (Planned p : planned) {
      store.commit(p.merge(), p.source());
    }
  }
}

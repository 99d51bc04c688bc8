package io.liqopt.serving.wal;

import io.liqopt.core.CrashPoints;
import io.liqopt.core.market.BarInterval;
import io.liqopt.core.market.BarRejectedException;
import io.liqopt.core.market.BarSeries;
import io.liqopt.core.market.SeriesMerge;
import io.liqopt.store.MarketStore;
import io.liqopt.store.StoreLockedException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Moves sealed segments into the Parquet store: seal, read, merge per symbol+interval into
 * MarketStore (SeriesMerge; identical duplicates are fine — a crash after the store write but
 * before the delete replays bars already stored), then delete.
 *
 * <p>Every series is checked against the store before any is written, so a conflicting bar (same
 * open time, different values) or a bar off the stored grid fails the compaction with an {@link
 * IOException} and changes nothing: the segments stay in the log until an operator acts. The check
 * and the writes hold the store's lock ({@link MarketStore#locked}), so a {@code liqopt data}
 * command writing the same store meanwhile neither loses nor overwrites the compacted bars; when
 * another writer holds it past its timeout, the compaction fails with a {@link
 * StoreLockedException} and the segments wait for the next one.
 *
 * <p>Thread-safe: compactions are serialised; appends to the log go on meanwhile. Use one compactor
 * per log.
 */
public final class LogCompactor {
  /** The source recorded in the store's file metadata. */
  static final String SOURCE = "bar-log";

  private final BarLog log;
  private final MarketStore store;

  public LogCompactor(BarLog log, MarketStore store) {
    this.log = Objects.requireNonNull(log, "log");
    this.store = Objects.requireNonNull(store, "store");
  }

  /**
   * What one compaction moved.
   *
   * @param segments sealed segments compacted and deleted
   * @param bars bars read from them (bars already in the store included)
   * @param symbols distinct symbols among them
   */
  public record Result(int segments, long bars, int symbols) {}

  /**
   * Seals the active segment and moves every sealed segment into the store.
   *
   * @throws IOException when a segment is corrupt, its bars conflict with each other or with the
   *     store, the store's lock is held by another writer past its timeout ({@link
   *     StoreLockedException}) or the store cannot be written; the segments are then kept
   */
  public synchronized Result compact() throws IOException {
    List<Path> sealed = log.seal();
    if (sealed.isEmpty()) {
      return new Result(0, 0, 0);
    }
    Map<Key, List<BarSeries>> byKey = new LinkedHashMap<>();
    long bars = 0;
    for (BarSeries batch : BarLog.read(sealed)) {
      byKey
          .computeIfAbsent(new Key(batch.symbol(), batch.interval()), k -> new ArrayList<>())
          .add(batch);
      bars += batch.size();
    }
    store.locked(
        () -> {
          for (SeriesMerge plan : plan(byKey, sealed)) {
            store.commit(plan, SOURCE);
          }
          return null;
        });
    CrashPoints.reach(CrashPoints.COMPACTION_STORED);
    log.delete(sealed);
    int symbols = (int) byKey.keySet().stream().map(Key::symbol).distinct().count();
    return new Result(sealed.size(), bars, symbols);
  }

  /**
   * The compaction at start: as {@link #compact}, told to {@code progress}, except that a store
   * locked by another writer past the timeout only defers it to the next compaction (the log has
   * been replayed, so the service holds its bars meanwhile).
   */
  public void compactAtStart(Consumer<String> progress) throws IOException {
    try {
      Result r = compact();
      if (r.bars() > 0) {
        progress.accept("compacted " + r.bars() + " logged bars into the store");
      }
    } catch (StoreLockedException e) {
      progress.accept("log compaction deferred: " + e.getMessage());
    }
  }

  /** Every series merged with the store, checked before any is written. Under the store's lock. */
  private List<SeriesMerge> plan(Map<Key, List<BarSeries>> byKey, List<Path> sealed)
      throws IOException {
    List<SeriesMerge> plans = new ArrayList<>();
    for (Map.Entry<Key, List<BarSeries>> e : byKey.entrySet()) {
      try {
        BarSeries merged = mergeAll(e.getValue(), 0, e.getValue().size());
        plans.add(store.planMerge(merged));
      } catch (BarRejectedException ex) {
        throw new IOException(
            "cannot compact " + e.getKey() + " from " + sealed + ": " + ex.getMessage(), ex);
      }
    }
    return plans;
  }

  /** Merges batches [from, to) pairwise, so n bars in b batches cost O(n log b), not O(n b). */
  private static BarSeries mergeAll(List<BarSeries> batches, int from, int to) {
    if (to - from == 1) {
      return batches.get(from);
    }
    int mid = (from + to) >>> 1;
    return SeriesMerge.of(mergeAll(batches, from, mid), mergeAll(batches, mid, to)).series();
  }

  private record Key(String symbol, BarInterval interval) {
    @Override
    public String toString() {
      return symbol + " " + interval;
    }
  }
}

package io.liqopt.serving.state;

import io.liqopt.core.market.Bar;
import io.liqopt.core.market.BarInterval;
import io.liqopt.core.market.BarSeries;
import io.liqopt.core.market.SeriesMerge;
import io.liqopt.serving.wal.BarLog;
import io.liqopt.store.HourlyMarket;
import io.liqopt.store.MarketStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The recent bars of every held asset, by symbol, each trimmed to the last {@code historyDays} (the
 * features need 30): what the engine forecasts from. It checks ingested bars against them before
 * anything is logged. Not thread-safe: guarded by the engine's lock.
 */
final class MarketWindows {
  private static final long HOUR_MS = 3_600_000L;

  private final int historyDays;
  private final Map<String, BarSeries> windows = new TreeMap<>();

  MarketWindows(int historyDays) {
    this.historyDays = historyDays;
  }

  /**
   * Every hourly series of the store, by symbol.
   *
   * @throws IllegalStateException when the store holds no hourly series
   */
  static Map<String, BarSeries> read(MarketStore store) throws IOException {
    Map<String, BarSeries> full = new TreeMap<>();
    for (MarketStore.Entry e : store.list()) {
      if (e.interval() == BarInterval.H1) {
        full.put(e.symbol(), store.read(e.symbol(), BarInterval.H1));
      }
    }
    if (full.isEmpty()) {
      throw new IllegalStateException(
          "no hourly series in "
              + store.root()
              + ": run 'liqopt data generate' or 'liqopt data import' first");
    }
    return full;
  }

  /**
   * Merges the write-ahead log's batches (acknowledged, not yet compacted into the store) into
   * {@code full} and reports the replay to {@code progress}.
   */
  static void replay(BarLog log, Map<String, BarSeries> full, Path root, Consumer<String> progress)
      throws IOException {
    BarLog.Replay replay = log.replay();
    for (BarSeries batch : replay.batches()) {
      BarSeries base = full.get(batch.symbol());
      full.put(batch.symbol(), base == null ? batch : SeriesMerge.of(base, batch).series());
    }
    progress.accept(
        String.format(
            "market: %d assets from %s; write-ahead log replayed: %d " + "records, %d bars%s",
            full.size(),
            root,
            replay.records(),
            replay.bars(),
            replay.truncatedBytes() > 0
                ? " (a torn last record of "
                    + replay.truncatedBytes()
                    + " bytes, never acknowledged, was cut)"
                : ""));
  }

  /**
   * The market factor: {@code configured}, else the first symbol containing BTC, else the first.
   *
   * @throws IllegalStateException when it is not held
   */
  static String factor(String configured, Map<String, BarSeries> full, Path root) {
    String factor = HourlyMarket.factorName(configured, full.keySet());
    if (!full.containsKey(factor)) {
      throw new IllegalStateException("the market factor " + factor + " is not in " + root);
    }
    return factor;
  }

  /** Holds {@code series}, trimmed, as {@code symbol}'s window. */
  void put(String symbol, BarSeries series) {
    windows.put(symbol, trim(series));
  }

  /** Merges the checked {@code batch} into its symbol's window. */
  void merge(BarSeries batch) {
    put(batch.symbol(), SeriesMerge.of(windows.get(batch.symbol()), batch).series());
  }

  BarSeries get(String symbol) {
    return windows.get(symbol);
  }

  /** The held symbols, sorted (a live view). */
  Set<String> symbols() {
    return windows.keySet();
  }

  /** The windows by symbol, sorted (a live view). */
  Map<String, BarSeries> bySymbol() {
    return windows;
  }

  /** A copy of every window. */
  List<BarSeries> copy() {
    return new ArrayList<>(windows.values());
  }

  /** The close of the newest bar held, UTC epoch ms. */
  long newestCloseMs() {
    long newest = Long.MIN_VALUE;
    for (BarSeries s : windows.values()) {
      newest = Math.max(newest, s.lastOpenTimeMs() + HOUR_MS);
    }
    return newest;
  }

  /**
   * Checks ingested bars against the windows: every symbol held, no bar at or before a held bar.
   *
   * @throws IngestRejected listing every unknown symbol and every conflicting bar
   */
  void checkIngest(Collection<BarSeries> batches) {
    List<String> unknown = new ArrayList<>();
    List<IngestRejected.Conflict> conflicts = new ArrayList<>();
    for (BarSeries batch : batches) {
      BarSeries held = windows.get(batch.symbol());
      if (held == null) {
        unknown.add(batch.symbol());
        continue;
      }
      conflicts.addAll(conflicts(held, batch));
    }
    if (!unknown.isEmpty() || !conflicts.isEmpty()) {
      throw new IngestRejected(unknown, conflicts);
    }
  }

  private static List<IngestRejected.Conflict> conflicts(BarSeries held, BarSeries batch) {
    List<IngestRejected.Conflict> out = new ArrayList<>();
    long last = held.lastOpenTimeMs();
    for (int j = 0; j < batch.size(); j++) {
      long t = batch.openTimeMs(j);
      if (t > last) {
        break;
      }
      int i = held.indexAtOrAfter(t);
      Instant at = Instant.ofEpochMilli(t);
      if (i < held.size() && held.openTimeMs(i) == t) {
        Bar stored = held.bar(i);
        Bar incoming = batch.bar(j);
        out.add(
            stored.equals(incoming)
                ? new IngestRejected.Conflict(
                    batch.symbol(),
                    j,
                    t,
                    "duplicate",
                    "the bar at " + at + " is already stored with the same values")
                : new IngestRejected.Conflict(
                    batch.symbol(),
                    j,
                    t,
                    "conflict",
                    "the bar at "
                        + at
                        + " is already stored with other values: stored "
                        + stored
                        + ", sent "
                        + incoming));
      } else {
        out.add(
            new IngestRejected.Conflict(
                batch.symbol(),
                j,
                t,
                "out-of-order",
                "the bar at "
                    + at
                    + " is before the last stored bar ("
                    + Instant.ofEpochMilli(last)
                    + "); bars must be sent in time order"));
      }
    }
    return out;
  }

  private BarSeries trim(BarSeries s) {
    long from = s.lastOpenTimeMs() + HOUR_MS - historyDays * 24L * HOUR_MS;
    return s.firstOpenTimeMs() >= from ? s : s.slice(from, Long.MAX_VALUE);
  }
}

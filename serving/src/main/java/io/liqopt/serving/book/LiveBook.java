package io.liqopt.serving.book;

import io.liqopt.core.position.BookInput;
import io.liqopt.core.position.CollateralHolding;
import io.liqopt.core.position.Position;
import io.liqopt.core.position.PositionBook;
import io.liqopt.serving.feeds.LivePrices;
import io.liqopt.serving.state.AssetView;
import io.liqopt.serving.state.ServingState;
import io.liqopt.serving.state.ThresholdEngine;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The service's position book: a {@link PositionBook} under one lock, persisted by a {@link
 * PositionLog}, and kept current. The weighted price of asset j is w<sub>j</sub> =
 * P<sub>j</sub>·LT<sub>j</sub>, with P<sub>j</sub> its live guarded price ({@link LivePrices}), or
 * its last bar's close while it has none, and LT<sub>j</sub> the liquidation threshold the engine
 * serves (its governed thresholds); every live price change ({@link #onPrice}) and every snapshot
 * the engine publishes ({@link #onState}: new thresholds, new bars) moves the weighted prices that
 * changed, and the book re-evaluates only the positions whose state that can change.
 *
 * <p>Writes are serialised: checked against the book, appended to the log (fsynced), then applied;
 * reads and price updates wait only for the apply. An asset without thresholds yet counts at LT
 * {@value #NO_LT} (its collateral is worth nothing to the book) and new positions in it are refused
 * until it has some. Snapshots ({@link BookSnapshots}) and the index's rebases ({@link
 * BookRebases}) run in the background. Thread-safe.
 */
public final class LiveBook implements AutoCloseable {
  /** The LT counted for an asset without thresholds: its collateral counts for (almost) nothing. */
  public static final double NO_LT = 1e-9;

  private final Object writes = new Object();
  private final Object lock = new Object();
  private final PositionLog log;
  private final BookSnapshots snapshots;
  private final PositionBook book;
  private final BookRebases rebases;
  private final int maxPositions;
  private final String[] assets;
  private final Map<String, Integer> index = new HashMap<>();
  // guarded by lock
  private final double[] close;
  private final double[] live;
  private final double[] lt;
  private final double[] weighted;
  private final List<Consumer<PositionBook.Changes>> listeners = new CopyOnWriteArrayList<>();

  private LiveBook(PositionLog log, BookOptions options, ServingState state) {
    this.log = log;
    this.maxPositions = options.maxPositions();
    this.assets = state.assets().keySet().toArray(new String[0]);
    int n = assets.length;
    close = new double[n];
    live = new double[n];
    lt = new double[n];
    weighted = new double[n];
    Arrays.fill(live, Double.NaN);
    Arrays.fill(lt, Double.NaN);
    for (int j = 0; j < n; j++) {
      index.put(assets[j], j);
      take(j, state.assets().get(assets[j]));
      weighted[j] = weight(j);
    }
    this.book = new PositionBook(List.of(assets), weighted, maxPositions);
    this.rebases = new BookRebases(book, lock);
    this.snapshots = new BookSnapshots(log, book, writes, lock, options);
  }

  /**
   * Opens the book in {@code dir} over the assets of {@code state} (their closes and thresholds the
   * first prices): loads the snapshot and replays the log.
   *
   * @throws IOException in one line naming the file and offset when the book cannot be loaded
   */
  public static LiveBook open(
      Path dir, BookOptions options, ServingState state, Consumer<String> progress)
      throws IOException {
    long t0 = System.nanoTime();
    PositionLog log = PositionLog.open(dir);
    try {
      LiveBook b = new LiveBook(log, options, state);
      PositionLog.Recovery r = log.recover(b.book);
      b.book.rebase();
      progress.accept(
          String.format(
              "position book: %d positions (%d from the snapshot, %d log records, %d torn bytes"
                  + " cut) in %d ms",
              b.book.size(),
              r.snapshotPositions(),
              r.records(),
              r.tornBytes(),
              (System.nanoTime() - t0) / 1_000_000));
      b.snapshots.start();
      return b;
    } catch (IOException | RuntimeException e) {
      log.close();
      throw e;
    }
  }

  /**
   * Opens the book in {@code DATA/state/book/} over the engine's assets and keeps it current: the
   * engine's snapshots (thresholds, closes) and, when on, the live prices.
   *
   * @param live the live prices, or null when off
   */
  public static LiveBook start(
      Path dataDir,
      BookOptions options,
      ThresholdEngine engine,
      LivePrices live,
      Consumer<String> progress)
      throws IOException {
    Path dir = dataDir.resolve("state").resolve("book");
    LiveBook b = open(dir, options, engine.state(), progress);
    engine.onPublishChange((before, after) -> b.onState(after));
    b.onState(engine.state()); // a snapshot published before the listener was added
    if (live != null) {
      b.follow(live);
    }
    return b;
  }

  /** Follows {@code prices}: each asset's live guarded price replaces its bar close. */
  public void follow(LivePrices prices) {
    prices.addListener(this::onPrice);
    for (LivePrices.AssetPrice a : prices.prices()) {
      onPrice(new LivePrices.Change(a.symbol(), a.price(), a.stale(), "start", a.priceMs(), false));
    }
  }

  /** A live price change. */
  public void onPrice(LivePrices.Change c) {
    Integer j = index.get(c.symbol());
    if (j == null || !(c.price() > 0) || !Double.isFinite(c.price())) {
      return;
    }
    synchronized (lock) {
      live[j] = c.price();
      if (moveWeight(j)) {
        tell(book.update(assets[j], weighted[j]));
        rebases.whenDue();
      }
    }
  }

  /** A snapshot the engine published: each asset's last close and the LT in force. */
  public void onState(ServingState s) {
    synchronized (lock) {
      boolean moved = false;
      for (int j = 0; j < assets.length; j++) {
        take(j, s.assets().get(assets[j]));
        moved |= moveWeight(j);
      }
      if (moved) {
        tell(book.update(weighted)); // once for all: one evaluation, one event per direction
        rebases.whenDue();
      }
    }
  }

  /** Tells {@code listener} of every change of the liquidatable set (under the book's lock). */
  public void addListener(Consumer<PositionBook.Changes> listener) {
    listeners.add(listener);
  }

  /** Whether {@code symbol} is one of the book's assets. */
  public boolean holds(String symbol) {
    return index.containsKey(symbol);
  }

  /** Whether {@code symbol} has a liquidation threshold (new positions in it are accepted). */
  public boolean hasThreshold(String symbol) {
    Integer j = index.get(symbol);
    synchronized (lock) {
      return j != null && Double.isFinite(lt[j]);
    }
  }

  /** The most positions the book holds. */
  public int maxPositions() {
    return maxPositions;
  }

  /**
   * Creates or replaces {@code id} at {@code version}: refused (STALE_VERSION, nothing written)
   * when the book holds this or a newer version; else logged (fsynced), then applied.
   *
   * @throws IllegalArgumentException naming a bad field or an asset the book does not hold
   * @throws IllegalStateException when the book is full
   * @throws IOException when the write may not be durable (not applied)
   */
  public BookViews.Written put(
      String id, long version, List<String> symbols, double[] quantities, double debtQuote)
      throws IOException {
    BookInput.assetIndexes(id, symbols, quantities, debtQuote, index);
    synchronized (writes) {
      long held;
      int size;
      synchronized (lock) {
        held = book.version(id);
        size = book.size();
      }
      if (held >= version) {
        return new BookViews.Written(PositionBook.Write.STALE_VERSION, held, Double.NaN, false);
      }
      if (held < 0 && size >= maxPositions) {
        throw new IllegalStateException("the book is full: " + maxPositions + " positions");
      }
      log.put(id, version, symbols, quantities, debtQuote);
      BookViews.Written w;
      synchronized (lock) {
        PositionBook.Write done = book.put(id, version, symbols, quantities, debtQuote);
        w = new BookViews.Written(done, version, book.healthFactor(id), book.isLiquidatable(id));
        rebases.whenDue();
      }
      snapshots.wrote();
      return w;
    }
  }

  /**
   * Removes {@code id}: logged (fsynced), then applied.
   *
   * @return the version removed, or -1 when the book did not hold it (nothing written)
   * @throws IOException when the write may not be durable (not applied)
   */
  public long remove(String id) throws IOException {
    synchronized (writes) {
      long held;
      synchronized (lock) {
        held = book.version(id);
      }
      if (held < 0) {
        return -1;
      }
      log.remove(id);
      synchronized (lock) {
        book.remove(id);
        rebases.whenDue();
      }
      snapshots.wrote();
      return held;
    }
  }

  /** Position {@code id} now, or null when the book does not hold it. */
  public BookViews.View position(String id) {
    synchronized (lock) {
      long[] version = new long[1];
      Position p = read(id, version);
      if (p == null) {
        return null;
      }
      List<BookViews.Holding> holdings = new ArrayList<>();
      double value = 0;
      for (CollateralHolding h : p.collateral()) {
        holdings.add(
            new BookViews.Holding(
                h.symbol(), h.quantity(), h.priceQuote(), lt[index.get(h.symbol())]));
        value += h.valueQuote();
      }
      return new BookViews.View(
          id,
          version[0],
          book.healthFactor(id),
          book.isLiquidatable(id),
          value,
          p.debtQuote(),
          holdings);
    }
  }

  /**
   * Position {@code id} valued at the book's prices (its version into {@code version}), or null.
   */
  private Position read(String id, long[] version) {
    List<CollateralHolding> holdings = new ArrayList<>();
    double[] debt = new double[1];
    boolean held =
        book.stored(
            id,
            (i, v, a, q, d) -> {
              version[0] = v;
              debt[0] = d;
              for (int k = 0; k < a.length; k++) {
                holdings.add(new CollateralHolding(assets[a[k]], q[k], price(a[k])));
              }
            });
    return held ? new Position(id, holdings, BookViews.DEBT_ASSET, debt[0]) : null;
  }

  /** The book by health-factor bucket, and its liquidation cliff. */
  public BookSummary summary() {
    BookSummary.Builder b = new BookSummary.Builder();
    synchronized (lock) {
      double[] prices = new double[assets.length];
      for (int j = 0; j < prices.length; j++) {
        prices[j] = price(j);
      }
      book.forEach(prices, b::add);
    }
    return b.build();
  }

  /**
   * The liquidatable positions now (at most {@code max}: the work is bounded before it is done),
   * valued at the book's prices, and how many are liquidatable in all.
   */
  public BookViews.Liquidatable liquidatable(int max) {
    synchronized (lock) {
      List<Position> out = new ArrayList<>();
      long[] version = new long[1];
      for (String id : book.liquidatable(max)) {
        out.add(read(id, version));
      }
      return new BookViews.Liquidatable(book.liquidatableCount(), out);
    }
  }

  /** Positions held. */
  public int size() {
    synchronized (lock) {
      return book.size();
    }
  }

  /**
   * The index's rebases installed since the start (not the one at opening), and their time (ns).
   */
  public long[] rebases() {
    return rebases.installed();
  }

  /** Takes a snapshot now (and restarts the log); see {@link BookSnapshots#take}. */
  public void snapshot() throws IOException {
    snapshots.take();
  }

  /** The last failure of a background snapshot, or null when the last one worked. */
  public String lastSnapshotError() {
    return snapshots.lastError();
  }

  /** Stops the background snapshots, takes a last one when the log holds anything, closes. */
  @Override
  public void close() throws IOException {
    rebases.close();
    try {
      snapshots.close();
    } finally {
      log.close();
    }
  }

  /** Asset j's close and LT from {@code v} (the LT kept when it has none now). Under the lock. */
  private void take(int j, AssetView v) {
    if (v == null) {
      return;
    }
    close[j] = v.price();
    if (v.governed() != null) {
      lt[j] = v.governed().lt();
    }
  }

  /** Asset j's weighted price from its price and LT, when usable and changed; whether it moved. */
  private boolean moveWeight(int j) {
    double w = weight(j);
    if (!(w > 0) || !Double.isFinite(w) || Double.compare(w, weighted[j]) == 0) {
      return false;
    }
    weighted[j] = w;
    return true;
  }

  private void tell(PositionBook.Changes c) {
    if (!c.entered().isEmpty() || !c.left().isEmpty()) {
      for (Consumer<PositionBook.Changes> l : listeners) {
        l.accept(c);
      }
    }
  }

  private double weight(int j) {
    return price(j) * (Double.isFinite(lt[j]) ? lt[j] : NO_LT);
  }

  private double price(int j) {
    return Double.isFinite(live[j]) ? live[j] : close[j];
  }
}

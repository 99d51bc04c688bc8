package io.liqopt.serving.feeds;

import io.liqopt.core.market.BarSeries;
import io.liqopt.core.policy.LivePriceGuard;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The live prices of the held assets: every quote through its asset's {@link LivePriceGuard} (one
 * lock per asset, so assets do not wait for each other), listeners told when an asset's price or
 * staleness changes, a sweep every second that ages sources and prices without quotes, and the
 * hourly bars assembled from the accepted prices ({@link BarAssembler}) handed to {@code bars} (the
 * engine's ingest, the write-ahead log of {@code POST /v1/market/bars}). Quotes of assets not held
 * are refused and counted. Thread-safe.
 */
public final class LivePrices implements QuoteSink, AutoCloseable {
  /**
   * A change of one asset's live state.
   *
   * @param alert true when the guard started refusing the asset's median (TWAP band): the price and
   *     staleness are then unchanged
   */
  public record Change(
      String symbol, double price, boolean stale, String detail, long atMs, boolean alert) {}

  /** One asset's live state and its sources, for {@code GET /v1/market/prices}. */
  public record AssetPrice(
      String symbol,
      double price,
      long priceMs,
      boolean stale,
      double twap,
      String lastRefusal,
      List<LivePriceGuard.SourceView> sources,
      long barsMade,
      long barsWithoutVolume) {}

  private static final class Asset {
    final LivePriceGuard guard;
    final BarAssembler bars;
    boolean refusing;

    Asset(LivePriceGuard guard, BarAssembler bars) {
      this.guard = guard;
      this.bars = bars;
    }
  }

  private final Map<String, Asset> assets = new LinkedHashMap<>();
  private final LongSupplier clock;
  private final Consumer<BarSeries> barSink;
  private final List<Consumer<Change>> listeners = new CopyOnWriteArrayList<>();
  private final AtomicLong unknownSymbol = new AtomicLong();
  private final AtomicLong barsRefused = new AtomicLong();
  private final List<PriceFeed> feeds = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService sweeper;

  /**
   * @param symbols the held assets
   * @param barGraceMs how long after an hour's end its bar waits for the last candle's volumes
   * @param barSink the engine's ingest of an assembled bar (it may throw; counted, never fatal)
   * @param sweepMs the sweep's period, ms; 0 for none (tests call {@link #sweep})
   */
  public LivePrices(
      Set<String> symbols,
      LivePriceGuard.Settings settings,
      long barGraceMs,
      LongSupplier clock,
      Consumer<BarSeries> barSink,
      long sweepMs) {
    for (String s : new java.util.TreeSet<>(symbols)) {
      assets.put(s, new Asset(new LivePriceGuard(s, settings), new BarAssembler(s, barGraceMs)));
    }
    this.clock = clock;
    this.barSink = barSink;
    if (sweepMs > 0) {
      this.sweeper =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "liqopt-price-sweep");
                t.setDaemon(true);
                return t;
              });
      sweeper.scheduleWithFixedDelay(this::sweep, sweepMs, sweepMs, TimeUnit.MILLISECONDS);
    } else {
      this.sweeper = null;
    }
  }

  /** Tells {@code listener} of every change (called on the thread that made it; keep it short). */
  public void addListener(Consumer<Change> listener) {
    listeners.add(listener);
  }

  /** Starts {@code feed} into this; it is closed with this. */
  public void start(PriceFeed feed) {
    feeds.add(feed);
    feed.start(this);
  }

  /** One quote of a source. */
  public record Quote(String symbol, String source, double price, long timeMs) {}

  /** Offers a quote; the guard's verdict, or null when the asset is not held (counted). */
  public LivePriceGuard.Outcome offer(String symbol, String source, double price, long timeMs) {
    return offer(new Quote(symbol, source, price, timeMs), null);
  }

  /**
   * Offers the quotes of one push, in order; their verdicts (null for an asset not held). Listeners
   * hear of each asset whose price or staleness changed once, after the last quote, at its state
   * then (a guard alert is told at once), so a push of several sources moves the book once.
   */
  public List<LivePriceGuard.Outcome> offerAll(List<Quote> quotes) {
    Map<String, Change> changed = new LinkedHashMap<>();
    List<LivePriceGuard.Outcome> out = new ArrayList<>(quotes.size());
    try {
      for (Quote q : quotes) {
        out.add(offer(q, changed));
      }
    } finally {
      // told even when a later quote throws: what the guards accepted reaches the book
      changed.forEach((symbol, c) -> tell(symbol, assets.get(symbol), c.detail(), c.atMs(), false));
    }
    return out;
  }

  /** Offers {@code q}; a price change is put in {@code deferred} when given, else told. */
  private LivePriceGuard.Outcome offer(Quote q, Map<String, Change> deferred) {
    String symbol = q.symbol();
    double price = q.price();
    long timeMs = q.timeMs();
    String source = q.source();
    Asset a = assets.get(symbol);
    if (a == null) {
      unknownSymbol.incrementAndGet();
      return null;
    }
    long now = clock.getAsLong();
    LivePriceGuard.Outcome o;
    BarSeries bar = null;
    boolean alert = false;
    synchronized (a) {
      o = a.guard.offer(source, price, timeMs, now);
      if (o.verdict() == LivePriceGuard.Verdict.ACCEPTED) {
        bar = a.bars.price(a.guard.price(), now);
        a.refusing = false;
      } else if (o.verdict() == LivePriceGuard.Verdict.TWAP_BAND && !a.refusing) {
        a.refusing = true;
        alert = true;
      }
    }
    if (o.changed() && !alert && deferred != null) {
      deferred.put(symbol, new Change(symbol, Double.NaN, false, o.detail(), now, false));
    } else if (o.changed() || alert) {
      tell(symbol, a, o.detail(), now, alert);
    }
    if (bar != null) {
      ingest(bar);
    }
    return o;
  }

  @Override
  public void quote(String symbol, String source, double price, long timeMs) {
    offer(symbol, source, price, timeMs);
  }

  @Override
  public void closedCandle(
      String symbol,
      String source,
      long openTimeMs,
      long intervalMs,
      double volume,
      double quoteVolume) {
    Asset a = assets.get(symbol);
    if (a == null) {
      unknownSymbol.incrementAndGet();
      return;
    }
    synchronized (a) {
      a.bars.candle(source, openTimeMs, intervalMs, volume, quoteVolume);
    }
  }

  /** Ages every asset's sources and price, and hands over the bars whose hour ended. */
  public void sweep() {
    long now = clock.getAsLong();
    for (Map.Entry<String, Asset> e : assets.entrySet()) {
      Asset a = e.getValue();
      LivePriceGuard.Outcome o;
      List<BarSeries> bars;
      synchronized (a) {
        o = a.guard.sweep(now);
        bars = a.bars.sweep(now);
      }
      if (o.changed()) {
        tell(e.getKey(), a, o.detail(), now, false);
      }
      bars.forEach(this::ingest);
    }
  }

  /** Whether {@code symbol}'s live price is stale (true for an asset not held). */
  public boolean stale(String symbol) {
    Asset a = assets.get(symbol);
    if (a == null) {
      return true;
    }
    synchronized (a) {
      return a.guard.stale();
    }
  }

  /** Every held asset's live state now. */
  public List<AssetPrice> prices() {
    long now = clock.getAsLong();
    List<AssetPrice> out = new ArrayList<>(assets.size());
    for (Map.Entry<String, Asset> e : assets.entrySet()) {
      Asset a = e.getValue();
      synchronized (a) {
        LivePriceGuard g = a.guard;
        out.add(
            new AssetPrice(
                e.getKey(),
                g.price(),
                g.priceMs(),
                g.stale(),
                g.twap(now),
                g.lastRefusal(),
                g.sources(now),
                a.bars.made,
                a.bars.withoutVolume));
      }
    }
    return out;
  }

  /** The feeds' status. */
  public List<FeedStatus> feeds() {
    return feeds.stream().map(PriceFeed::status).toList();
  }

  /** Quotes refused because their asset is not held. */
  public long unknownSymbolQuotes() {
    return unknownSymbol.get();
  }

  /** Assembled bars the engine refused (e.g. the hour was already ingested). */
  public long barsRefused() {
    return barsRefused.get();
  }

  /** The held symbols. */
  public Collection<String> symbols() {
    return assets.keySet();
  }

  private void tell(String symbol, Asset a, String detail, long now, boolean alert) {
    double price;
    boolean stale;
    synchronized (a) {
      price = a.guard.price();
      stale = a.guard.stale();
    }
    Change c = new Change(symbol, price, stale, detail, now, alert);
    for (Consumer<Change> l : listeners) {
      l.accept(c);
    }
  }

  private void ingest(BarSeries bar) {
    try {
      barSink.accept(bar);
    } catch (RuntimeException e) {
      barsRefused.incrementAndGet();
    }
  }

  @Override
  public void close() {
    if (sweeper != null) {
      sweeper.shutdownNow();
    }
    for (PriceFeed f : feeds) {
      f.close();
    }
  }
}

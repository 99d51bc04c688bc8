package io.liqopt.training.distributed;

import io.liqopt.core.forecast.AssetHistory;
import io.liqopt.core.market.BarInterval;
import io.liqopt.core.market.BarSeries;
import io.liqopt.store.HourlyMarket;
import io.liqopt.store.MarketStore;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The market a distributed job works on, as every worker finds it: the store's URI, the symbols and
 * the market factor ({@link HourlyMarket#load}), and what the driver read there. A worker reads the
 * store itself, once per process, and refuses to go on when it reads something else (the store
 * changed under the job).
 *
 * @param storeUri the store's data folder ({@code file:} here; see README "Scaling out")
 * @param symbols the series named, empty for all of the store's
 * @param factor the market factor, null for the store's default
 * @param fingerprint per series: symbol, bars, first and last open time, and a checksum of closes
 * @param endExclusiveMs only the bars opening before this ({@code train --as-of}); {@link
 *     Long#MAX_VALUE}: all
 * @param interval the bars' interval
 */
public record MarketSource(
    URI storeUri,
    List<String> symbols,
    String factor,
    String fingerprint,
    long endExclusiveMs,
    BarInterval interval)
    implements Serializable {
  private static final long serialVersionUID = 2L;

  private static final Map<MarketSource, HourlyMarket> MARKETS = new ConcurrentHashMap<>();
  private static final Map<MarketSource, List<AssetHistory>> HISTORIES = new ConcurrentHashMap<>();

  /** The histories read one by one, the most recent few (two per core: the tasks at once). */
  private static final Map<List<Object>, AssetHistory> ONE =
      new java.util.LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<List<Object>, AssetHistory> eldest) {
          return size() > 2 * Runtime.getRuntime().availableProcessors();
        }
      };

  public MarketSource {
    symbols = List.copyOf(symbols);
  }

  /**
   * The source of {@code market}, read by the driver from the store of {@code dataDir} (the folder
   * {@link MarketStore#MarketStore(Path)} takes).
   */
  public static MarketSource of(Path dataDir, List<String> symbols, String factor, HourlyMarket m) {
    return of(dataDir, symbols, factor, m, Long.MAX_VALUE);
  }

  /** As above, the bars opening before {@code endExclusiveMs} only. */
  public static MarketSource of(
      Path dataDir, List<String> symbols, String factor, HourlyMarket m, long endExclusiveMs) {
    return new MarketSource(
        dataDir.toAbsolutePath().normalize().toUri(),
        symbols == null ? List.of() : symbols,
        factor,
        fingerprint(before(m, endExclusiveMs)),
        endExclusiveMs,
        m.interval());
  }

  /** The market's bars opening before {@code endExclusiveMs}. */
  private static HourlyMarket before(HourlyMarket m, long endExclusiveMs) {
    if (endExclusiveMs == Long.MAX_VALUE) {
      return m;
    }
    List<BarSeries> series = new ArrayList<>();
    for (BarSeries s : m.series()) {
      series.add(s.slice(Long.MIN_VALUE, endExclusiveMs));
    }
    return new HourlyMarket(m.names(), series, m.factor().slice(Long.MIN_VALUE, endExclusiveMs));
  }

  /**
   * The market as the driver read it, read once per process.
   *
   * @throws IllegalStateException when the store holds other bars than the driver read
   * @throws UncheckedIOException when the store cannot be read
   */
  public HourlyMarket market() {
    return MARKETS.computeIfAbsent(this, MarketSource::read);
  }

  /**
   * The histories (features computed, the market factor's included), computed once per process.
   *
   * @throws IllegalStateException when the store holds other bars than the driver read
   * @throws UncheckedIOException when the store cannot be read
   */
  public List<AssetHistory> histories() {
    return HISTORIES.computeIfAbsent(this, s -> features(s.market()));
  }

  /**
   * The histories as a list whose entries are read when asked for ({@link #history}): what a task
   * over one asset takes, so that it holds that asset's bars and features, not the whole market's.
   */
  public List<AssetHistory> lazyHistories() {
    int n = fingerprint.split(";", -1).length - 1;
    return new java.util.AbstractList<>() {
      @Override
      public AssetHistory get(int index) {
        return history(index);
      }

      @Override
      public int size() {
        return n;
      }
    };
  }

  /**
   * The history of the {@code index}-th series alone, its features computed against the factor: the
   * two series read from the store and the series checked against what the driver read (as {@link
   * #market} checks them all). Kept for the last few assets read in this process.
   *
   * @throws IllegalStateException when the store holds other bars than the driver read
   * @throws UncheckedIOException when the store cannot be read
   */
  public AssetHistory history(int index) {
    List<Object> key = List.of(this, index);
    synchronized (ONE) {
      AssetHistory h = ONE.get(key);
      if (h != null) {
        return h;
      }
    }
    AssetHistory h = readOne(index);
    synchronized (ONE) {
      ONE.put(key, h);
    }
    return h;
  }

  private AssetHistory readOne(int index) {
    String[] parts = fingerprint.split(";", -1);
    String entry = parts[index + 1];
    String symbol = entry.substring(0, entry.indexOf(':'));
    String factorName = parts[0].substring("factor=".length());
    try {
      MarketStore store = new MarketStore(Path.of(storeUri));
      BarSeries s = cut(store.read(symbol, interval));
      if (!seriesPrint(List.of(s)).equals(";" + entry)) {
        throw new IllegalStateException(
            "the market store "
                + storeUri
                + " holds other bars than the driver read (changed during the job?): "
                + symbol
                + " expected "
                + entry
                + ", found "
                + seriesPrint(List.of(s)).substring(1));
      }
      BarSeries f = factorName.equals(symbol) ? s : cut(store.read(factorName, interval));
      return AssetHistory.of(s, f);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the market store " + storeUri, e);
    }
  }

  private BarSeries cut(BarSeries s) {
    return endExclusiveMs == Long.MAX_VALUE ? s : s.slice(Long.MIN_VALUE, endExclusiveMs);
  }

  /** Forgets what this process read: the next call reads again (benchmarks, a closed session). */
  public static void forgetReads() {
    HISTORIES.clear();
    MARKETS.clear();
    synchronized (ONE) {
      ONE.clear();
    }
  }

  private HourlyMarket read() {
    if (!"file".equals(storeUri.getScheme())) {
      throw new IllegalArgumentException(
          "the market store must be a file: URI (a path every worker sees); was " + storeUri);
    }
    HourlyMarket m;
    try {
      m =
          before(
              HourlyMarket.load(new MarketStore(Path.of(storeUri)), symbols, factor, interval),
              endExclusiveMs);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the market store " + storeUri, e);
    }
    String found = fingerprint(m);
    if (!found.equals(fingerprint)) {
      throw new IllegalStateException(
          "the market store "
              + storeUri
              + " holds other bars than the driver read (changed during the job?): expected "
              + fingerprint
              + ", found "
              + found);
    }
    return m;
  }

  private static List<AssetHistory> features(HourlyMarket m) {
    List<AssetHistory> histories = new ArrayList<>();
    for (BarSeries s : m.series()) {
      histories.add(AssetHistory.of(s, m.factor()));
    }
    return List.copyOf(histories);
  }

  /**
   * Whether {@code histories} are over this source's series, bar for bar as far as the fingerprint
   * tells (a job given other histories than the store's, a window of them say, must not run on
   * workers that read the store).
   */
  public boolean holds(List<AssetHistory> histories) {
    List<BarSeries> series = new ArrayList<>();
    for (AssetHistory h : histories) {
      series.add(h.series());
    }
    int cut = fingerprint.indexOf(';');
    return fingerprint.equals(
        (cut < 0 ? fingerprint : fingerprint.substring(0, cut)) + seriesPrint(series));
  }

  /** Symbol, bars, first and last open time and a checksum of the closes, per series. */
  static String fingerprint(HourlyMarket m) {
    return "factor=" + m.factor().symbol() + seriesPrint(m.series());
  }

  private static String seriesPrint(List<BarSeries> series) {
    StringBuilder sb = new StringBuilder();
    for (BarSeries s : series) {
      long sum = 0;
      for (int i = 0; i < s.size(); i++) {
        sum = 31 * sum + Double.doubleToLongBits(s.close(i));
      }
      sb.append(';').append(s.symbol()).append(':').append(s.size());
      if (!s.isEmpty()) {
        sb.append(':').append(s.firstOpenTimeMs()).append(':').append(s.lastOpenTimeMs());
      }
      sb.append(':').append(Long.toHexString(sum));
    }
    return sb.toString();
  }
}

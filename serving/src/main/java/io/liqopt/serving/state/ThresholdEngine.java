package io.liqopt.serving.state;

import io.liqopt.core.forecast.AssetHistory;
import io.liqopt.core.forecast.ForecastModel;
import io.liqopt.core.market.BarSeries;
import io.liqopt.core.policy.ResolvedPolicy;
import io.liqopt.core.policy.ThresholdPipeline;
import io.liqopt.serving.wal.BarLog;
import io.liqopt.serving.wal.LogCompactor;
import io.liqopt.serving.wal.SegmentOpener;
import io.liqopt.store.MarketStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ObjLongConsumer;
import java.util.function.Predicate;

/**
 * The service's state machine: it holds the recent bars of every asset ({@link MarketWindows}), the
 * served forecast model ({@link ModelHolder}) and the governor's memory ({@link GovernorMemory}),
 * and publishes immutable {@link ServingState} snapshots. Reads ({@link #state()}) never block;
 * changes (ingest, reload, refresh) are serialised under one lock and swap the snapshot atomically,
 * so each response sees one model and one set of thresholds.
 *
 * <p>The maths is core's: {@link AssetHistory} computes features, the {@link ForecastModel}
 * forecasts, and {@link ThresholdPipeline} turns a forecast into targets and the governor into the
 * thresholds in force ({@link AssetViewCalculator}) — the same pipeline the backtest, {@code
 * thresholds} and {@code simulate} run.
 *
 * <p>Durability: ingested bars are appended to the write-ahead {@link BarLog} (fsynced) before
 * {@link #ingest} returns and only then applied; the log is compacted into the Parquet store in the
 * background and replayed at start. Governor states are saved atomically after every step.
 */
public final class ThresholdEngine implements AutoCloseable {
  /** Whose time the thresholds are computed for. */
  public enum Clock {
    /** The machine's clock: data older than the configured age makes the answer stale. */
    WALL,
    /** The close of the newest bar held (replaying or demonstrating on historical data). */
    DATA
  }

  /**
   * How the engine runs.
   *
   * @param dataDir the market store (and {@code wal/}, {@code state/} below it)
   * @param modelsDir the bundles; ignored with a baseline
   * @param policy the risk configuration
   * @param baseline null to serve the LATEST bundle (its adverse-move quantiles from the source it
   *     chose per horizon), else hs, ewma, garch, har, har-cal, garch-cal or har-garch, or any of
   *     them +paths (the path engine's quantiles and stress probability at its variance)
   * @param clock whose time "now" is
   * @param historyDays days of bars held in memory per asset (features need 30)
   * @param dashboardHours hours of per-asset history kept for the dashboard
   * @param factorSymbol the market factor (null: the first symbol containing BTC)
   * @param stressLevel L of the baseline's stress event
   * @param quantileTrackingGamma γ of the baseline's quantile tracking (a bundle brings its own)
   */
  public record Settings(
      Path dataDir,
      Path modelsDir,
      ResolvedPolicy policy,
      String baseline,
      Clock clock,
      int historyDays,
      int dashboardHours,
      String factorSymbol,
      double stressLevel,
      double quantileTrackingGamma) {

    public Settings {
      Objects.requireNonNull(dataDir, "dataDir");
      Objects.requireNonNull(policy, "policy");
      Objects.requireNonNull(clock, "clock");
      if (historyDays < 31) {
        throw new IllegalArgumentException(
            "historyDays must be at least 31 (the features' "
                + "longest window is 30 days), was "
                + historyDays);
      }
      if (dashboardHours < 1 || dashboardHours > 24 * 90) {
        throw new IllegalArgumentException(
            "dashboardHours must be in 1..2160, was " + dashboardHours);
      }
    }
  }

  private final Settings settings;
  private final InstantSource wall;
  private final BarLog log;
  private final LogCompactor compactor;
  private final String factorSymbol;
  private volatile Predicate<String> priceStale = symbol -> false;
  private volatile ObjLongConsumer<String> phaseTimes = (phase, nanos) -> {};
  private final List<java.util.function.BiConsumer<ServingState, ServingState>> publishListeners =
      new java.util.concurrent.CopyOnWriteArrayList<>();
  private final Object lock = new Object();
  private final AtomicReference<ServingState> state = new AtomicReference<>();
  private final ModelHolder models;
  private final AdhocThresholds adhoc;
  // guarded by lock
  private final MarketWindows windows;
  private final GovernorMemory governors;
  private long version;

  private ThresholdEngine(
      Settings settings,
      InstantSource wall,
      MarketStore store,
      BarLog log,
      GovernorMemory governors,
      String factorSymbol) {
    this.settings = settings;
    this.wall = wall;
    this.log = log;
    this.compactor = new LogCompactor(log, store);
    this.windows = new MarketWindows(settings.historyDays());
    this.governors = governors;
    this.models = new ModelHolder(settings, wall, lock);
    this.adhoc = new AdhocThresholds(settings, wall, factorSymbol);
    this.factorSymbol = factorSymbol;
  }

  /**
   * Starts: reads the store, replays the write-ahead log (and compacts it), loads the model
   * (verifying a bundle) and the governor states, and computes every asset's thresholds.
   *
   * @param progress receives one line per step
   * @param segments how the write-ahead log opens its files ({@link SegmentOpener#FILES})
   * @throws IllegalStateException with the fix when there is no data or no bundle
   * @throws io.liqopt.ml.BundleException when the LATEST bundle is refused
   */
  public static ThresholdEngine start(
      Settings settings, InstantSource wall, Consumer<String> progress, SegmentOpener segments)
      throws IOException {
    MarketStore store = new MarketStore(settings.dataDir());
    Map<String, BarSeries> full = MarketWindows.read(store);
    BarLog log = BarLog.open(settings.dataDir().resolve("wal"), segments);
    try {
      MarketWindows.replay(log, full, store.root(), progress);
      String factor = MarketWindows.factor(settings.factorSymbol(), full, store.root());
      ThresholdEngine engine =
          new ThresholdEngine(
              settings, wall, store, log, GovernorMemory.load(settings.dataDir()), factor);
      engine.compactor.compactAtStart(progress);
      engine.models.start(full, factor, progress);
      synchronized (engine.lock) {
        for (Map.Entry<String, BarSeries> e : full.entrySet()) {
          engine.windows.put(e.getKey(), e.getValue());
        }
        engine.publish(engine.windows.symbols(), true);
      }
      engine.state().describeTo(progress);
      return engine;
    } catch (IOException | RuntimeException e) {
      log.close();
      throw e;
    }
  }

  /** The current snapshot; never blocks. */
  public ServingState state() {
    return state.get();
  }

  public Settings settings() {
    return settings;
  }

  /** The market factor's symbol. */
  public String factorSymbol() {
    return factorSymbol;
  }

  /** A calculator of views as the next publish's, over a copy of the governor's memory. */
  AssetViewCalculator scratchCalculator() {
    synchronized (lock) {
      return new AssetViewCalculator(
          settings, models.current(), factorSymbol, governors.copy(), priceStale);
    }
  }

  /** What the last reload (or the start) did. */
  public ReloadStatus lastReload() {
    return models.lastReload();
  }

  /** The last failure to save governor state, or null when the last save worked. */
  public String lastPersistError() {
    return governors.lastPersistError();
  }

  /** Bytes in the write-ahead log's active segment (not yet compacted). */
  public long walBytes() {
    return log.activeBytes();
  }

  /** The wall clock the engine reads. */
  public long wallMillis() {
    return wall.millis();
  }

  /** The health of the engine now: its snapshot, stale and unavailable assets, reload and save. */
  public EngineHealth health() {
    ServingState s = state();
    return new EngineHealth(
        s, s.staleSymbols(), s.unavailableSymbols(), lastReload(), lastPersistError(), walBytes());
  }

  /**
   * Receives the nanoseconds of each step of an ingest and of every publish: {@code wal} (the bars
   * checked and logged, one fsync), {@code compute} (features, forecasts, thresholds), {@code save}
   * (the governor's states, one fsync) and {@code notify} (the listeners: the stream's events, then
   * the book). Called on the publishing thread, under the engine's lock.
   */
  public void onPhaseTimes(ObjLongConsumer<String> recorder) {
    phaseTimes = Objects.requireNonNull(recorder, "recorder");
  }

  /**
   * Ingests new bars: checks them all against the held series (unknown symbols, duplicates,
   * conflicts, bars before the last held one), appends them to the write-ahead log as one record
   * (fsynced), and only then applies them and recomputes the affected assets. All or nothing, after
   * a crash too.
   *
   * @throws IngestRejected when any bar is refused; nothing was logged
   * @throws IOException when the log cannot be written; nothing was applied
   */
  public IngestResult ingest(List<BarSeries> batches) throws IOException {
    synchronized (lock) {
      long t = System.nanoTime();
      windows.checkIngest(batches);
      log.append(batches);
      phaseTimes.accept("wal", System.nanoTime() - t);
      int bars = 0;
      List<String> symbols = new ArrayList<>();
      for (BarSeries batch : batches) {
        windows.merge(batch);
        bars += batch.size();
        symbols.add(batch.symbol());
      }
      // the market factor is an input of every asset's features
      publish(symbols.contains(factorSymbol) ? windows.symbols() : symbols, false);
      return new IngestResult(bars, symbols, version);
    }
  }

  /**
   * From now on, the thresholds of an asset whose live price {@code stale} says is stale are the
   * conservative ones (reason {@code STALE_PRICE}); recomputes them at once. Called when live
   * prices start, and again (with the same test) whenever an asset's staleness changes.
   */
  public void livePriceStaleness(Predicate<String> stale) {
    priceStale = stale;
    refresh();
  }

  /**
   * Tells {@code listener} of every new snapshot, with the one it replaced (null at first), under
   * the engine's lock: keep it short (hand the work to another thread).
   */
  public void onPublishChange(java.util.function.BiConsumer<ServingState, ServingState> listener) {
    publishListeners.add(listener);
  }

  /** Recomputes every asset's thresholds for the current time (staleness, governor steps). */
  public void refresh() {
    synchronized (lock) {
      publish(List.of(), false);
    }
  }

  /**
   * Loads the bundle LATEST names, if it is not the one served: verified first; a refused bundle is
   * logged and reported, and the current one keeps serving. Nothing to do with a baseline.
   *
   * @param trigger who asked (for the status)
   */
  public ReloadStatus reload(String trigger) {
    return models.reload(trigger, windows::copy, () -> publish(windows.symbols(), true));
  }

  /**
   * Thresholds for an asset the service does not hold, from the caller's bars ({@link
   * AdhocThresholds}): forecast by the served model, with no governor.
   *
   * @throws IllegalArgumentException when no forecast can be made from the bars given
   */
  public AssetView adhoc(BarSeries bars) {
    ServingModel m = models.current();
    return adhoc.of(m, state(), bars);
  }

  /**
   * The thresholds of {@code symbols} in order: a held asset's from snapshot {@code s}, any other's
   * from its caller-supplied bars ({@link #adhoc}, on {@code s} and the model read once for the
   * whole batch), fetched only when its turn comes.
   *
   * @param callerBars the caller's series of an asset the service does not hold
   * @param deadline checked before each symbol
   * @throws IllegalArgumentException when no forecast can be made from an asset's bars
   */
  public List<BatchView> thresholds(
      ServingState s,
      List<String> symbols,
      Function<String, BarSeries> callerBars,
      Deadline deadline) {
    List<BatchView> out = new ArrayList<>(symbols.size());
    ServingModel m = models.current();
    for (String sym : symbols) {
      deadline.check();
      AssetView held = s.assets().get(sym);
      out.add(
          held != null
              ? new BatchView(held, true)
              : new BatchView(adhoc.of(m, s, callerBars.apply(sym)), false));
    }
    return out;
  }

  /**
   * Recomputes the given assets (new data or a new model: features, forecasts, points) and the
   * thresholds of every asset, steps the governor, saves its states and swaps the snapshot. Under
   * the lock.
   */
  private void publish(Collection<String> changed, boolean modelChanged) {
    long t = System.nanoTime();
    ServingState previous = state.get();
    long nowMs = now();
    ServingModel model = models.current();
    AssetViewCalculator calculator =
        new AssetViewCalculator(settings, model, factorSymbol, governors, priceStale);
    Map<String, AssetView> views =
        calculator.views(
            windows.bySymbol(),
            windows.get(factorSymbol),
            new HashSet<>(changed),
            modelChanged,
            previous,
            nowMs);
    t = lap("compute", t);
    version++;
    // saved before published: a crash between the two never leaves served thresholds whose
    // governor state a restart would not find (a failed save is kept for /health)
    governors.save();
    t = lap("save", t);
    ServingState next =
        new ServingState(
            version,
            model.id(),
            model.mode(),
            settings.clock().name().toLowerCase(Locale.ROOT),
            nowMs,
            views);
    state.set(next);
    for (var l : publishListeners) {
      l.accept(previous, next);
    }
    lap("notify", t);
  }

  /** Records the time since {@code since} as {@code phase}'s; returns now. */
  private long lap(String phase, long since) {
    long now = System.nanoTime();
    phaseTimes.accept(phase, now - since);
    return now;
  }

  /** Now: the wall clock, or the close of the newest bar held. */
  private long now() {
    return settings.clock() == Clock.WALL ? wall.millis() : windows.newestCloseMs();
  }

  /** Moves the write-ahead log into the Parquet store (background; ingest goes on meanwhile). */
  public LogCompactor.Result compact() throws IOException {
    return compactor.compact();
  }

  /** Compacts the log and closes it and the model. */
  @Override
  public void close() throws IOException {
    try {
      compactor.compact();
    } finally {
      log.close();
      models.close();
    }
  }
}

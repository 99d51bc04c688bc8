package io.liqopt.serving.state;

import io.liqopt.core.forecast.AssetForecast;
import io.liqopt.core.forecast.AssetHistory;
import io.liqopt.core.forecast.ForecastModel;
import io.liqopt.core.forecast.ForecastSpec;
import io.liqopt.core.forecast.TrainingSet;
import io.liqopt.core.market.Bar;
import io.liqopt.core.market.BarInterval;
import io.liqopt.core.market.BarSeries;
import io.liqopt.core.market.SeriesMerge;
import io.liqopt.core.policy.AssetRiskConfig;
import io.liqopt.core.policy.GovernorState;
import io.liqopt.core.policy.MarketSnapshot;
import io.liqopt.core.policy.ResolvedPolicy;
import io.liqopt.core.policy.ThresholdPipeline;
import io.liqopt.ml.BundleStore;
import io.liqopt.serving.wal.BarLog;
import io.liqopt.serving.wal.LogCompactor;
import io.liqopt.store.MarketStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's state machine: it holds the recent bars of every asset, the served forecast model
 * and the governor's memory, and publishes immutable {@link ServingState} snapshots. Reads ({@link
 * #state()}) never block; changes (ingest, reload, refresh) are serialised under one lock and swap
 * the snapshot atomically, so each response sees one model and one set of thresholds.
 *
 * <p>The maths is core's: {@link AssetHistory} computes features, the {@link ForecastModel}
 * forecasts, and {@link ThresholdPipeline} turns a forecast into targets and the governor into the
 * thresholds in force — the same pipeline the backtest, {@code thresholds} and {@code simulate}
 * run.
 *
 * <p>Durability: ingested bars are appended to the write-ahead {@link BarLog} (fsynced) before
 * {@link #ingest} returns and only then applied; the log is compacted into the Parquet store in the
 * background and replayed at start. Governor states are saved atomically after every step.
 */
public final class ThresholdEngine implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ThresholdEngine.class);
  private static final long HOUR_MS = 3_600_000L;

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
   * @param baseline null to serve the LATEST bundle, else hs, ewma, garch or har
   * @param clock whose time "now" is
   * @param historyDays days of bars held in memory per asset (features need 30)
   * @param dashboardHours hours of per-asset history kept for the dashboard
   * @param factorSymbol the market factor (null: the first symbol containing BTC)
   * @param stressLevel L of the baseline's stress event
   * @param pathQuantiles take the adverse-move quantiles from the path engine (FHS paths of the
   *     held bars at the model's volatility) instead of the model's own
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
      boolean pathQuantiles) {

    /** Settings with the model's own quantiles. */
    public Settings(
        Path dataDir,
        Path modelsDir,
        ResolvedPolicy policy,
        String baseline,
        Clock clock,
        int historyDays,
        int dashboardHours,
        String factorSymbol,
        double stressLevel) {
      this(
          dataDir,
          modelsDir,
          policy,
          baseline,
          clock,
          historyDays,
          dashboardHours,
          factorSymbol,
          stressLevel,
          false);
    }

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

  /**
   * What the last reload did.
   *
   * @param atMs when it ran (wall clock)
   * @param trigger what asked for it (admin, watch, start)
   * @param bundleId the bundle it tried, or null when LATEST named none
   * @param outcome {@code loaded}, {@code unchanged} or {@code refused}
   * @param message the reason it was refused, or a summary
   */
  public record ReloadStatus(
      long atMs, String trigger, String bundleId, String outcome, String message) {}

  /**
   * What an ingest did.
   *
   * @param bars bars stored
   * @param symbols symbols that received bars
   * @param stateVersion the snapshot version that includes them
   */
  public record IngestResult(int bars, List<String> symbols, long stateVersion) {}

  private final Settings settings;
  private final InstantSource wall;
  private final MarketStore store;
  private final BarLog log;
  private final LogCompactor compactor;
  private final GovernorStore governors;
  private final BundleStore bundles;
  private final String factorSymbol;
  private final Object lock = new Object();
  private final Object reloadLock = new Object();
  private final AtomicReference<ServingState> state = new AtomicReference<>();
  // guarded by lock
  private final Map<String, BarSeries> windows = new TreeMap<>();
  private final Map<String, GovernorState> governorStates;
  private ServingModel model;
  private long version;
  private volatile ReloadStatus lastReload;
  private volatile String lastPersistError;

  private ThresholdEngine(
      Settings settings,
      InstantSource wall,
      MarketStore store,
      BarLog log,
      Map<String, GovernorState> governorStates,
      String factorSymbol) {
    this.settings = settings;
    this.wall = wall;
    this.store = store;
    this.log = log;
    this.compactor = new LogCompactor(log, store);
    this.governors =
        new GovernorStore(settings.dataDir().resolve("state").resolve("governor.json"));
    this.bundles = settings.modelsDir() == null ? null : new BundleStore(settings.modelsDir());
    this.governorStates = governorStates;
    this.factorSymbol = factorSymbol;
  }

  /**
   * Starts: reads the store, replays the write-ahead log (and compacts it), loads the model
   * (verifying a bundle) and the governor states, and computes every asset's thresholds.
   *
   * @param progress receives one line per step
   * @throws IllegalStateException with the fix when there is no data or no bundle
   * @throws io.liqopt.ml.BundleException when the LATEST bundle is refused
   */
  public static ThresholdEngine start(
      Settings settings, InstantSource wall, Consumer<String> progress) throws IOException {
    MarketStore store = new MarketStore(settings.dataDir());
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
    BarLog log = BarLog.open(settings.dataDir().resolve("wal"));
    try {
      BarLog.Replay replay = log.replay();
      for (BarSeries batch : replay.batches()) {
        BarSeries base = full.get(batch.symbol());
        full.put(batch.symbol(), base == null ? batch : SeriesMerge.of(base, batch).series());
      }
      progress.accept(
          String.format(
              "market: %d assets from %s; write-ahead log replayed: %d " + "records, %d bars%s",
              full.size(),
              store.root(),
              replay.records(),
              replay.bars(),
              replay.truncatedBytes() > 0
                  ? " (a torn last record of "
                      + replay.truncatedBytes()
                      + " bytes, never acknowledged, was cut)"
                  : ""));
      String factor =
          settings.factorSymbol() != null
              ? settings.factorSymbol()
              : full.keySet().stream()
                  .filter(s -> s.contains("BTC"))
                  .findFirst()
                  .orElse(full.keySet().iterator().next());
      if (!full.containsKey(factor)) {
        throw new IllegalStateException(
            "the market factor " + factor + " is not in " + store.root());
      }
      GovernorStore gs =
          new GovernorStore(settings.dataDir().resolve("state").resolve("governor.json"));
      ThresholdEngine engine = new ThresholdEngine(settings, wall, store, log, gs.load(), factor);
      LogCompactor.Result compacted = engine.compactor.compact();
      if (compacted.bars() > 0) {
        progress.accept("compacted " + compacted.bars() + " logged bars into the store");
      }
      engine.model = engine.initialModel(full, progress);
      synchronized (engine.lock) {
        for (Map.Entry<String, BarSeries> e : full.entrySet()) {
          engine.windows.put(e.getKey(), engine.trim(e.getValue()));
        }
        engine.publish(engine.windows.keySet(), true);
      }
      ServingState s = engine.state();
      long ready = s.assets().values().stream().filter(v -> v.governed() != null).count();
      progress.accept(
          String.format(
              "thresholds: %d of %d assets by %s (%s), clock %s at %s",
              ready,
              s.assets().size(),
              s.modelId(),
              s.mode(),
              s.clock(),
              Instant.ofEpochMilli(s.nowMs())));
      for (AssetView v : s.assets().values()) {
        if (v.unavailable() != null) {
          progress.accept("  " + v.symbol() + ": no thresholds: " + v.unavailable());
        }
      }
      return engine;
    } catch (IOException | RuntimeException e) {
      log.close();
      throw e;
    }
  }

  private ServingModel initialModel(Map<String, BarSeries> full, Consumer<String> progress) {
    if (settings.baseline() != null) {
      List<AssetHistory> histories = new ArrayList<>();
      for (BarSeries s : full.values()) {
        histories.add(AssetHistory.of(s, full.get(factorSymbol)));
      }
      progress.accept("fitting baseline " + settings.baseline() + " on all stored history");
      ServingModel m =
          quantileSource(
              ServingModel.baseline(settings.baseline(), histories, baselineSpec()), full.values());
      lastReload =
          new ReloadStatus(
              wall.millis(),
              "start",
              null,
              "loaded",
              "serving baseline " + m.id() + " (--baseline): no bundle is used");
      return m;
    }
    String id;
    try {
      id = bundles.latestId().orElse(null);
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot read " + bundles.root().resolve(BundleStore.LATEST) + ": " + e.getMessage(), e);
    }
    if (id == null) {
      throw new IllegalStateException(
          "no model bundle in "
              + bundles.root()
              + ": run 'liqopt train' first, or start with --baseline garch to serve a classical "
              + "forecaster");
    }
    ServingModel m = quantileSource(ServingModel.bundle(bundles, id), full.values());
    progress.accept("model: bundle " + id + " verified and loaded from " + bundles.root());
    lastReload = new ReloadStatus(wall.millis(), "start", id, "loaded", "bundle verified");
    return m;
  }

  /** The model, with path-engine quantiles when the settings ask for them. */
  private ServingModel quantileSource(ServingModel m, java.util.Collection<BarSeries> series) {
    return settings.pathQuantiles()
        ? m.withPathQuantiles(series, settings.policy().horizonsHours())
        : m;
  }

  private ForecastSpec baselineSpec() {
    return ForecastSpec.of(settings.policy().horizonsHours(), settings.stressLevel());
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

  /** What the last reload (or the start) did. */
  public ReloadStatus lastReload() {
    return lastReload;
  }

  /** The last failure to save governor state, or null when the last save worked. */
  public String lastPersistError() {
    return lastPersistError;
  }

  /** Bytes in the write-ahead log's active segment (not yet compacted). */
  public long walBytes() {
    return log.activeBytes();
  }

  /** The wall clock the engine reads. */
  public long wallMillis() {
    return wall.millis();
  }

  /**
   * Ingests new bars: checks them all against the held series (unknown symbols, duplicates,
   * conflicts, bars before the last held one), appends them to the write-ahead log (fsynced), and
   * only then applies them and recomputes the affected assets. All or nothing.
   *
   * @throws IngestRejected when any bar is refused; nothing was logged
   * @throws IOException when the log cannot be written; nothing was applied
   */
  public IngestResult ingest(List<BarSeries> batches) throws IOException {
    synchronized (lock) {
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
      for (BarSeries batch : batches) {
        log.append(batch);
      }
      int bars = 0;
      List<String> symbols = new ArrayList<>();
      for (BarSeries batch : batches) {
        windows.put(
            batch.symbol(), trim(SeriesMerge.of(windows.get(batch.symbol()), batch).series()));
        bars += batch.size();
        symbols.add(batch.symbol());
      }
      // the market factor is an input of every asset's features
      publish(symbols.contains(factorSymbol) ? windows.keySet() : symbols, false);
      return new IngestResult(bars, symbols, version);
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
    synchronized (reloadLock) {
      if (settings.baseline() != null) {
        return lastReload =
            new ReloadStatus(
                wall.millis(),
                trigger,
                null,
                "unchanged",
                "serving baseline "
                    + settings.baseline()
                    + " (--baseline): bundles are not loaded");
      }
      String id;
      try {
        id = bundles.latestId().orElse(null);
      } catch (IOException e) {
        return refused(trigger, null, "cannot read LATEST: " + e.getMessage());
      }
      ServingModel current = currentModel();
      if (id == null) {
        return refused(trigger, null, "models/LATEST names no bundle");
      }
      if (id.equals(current.id())) {
        return lastReload =
            new ReloadStatus(wall.millis(), trigger, id, "unchanged", "already serving " + id);
      }
      ServingModel next;
      try {
        List<BarSeries> held;
        synchronized (lock) {
          held = new ArrayList<>(windows.values());
        }
        next = quantileSource(ServingModel.bundle(bundles, id), held);
      } catch (RuntimeException e) {
        return refused(trigger, id, e.getMessage());
      }
      ServingModel old;
      synchronized (lock) {
        old = model;
        model = next;
        publish(windows.keySet(), true);
      }
      closeLater(old);
      LOG.info("reload ({}): now serving bundle {} (was {})", trigger, id, old.id());
      return lastReload =
          new ReloadStatus(
              wall.millis(),
              trigger,
              id,
              "loaded",
              "now serving " + id + " (was " + old.id() + ")");
    }
  }

  private ReloadStatus refused(String trigger, String id, String why) {
    LOG.warn(
        "reload ({}) refused bundle {}: {}; still serving {}",
        trigger,
        id,
        why,
        currentModel().id());
    return lastReload = new ReloadStatus(wall.millis(), trigger, id, "refused", why);
  }

  private ServingModel currentModel() {
    synchronized (lock) {
      return model;
    }
  }

  private static void closeLater(ServingModel old) {
    // requests with caller-supplied bars may still be forecasting with the old model
    Thread t =
        new Thread(
            () -> {
              try {
                Thread.sleep(30_000);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              old.close();
            },
            "liqopt-close-" + old.id());
    t.setDaemon(true);
    t.start();
  }

  /**
   * Thresholds for an asset the service does not hold, from the caller's bars: the served bundle
   * forecasts it (the pooled model covers unseen assets), or with a baseline, the baseline is
   * fitted on those bars alone. No governor (it has no memory of the asset).
   *
   * @throws IllegalArgumentException when no forecast can be made from the bars given
   */
  public AssetView adhoc(BarSeries bars) {
    ServingModel m = currentModel();
    ServingState s = state();
    BarSeries factor = s.assets().get(factorSymbol).history().series();
    AssetHistory h = AssetHistory.of(bars, factor);
    int last = h.size() - 1;
    ForecastModel fm = m.model();
    if (m.isBaseline()) {
      try {
        fm =
            ServingModel.baselineForecaster(settings.baseline())
                .fit(
                    TrainingSet.before(
                        List.of(h),
                        bars.lastOpenTimeMs() + 1,
                        baselineSpec(),
                        ServingModel.BASELINE_SEED));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(
            "cannot fit "
                + settings.baseline()
                + " on the "
                + bars.size()
                + " bars given for "
                + bars.symbol()
                + " (serving a baseline, the "
                + "service fits it on the caller's bars: send at least 60 days of hourly bars): "
                + e.getMessage(),
            e);
      }
    }
    if (!fm.canForecast(h, last)) {
      throw new IllegalArgumentException(
          "cannot forecast "
              + bars.symbol()
              + " from the "
              + bars.size()
              + " bars given: its features are undefined at the last bar (they need "
              + "30 days of hourly bars, and the market factor "
              + factorSymbol
              + " over the same hours: the service holds it up to "
              + Instant.ofEpochMilli(factor.lastOpenTimeMs())
              + ")");
    }
    AssetForecast f = fm.forecast(h, last);
    MarketSnapshot market = MarketSnapshot.at(h, last);
    if (market == null) {
      throw new IllegalArgumentException(
          "no traded volume in the last 24 h of the bars given for "
              + bars.symbol()
              + ": the impact model needs it");
    }
    long now =
        settings.clock() == Clock.WALL ? wall.millis() : Math.max(s.nowMs(), market.asOfEpochMs());
    ThresholdPipeline.Outcome o =
        ThresholdPipeline.DEFAULT.evaluate(
            f, market, settings.policy().forSymbol(bars.symbol()), now, null, false);
    if (o.refused()) {
      throw new IllegalArgumentException(o.detail());
    }
    return new AssetView(bars.symbol(), h, f, market, o.target(), o.target(), null, List.of());
  }

  /**
   * Recomputes the given assets (new data or a new model: features, forecasts, points) and the
   * thresholds of every asset, steps the governor, saves its states and swaps the snapshot.
   */
  private void publish(java.util.Collection<String> changed, boolean modelChanged) {
    ServingState previous = state.get();
    long nowMs = now();
    Map<String, AssetView> views = new LinkedHashMap<>();
    BarSeries factor = windows.get(factorSymbol);
    for (Map.Entry<String, BarSeries> e : windows.entrySet()) {
      String symbol = e.getKey();
      AssetView prev = previous == null ? null : previous.assets().get(symbol);
      boolean recompute = prev == null || modelChanged || changed.contains(symbol);
      views.put(
          symbol, view(symbol, e.getValue(), factor, recompute, modelChanged ? null : prev, nowMs));
    }
    version++;
    state.set(
        new ServingState(
            version,
            model.id(),
            model.mode(),
            settings.clock().name().toLowerCase(java.util.Locale.ROOT),
            nowMs,
            views));
    try {
      governors.save(governorStates);
      lastPersistError = null;
    } catch (IOException e) {
      lastPersistError = e.getMessage();
      LOG.error("cannot save governor state to {}: {}", governors.file(), e.getMessage());
    }
  }

  private long now() {
    if (settings.clock() == Clock.WALL) {
      return wall.millis();
    }
    long newest = Long.MIN_VALUE;
    for (BarSeries s : windows.values()) {
      newest = Math.max(newest, s.lastOpenTimeMs() + HOUR_MS);
    }
    return newest;
  }

  private AssetView view(
      String symbol,
      BarSeries window,
      BarSeries factor,
      boolean recompute,
      AssetView prev,
      long nowMs) {
    AssetRiskConfig config = settings.policy().forSymbol(symbol);
    AssetHistory history;
    AssetForecast forecast;
    MarketSnapshot market;
    List<HistoryPoint> points;
    String why = null;
    if (recompute) {
      history = AssetHistory.of(window, factor);
      int last = history.size() - 1;
      long keepFrom = window.lastOpenTimeMs() + HOUR_MS - settings.dashboardHours() * HOUR_MS;
      points = new ArrayList<>();
      int from = Math.max(0, history.size() - settings.dashboardHours());
      if (prev != null) {
        for (HistoryPoint p : prev.points()) {
          if (p.t() > keepFrom) {
            points.add(p);
          }
        }
        if (!points.isEmpty()) {
          long after = points.get(points.size() - 1).t();
          from = Math.max(from, window.indexAtOrAfter(after));
        }
      }
      List<AssetForecast> rows;
      try {
        rows = model.model().forecastRows(history, from, history.size());
      } catch (RuntimeException ex) {
        LOG.warn("forecast of {} failed: {}", symbol, ex.getMessage());
        rows = new ArrayList<>();
        for (int r = from; r < history.size(); r++) {
          rows.add(null);
        }
        why = "the model failed: " + ex.getMessage();
      }
      for (int r = from; r < history.size(); r++) {
        points.add(point(history, r, rows.get(r - from), config));
      }
      forecast = rows.isEmpty() ? null : rows.get(rows.size() - 1);
      if (forecast == null && prev != null && prev.forecast() != null) {
        forecast = prev.forecast(); // older: the calculator flags it stale once too old
      }
      market = MarketSnapshot.at(history, last);
      if (forecast == null && why == null) {
        why =
            "no forecast: the model's inputs are undefined at the last bar (warm-up, or the "
                + "market factor "
                + factorSymbol
                + " lacks that hour)";
      }
    } else {
      history = prev.history();
      forecast = prev.forecast();
      market = prev.market();
      points = prev.points();
    }
    if (market == null && why == null) {
      why = "no traded volume in the last 24 h (the impact model needs it)";
    }
    if (why != null || forecast == null || market == null) {
      return new AssetView(
          symbol, history, forecast, market, null, null, why == null ? "no forecast" : why, points);
    }
    GovernorState before = governorStates.get(symbol);
    long at = before == null ? nowMs : Math.max(nowMs, before.updatedAtEpochMs());
    ThresholdPipeline.Outcome o;
    try {
      o =
          ThresholdPipeline.DEFAULT.evaluate(
              forecast, market, config, Math.max(at, market.asOfEpochMs()), before, true);
    } catch (IllegalArgumentException ex) {
      o =
          new ThresholdPipeline.Outcome(
              market, null, null, ThresholdPipeline.Refusal.POLICY, ex.getMessage());
    }
    if (o.refused()) {
      return new AssetView(
          symbol,
          history,
          forecast,
          market,
          null,
          null,
          "the policy cannot use this forecast: " + o.detail(),
          points);
    }
    governorStates.put(symbol, o.step().state());
    return new AssetView(symbol, history, forecast, market, o.target(), o.governed(), null, points);
  }

  private HistoryPoint point(AssetHistory h, int row, AssetForecast f, AssetRiskConfig config) {
    long t = h.series().openTimeMs(row) + HOUR_MS;
    double price = h.series().close(row);
    if (f == null) {
      return new HistoryPoint(t, price, null, null, null);
    }
    Double vol = f.hasHorizon(24) ? f.horizon(24).volatility() : null;
    ThresholdPipeline.Outcome o = ThresholdPipeline.DEFAULT.target(f, h, row, config);
    return o.refused()
        ? new HistoryPoint(t, price, vol, null, null)
        : new HistoryPoint(t, price, vol, o.target().lt(), o.target().ltv());
  }

  private BarSeries trim(BarSeries s) {
    long from = s.lastOpenTimeMs() + HOUR_MS - settings.historyDays() * 24L * HOUR_MS;
    return s.firstOpenTimeMs() >= from ? s : s.slice(from, Long.MAX_VALUE);
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
      synchronized (lock) {
        model.close();
      }
    }
  }

  /** Symbols held, for tests and the CLI. */
  public List<String> symbols() {
    return new ArrayList<>(state().assets().keySet());
  }

  /** The governor states as last saved (a copy). */
  public Map<String, GovernorState> governorStates() {
    synchronized (lock) {
      return new HashMap<>(governorStates);
    }
  }
}

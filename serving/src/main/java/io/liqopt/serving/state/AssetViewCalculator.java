package io.liqopt.serving.state;

import io.liqopt.core.forecast.AssetForecast;
import io.liqopt.core.forecast.AssetHistory;
import io.liqopt.core.forecast.QuantileTracking;
import io.liqopt.core.forecast.QuantileTrackingState;
import io.liqopt.core.market.BarSeries;
import io.liqopt.core.policy.AssetRiskConfig;
import io.liqopt.core.policy.GovernorState;
import io.liqopt.core.policy.MarketSnapshot;
import io.liqopt.core.policy.ThresholdPipeline;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One held asset's {@link AssetView} for a new snapshot: its inputs (features, forecasts, market,
 * dashboard points), recomputed when its bars or the model changed and otherwise carried over, and
 * then its thresholds through {@link ThresholdPipeline}, the governor stepping from its remembered
 * state. One per publish, under the engine's lock (it steps the governor's memory).
 */
final class AssetViewCalculator {
  // the engine's logger: operators filter the serving log by it
  private static final Logger LOG = LoggerFactory.getLogger(ThresholdEngine.class);
  private static final long HOUR_MS = 3_600_000L;

  private final ThresholdEngine.Settings settings;
  private final ServingModel model;
  private final String factorSymbol;
  private final GovernorMemory governors;
  private final Predicate<String> priceStale;

  /**
   * @param priceStale whether an asset's live price is stale (its thresholds conservative)
   */
  AssetViewCalculator(
      ThresholdEngine.Settings settings,
      ServingModel model,
      String factorSymbol,
      GovernorMemory governors,
      Predicate<String> priceStale) {
    this.settings = settings;
    this.model = model;
    this.factorSymbol = factorSymbol;
    this.governors = governors;
    this.priceStale = priceStale;
  }

  /**
   * What the thresholds are computed from, and why there are none when an input is missing.
   *
   * @param forecast the forecast in force, its quantiles tracked ({@link QuantileTracking})
   * @param why null while the inputs are usable
   * @param tracking the tracking's state after this forecast, or null when it did not move (the
   *     inputs carried over, or no new forecast)
   */
  private record Inputs(
      AssetHistory history,
      AssetForecast forecast,
      MarketSnapshot market,
      List<HistoryPoint> points,
      String why,
      QuantileTrackingState tracking) {

    static Inputs of(AssetView prev) {
      return new Inputs(prev.history(), prev.forecast(), prev.market(), prev.points(), null, null);
    }
  }

  /**
   * Every held asset's view at {@code nowMs}, in the order of {@code windows}: its inputs are
   * recomputed (new bars, a new model, the first snapshot) or carried over, and the governor steps
   * from them. A recomputed asset's features are extended from its previous view's ({@link
   * AssetHistory#extend}): a bar costs its new rows, not the whole held window.
   *
   * @param windows every held asset's bars
   * @param factor the market factor's held bars
   * @param changed the assets whose bars changed
   * @param modelChanged whether the model changed (every asset is recomputed, nothing carried)
   * @param previous the previous snapshot (null before the first)
   */
  Map<String, AssetView> views(
      Map<String, BarSeries> windows,
      BarSeries factor,
      Set<String> changed,
      boolean modelChanged,
      ServingState previous,
      long nowMs) {
    Map<String, AssetView> views = new LinkedHashMap<>();
    for (Map.Entry<String, BarSeries> e : windows.entrySet()) {
      String symbol = e.getKey();
      AssetView prev = previous == null || modelChanged ? null : previous.assets().get(symbol);
      Inputs in =
          prev == null || changed.contains(symbol)
              ? inputs(symbol, e.getValue(), factor, prev, settings.policy().forSymbol(symbol))
              : Inputs.of(prev);
      views.put(symbol, view(symbol, in, nowMs));
    }
    return views;
  }

  /**
   * Publishes {@code rounds} times the views of a bar that {@code s} already holds, and drops them:
   * every asset's features extended by its last bar from its history without it (every other round
   * with the window slid by a bar, as new bars slide it), its forecast, dashboard point and a
   * governor step on this calculator's memory (a copy, {@link ThresholdEngine#scratchCalculator}).
   * The same code as a bar's, on data already served; nothing of the service changes. Stops at the
   * first failure (logged: the bars will meet it too) or past {@code budgetNanos}.
   *
   * @return the rounds done, their time, and the assets of the last round that had a forecast
   */
  BarPathRehearsal.Result rehearse(ServingState s, int rounds, long budgetNanos) {
    Map<String, AssetView> before = new LinkedHashMap<>();
    Map<String, BarSeries> held = new LinkedHashMap<>();
    Map<String, BarSeries> slid = new LinkedHashMap<>();
    for (AssetView v : s.assets().values()) {
      BarSeries w = v.history() == null ? null : v.history().series();
      if (w != null && w.size() > 2) {
        before.put(v.symbol(), v.rewound(v.history().before(w.lastOpenTimeMs())));
        held.put(v.symbol(), w);
        slid.put(v.symbol(), w.slice(w.openTimeMs(1), Long.MAX_VALUE));
      }
    }
    ServingState previous =
        new ServingState(s.version(), s.modelId(), s.mode(), s.clock(), s.nowMs(), before);
    long t0 = System.nanoTime();
    int forecasts = 0;
    int r = 0;
    for (; r < rounds && System.nanoTime() - t0 < budgetNanos; r++) {
      Map<String, BarSeries> windows = r % 2 == 0 ? held : slid;
      try {
        Map<String, AssetView> views =
            views(windows, windows.get(factorSymbol), held.keySet(), false, previous, s.nowMs());
        forecasts = (int) views.values().stream().filter(v -> v.forecast() != null).count();
      } catch (RuntimeException e) {
        LOG.warn("rehearsing a bar failed: {}", e.toString());
        break;
      }
    }
    return new BarPathRehearsal.Result(r, (System.nanoTime() - t0) / 1_000_000, forecasts);
  }

  /** The view of {@code symbol} at {@code nowMs} from its inputs. */
  private AssetView view(String symbol, Inputs in, long nowMs) {
    AssetRiskConfig config = settings.policy().forSymbol(symbol);
    String why = in.why();
    if (in.market() == null && why == null) {
      why = "no traded volume in the last 24 h (the impact model needs it)";
    }
    if (why != null || in.forecast() == null || in.market() == null) {
      keepTracking(symbol, in);
      return new AssetView(
          symbol,
          in.history(),
          in.forecast(),
          in.market(),
          null,
          null,
          why == null ? "no forecast" : why,
          in.points(),
          trackingInForce(symbol, in));
    }
    return govern(symbol, in, config, nowMs);
  }

  /**
   * Recomputes the inputs: features over the window, forecasts of the rows not yet in the
   * dashboard's points (the last one is the forecast in force), and the market at the last bar. A
   * model failure or an undefined last forecast keeps the previous forecast, which the calculator
   * flags stale once too old.
   */
  private Inputs inputs(
      String symbol, BarSeries window, BarSeries factor, AssetView prev, AssetRiskConfig config) {
    // the features of the rows the previous view held are kept: only new rows are computed
    AssetHistory history =
        AssetHistory.extend(prev == null ? null : prev.history(), window, factor);
    int last = history.size() - 1;
    List<HistoryPoint> points = keptPoints(window, prev);
    int from = Math.max(0, history.size() - settings.dashboardHours());
    if (!points.isEmpty()) {
      long after = points.get(points.size() - 1).t();
      from = Math.max(from, window.indexAtOrAfter(after));
    }
    String why = null;
    List<AssetForecast> rows;
    try {
      rows = new ArrayList<>(model.model().forecastRows(history, from, history.size()));
    } catch (RuntimeException ex) {
      LOG.warn("forecast of {} failed: {}", symbol, ex.getMessage());
      rows = new ArrayList<>();
      for (int r = from; r < history.size(); r++) {
        rows.add(null);
      }
      why = "the model failed: " + ex.getMessage();
    }
    QuantileTrackingState tracking = track(symbol, window, rows);
    AssetForecast forecast = rows.isEmpty() ? null : rows.get(rows.size() - 1);
    for (int r = from; r < history.size(); r++) {
      points.add(point(history, r, rows.get(r - from), config));
    }
    if (forecast == null && prev != null && prev.forecast() != null) {
      forecast = prev.forecast(); // older: the calculator flags it stale once too old
    }
    MarketSnapshot market = MarketSnapshot.at(history, last);
    if (forecast == null && why == null) {
      why =
          "no forecast: the model's inputs are undefined at the last bar (warm-up, or the "
              + "market factor "
              + factorSymbol
              + " lacks that hour)";
    }
    return new Inputs(history, forecast, market, points, why, tracking);
  }

  /**
   * Tracks the new forecasts in {@code rows} in place, in time order from the asset's saved state,
   * as the backtest tracks every hour: those of bars after the last one tracked, and that bar's
   * again (a new model). The dashboard's points then show the served quantiles' targets. Without a
   * saved state (a first start) the rows are the dashboard's window, over which the tracking warms
   * up. Returns the new state, or null when nothing was tracked.
   */
  private QuantileTrackingState track(String symbol, BarSeries window, List<AssetForecast> rows) {
    QuantileTracking tracking = model.tracking();
    if (!tracking.enabled()) {
      return null;
    }
    GovernorState before = governors.get(symbol);
    QuantileTrackingState state = before == null ? null : before.tracking();
    QuantileTracking.Outcomes outcomes = QuantileTracking.outcomesOf(window);
    boolean moved = false;
    for (int i = 0; i < rows.size(); i++) {
      AssetForecast f = rows.get(i);
      if (f != null && (state == null || f.asOfEpochMs() >= state.lastAsOfEpochMs())) {
        QuantileTracking.Step step = tracking.next(state, f, outcomes);
        rows.set(i, step.forecast());
        state = step.state();
        moved = true;
      }
    }
    return moved ? state : null;
  }

  /**
   * Keeps the tracking's new state when no thresholds are made (the governor does not step), so
   * that the forecast's window is judged as the backtest judges every hour's. Kept only beside a
   * governor state: an asset that never had thresholds starts its tracking again.
   */
  private void keepTracking(String symbol, Inputs in) {
    GovernorState before = governors.get(symbol);
    if (in.tracking() != null && before != null) {
      governors.put(symbol, before.withTracking(in.tracking()));
    }
  }

  /** The tracking state the forecast of {@code in} was served with, or null when untracked. */
  private QuantileTrackingState trackingInForce(String symbol, Inputs in) {
    if (in.tracking() != null) {
      return in.tracking();
    }
    GovernorState g = governors.get(symbol);
    return g == null || !model.tracking().enabled() ? null : g.tracking();
  }

  /** The previous view's points still inside the dashboard's window (a mutable copy). */
  private List<HistoryPoint> keptPoints(BarSeries window, AssetView prev) {
    List<HistoryPoint> points = new ArrayList<>();
    if (prev == null) {
      return points;
    }
    long keepFrom = window.lastOpenTimeMs() + HOUR_MS - settings.dashboardHours() * HOUR_MS;
    for (HistoryPoint p : prev.points()) {
      if (p.t() > keepFrom) {
        points.add(p);
      }
    }
    return points;
  }

  /** The thresholds from usable inputs: the pipeline, then the governor's step, remembered. */
  private AssetView govern(String symbol, Inputs in, AssetRiskConfig config, long nowMs) {
    GovernorState before = governors.get(symbol);
    long at = before == null ? nowMs : Math.max(nowMs, before.updatedAtEpochMs());
    ThresholdPipeline.Outcome o;
    try {
      o =
          ThresholdPipeline.DEFAULT.evaluate(
              in.forecast(),
              in.market().withPriceStale(priceStale.test(symbol)),
              config,
              Math.max(at, in.market().asOfEpochMs()),
              before,
              true);
    } catch (IllegalArgumentException ex) {
      o =
          new ThresholdPipeline.Outcome(
              in.market(), null, null, ThresholdPipeline.Refusal.POLICY, ex.getMessage());
    }
    if (o.refused()) {
      keepTracking(symbol, in);
      return new AssetView(
          symbol,
          in.history(),
          in.forecast(),
          in.market(),
          null,
          null,
          "the policy cannot use this forecast: " + o.detail(),
          in.points(),
          trackingInForce(symbol, in));
    }
    QuantileTrackingState tracking = in.tracking();
    if (tracking == null && before != null) {
      tracking = before.tracking(); // the governor's step does not carry it
    }
    governors.put(symbol, o.step().state().withTracking(tracking));
    return new AssetView(
        symbol,
        in.history(),
        in.forecast(),
        in.market(),
        o.target(),
        o.governed(),
        null,
        in.points(),
        trackingInForce(symbol, in));
  }

  /** The dashboard point of {@code row}: price, 24 h volatility, target LT and max LTV. */
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
}

package io.liqopt.backtest;

import io.liqopt.core.forecast.AssetForecast;
import io.liqopt.core.forecast.AssetHistory;
import io.liqopt.core.forecast.Fold;
import io.liqopt.core.forecast.ForecastSpec;
import io.liqopt.core.forecast.Forecaster;
import io.liqopt.core.forecast.QuantileTracking;
import io.liqopt.core.forecast.QuantileTrackingState;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One forecaster's walk-forward forecasts of every asset at every hour: computed once (the costly
 * part of a forecast policy), then turned into thresholds by any number of policies of a sweep
 * ({@link Policies#fromForecasts}). Entry {@code r} of an asset is the forecast made at the close
 * of bar {@code r} by the model fitted on the bars before its block's cut-off; null where there is
 * none (warm-up, a failed fit, an asset the model left out). Immutable.
 */
public final class WalkForwardForecasts {
  private final String recipe;
  private final Map<String, AssetForecast[]> rows;

  /**
   * Forecasts by symbol, each array as long as its history (copied).
   *
   * @param recipe what produced them (forecaster, spec, walk-forward, seed), for the cache key
   */
  public WalkForwardForecasts(String recipe, Map<String, AssetForecast[]> rows) {
    this.recipe = recipe;
    Map<String, AssetForecast[]> copy = new LinkedHashMap<>();
    rows.forEach((symbol, r) -> copy.put(symbol, r.clone()));
    this.rows = Collections.unmodifiableMap(copy);
  }

  /**
   * Fits {@code forecaster} walk-forward and forecasts every hour: the first fit after {@code
   * wf.minTrainDays()} of history (and not before {@code startMs}), then one every {@code
   * wf.refitDays()}, each on the bars opening before its block start minus the embargo (targets
   * computed on those bars alone). A fit that fails leaves its block without forecasts, with a
   * note. The fits run by groups ({@link WalkForwardFits}): each group on the forecaster closed
   * first, so a group's fits depend on nothing before it, whether it runs here or, for a forecaster
   * that is {@link WalkForwardFits.Elsewhere}, where that forecaster sends it.
   *
   * @param progress receives a line per fit
   */
  public static WalkForwardForecasts compute(
      Forecaster forecaster,
      ForecastSpec spec,
      Policies.WalkForward wf,
      List<AssetHistory> histories,
      long seed,
      long startMs,
      Consumer<String> progress) {
    Map<String, AssetForecast[]> out = new LinkedHashMap<>();
    for (AssetHistory h : histories) {
      out.put(h.symbol(), new AssetForecast[h.size()]);
    }
    WalkForwardFits.Job job = new WalkForwardFits.Job(spec, wf, seed, startMs);
    List<Fold> folds = WalkForwardFits.folds(job, histories);
    String name = forecaster.name();
    if (forecaster instanceof WalkForwardFits.Elsewhere there) {
      List<List<Integer>> groups = WalkForwardFits.groups(forecaster, folds, histories);
      for (WalkForwardFits.FoldForecasts f : there.fit(job, histories, groups, progress)) {
        if (f.failure() != null) {
          progress.accept(WalkForwardFits.failureLine(name, f.fold(), f.failure()));
        }
        for (WalkForwardFits.Rows r : f.rows()) {
          AssetForecast[] rows = r.forecasts();
          System.arraycopy(rows, 0, out.get(r.symbol()), r.from(), rows.length);
        }
      }
    } else {
      for (List<Integer> group : WalkForwardFits.groups(forecaster, folds, histories)) {
        forecaster.close(); // a group starts from nothing kept, wherever it runs
        for (int i : group) {
          String failure =
              WalkForwardFits.fit(
                  forecaster,
                  job,
                  histories,
                  folds.get(i),
                  folds.size(),
                  (symbol, from, rows) ->
                      System.arraycopy(rows, 0, out.get(symbol), from, rows.length),
                  progress);
          if (failure != null) {
            progress.accept(WalkForwardFits.failureLine(name, i, failure));
          }
        }
      }
    }
    QuantileTracking tracking = spec.quantileTracking();
    if (tracking.enabled()) {
      for (AssetHistory h : histories) {
        track(tracking, h, out.get(h.symbol()));
      }
    }
    return new WalkForwardForecasts(recipe(forecaster, spec, wf, seed, startMs), out);
  }

  /**
   * Tracks one asset's forecasts in place, hour by hour from its first forecast, as the service
   * tracks the forecasts it serves: the state carried across refits, every forecast made counted
   * whether or not a policy uses its hour.
   */
  private static void track(QuantileTracking tracking, AssetHistory h, AssetForecast[] rows) {
    QuantileTracking.Outcomes outcomes = QuantileTracking.outcomesOf(h.series());
    QuantileTrackingState state = null;
    for (int r = 0; r < rows.length; r++) {
      if (rows[r] != null) {
        QuantileTracking.Step step = tracking.next(state, rows[r], outcomes);
        rows[r] = step.forecast();
        state = step.state();
      }
    }
  }

  /** The recipe string of {@link #compute}'s arguments (the cache key's non-data part). */
  public static String recipe(
      Forecaster forecaster, ForecastSpec spec, Policies.WalkForward wf, long seed, long startMs) {
    return String.format(
        Locale.ROOT,
        "forecaster=%s;spec=%s;walkForward=%s;seed=%d;start=%d",
        forecaster.name(),
        spec,
        wf,
        seed,
        startMs);
  }

  /** What produced these forecasts. */
  public String recipe() {
    return recipe;
  }

  /** The assets, in the order given. */
  public Set<String> symbols() {
    return rows.keySet();
  }

  /** Hours of {@code symbol}'s history (0 when it has none). */
  public int size(String symbol) {
    AssetForecast[] r = rows.get(symbol);
    return r == null ? 0 : r.length;
  }

  /** The forecast made at the close of bar {@code row}, or null. */
  public AssetForecast at(String symbol, int row) {
    AssetForecast[] r = rows.get(symbol);
    return r == null ? null : r[row];
  }
}

package io.liqopt.backtest;

import io.liqopt.core.forecast.AssetForecast;
import io.liqopt.core.forecast.AssetHistory;
import io.liqopt.core.forecast.Fold;
import io.liqopt.core.forecast.ForecastModel;
import io.liqopt.core.forecast.ForecastSpec;
import io.liqopt.core.forecast.Forecaster;
import io.liqopt.core.forecast.TrainingSet;
import java.time.Instant;
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
  private static final long HOUR_MS = 3_600_000L;
  private static final long DAY_MS = 24 * HOUR_MS;

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
   * note.
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
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    Map<String, AssetForecast[]> out = new LinkedHashMap<>();
    for (AssetHistory h : histories) {
      first = Math.min(first, h.series().firstOpenTimeMs());
      last = Math.max(last, h.series().lastOpenTimeMs());
      out.put(h.symbol(), new AssetForecast[h.size()]);
    }
    long start = Math.max(first + wf.minTrainDays() * DAY_MS, startMs);
    List<Fold> folds = Fold.plan(start, last, wf.refitDays() * DAY_MS, wf.embargoHours() * HOUR_MS);
    String name = forecaster.name();
    for (Fold fold : folds) {
      int block = fold.index() + 1;
      progress.accept(
          String.format(
              Locale.ROOT,
              "%s: fit %d/%d on bars before %s",
              name,
              block,
              folds.size(),
              Instant.ofEpochMilli(fold.trainCutoffMs())));
      ForecastModel model;
      try {
        model = forecaster.fit(TrainingSet.before(histories, fold.trainCutoffMs(), spec, seed));
      } catch (RuntimeException e) {
        progress.accept(
            name
                + ": fit "
                + block
                + " failed ("
                + e.getMessage()
                + "); the block has no forecasts");
        continue;
      }
      for (AssetHistory h : histories) {
        int from = h.series().indexAtOrAfter(fold.testStartMs());
        int to = h.series().indexAtOrAfter(fold.testEndMs());
        if (from >= to || !model.symbols().contains(h.symbol())) {
          continue;
        }
        List<AssetForecast> f = model.forecastRows(h, from, to);
        AssetForecast[] target = out.get(h.symbol());
        for (int r = from; r < to; r++) {
          target[r] = f.get(r - from);
        }
      }
    }
    return new WalkForwardForecasts(recipe(forecaster, spec, wf, seed, startMs), out);
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

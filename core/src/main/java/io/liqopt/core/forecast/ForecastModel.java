package io.liqopt.core.forecast;

import java.util.Set;

/**
 * A fitted forecaster: it can only forecast. Implementations are immutable after fitting, or hold
 * only caches derived from the histories they are given; they are thread-safe.
 */
public interface ForecastModel {
  /** Identifies the fitted model (method and fit), carried by every forecast. */
  String modelVersion();

  /** The symbols this model can forecast. */
  Set<String> symbols();

  /**
   * The forecast made at the close of bar {@code row} of {@code history}, about the bars after it.
   * Reads only rows {@code ≤ row} of the history.
   *
   * @throws IllegalArgumentException if the model does not cover the symbol, or the inputs the
   *     model needs at that row are undefined (warm-up); {@link #canForecast} tells in advance
   */
  AssetForecast forecast(AssetHistory history, int row);

  /** True if {@link #forecast} would succeed at this row. */
  boolean canForecast(AssetHistory history, int row);

  /**
   * Forecasts at rows {@code from..to-1}, an entry per row, null where {@link #canForecast} is
   * false. Models that predict faster in batches (trees, networks) override it; the result must
   * equal calling {@link #forecast} row by row.
   */
  default java.util.List<AssetForecast> forecastRows(AssetHistory history, int from, int to) {
    java.util.List<AssetForecast> out = new java.util.ArrayList<>(Math.max(0, to - from));
    for (int row = from; row < to; row++) {
      out.add(canForecast(history, row) ? forecast(history, row) : null);
    }
    return out;
  }
}

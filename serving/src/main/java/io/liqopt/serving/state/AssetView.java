package io.liqopt.serving.state;

import io.liqopt.core.forecast.AssetForecast;
import io.liqopt.core.forecast.AssetHistory;
import io.liqopt.core.forecast.QuantileTrackingState;
import io.liqopt.core.policy.AssetThresholds;
import io.liqopt.core.policy.MarketSnapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything the service knows about one asset at one moment; immutable, part of a {@link
 * ServingState}.
 *
 * @param symbol the asset
 * @param history the recent bars held in memory and their features
 * @param forecast the latest forecast, or null when none could be made
 * @param market price and volume at the last bar, or null when undefined
 * @param target the calculator's thresholds (before the governor), or null
 * @param governed the thresholds in force (after the governor), or null when unavailable
 * @param unavailable why there are no thresholds, or null when there are
 * @param points recent hourly history for the dashboard, oldest first
 * @param tracking the quantile tracking's state after the forecast ({@link
 *     io.liqopt.core.forecast.QuantileTracking}): the offsets that moved its long adverse-move
 *     quantiles; null when they are served as the model made them
 */
public record AssetView(
    String symbol,
    AssetHistory history,
    AssetForecast forecast,
    MarketSnapshot market,
    AssetThresholds target,
    AssetThresholds governed,
    String unavailable,
    List<HistoryPoint> points,
    QuantileTrackingState tracking) {

  public AssetView {
    points = List.copyOf(points);
    if ((governed == null) == (unavailable == null)) {
      throw new IllegalArgumentException("exactly one of governed and unavailable must be given");
    }
  }

  /**
   * This view as it was a bar earlier, for a rehearsal: {@code h} its history, no forecast, and its
   * dashboard points up to {@code h}'s last bar's close.
   */
  AssetView rewound(AssetHistory h) {
    long close = h.series().lastOpenTimeMs() + h.series().interval().millis();
    List<HistoryPoint> kept = points.stream().filter(p -> p.t() <= close).toList();
    return new AssetView(symbol, h, null, market, target, governed, unavailable, kept, tracking);
  }

  /** The close time of the last bar held, UTC epoch ms. */
  public long dataTimeMs() {
    return history.series().lastOpenTimeMs() + history.series().interval().millis();
  }

  /**
   * The dashboard points of the last {@code hours} before the last bar's close, oldest first.
   *
   * @param hours the window, hours
   */
  public List<HistoryPoint> recentPoints(int hours) {
    long from = dataTimeMs() - hours * 3_600_000L;
    List<HistoryPoint> out = new ArrayList<>();
    for (HistoryPoint p : points) {
      if (p.t() > from) {
        out.add(p);
      }
    }
    return out;
  }

  /** The last close. */
  public double price() {
    return history.series().close(history.size() - 1);
  }
}

package io.liqopt.serving.state;

import io.liqopt.core.forecast.AssetForecast;
import io.liqopt.core.forecast.AssetHistory;
import io.liqopt.core.forecast.ForecastModel;
import io.liqopt.core.forecast.TrainingSet;
import io.liqopt.core.market.BarSeries;
import io.liqopt.core.policy.MarketSnapshot;
import io.liqopt.core.policy.ThresholdPipeline;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;

/**
 * Thresholds for an asset the service does not hold, from the caller's bars: the served bundle
 * forecasts it (the pooled model covers unseen assets), or with a baseline, the baseline is fitted
 * on those bars alone. No governor (it has no memory of the asset). Stateless; thread-safe.
 */
final class AdhocThresholds {
  private final ThresholdEngine.Settings settings;
  private final InstantSource wall;
  private final String factorSymbol;

  AdhocThresholds(ThresholdEngine.Settings settings, InstantSource wall, String factorSymbol) {
    this.settings = settings;
    this.wall = wall;
    this.factorSymbol = factorSymbol;
  }

  /**
   * The view of {@code bars}' asset, forecast by {@code m} with the market factor of snapshot
   * {@code s}.
   *
   * @throws IllegalArgumentException when no forecast can be made from the bars given
   */
  AssetView of(ServingModel m, ServingState s, BarSeries bars) {
    BarSeries factor = s.assets().get(factorSymbol).history().series();
    AssetHistory h = AssetHistory.of(bars, factor);
    int last = h.size() - 1;
    ForecastModel fm = m.isBaseline() ? fitBaseline(h, bars) : m.model();
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
        settings.clock() == ThresholdEngine.Clock.WALL
            ? wall.millis()
            : Math.max(s.nowMs(), market.asOfEpochMs());
    ThresholdPipeline.Outcome o =
        ThresholdPipeline.DEFAULT.evaluate(
            f, market, settings.policy().forSymbol(bars.symbol()), now, null, false);
    if (o.refused()) {
      throw new IllegalArgumentException(o.detail());
    }
    return new AssetView(
        bars.symbol(), h, f, market, o.target(), o.target(), null, List.of(), null);
  }

  /** The baseline fitted on the caller's bars alone (it has seen nothing else of the asset). */
  private ForecastModel fitBaseline(AssetHistory h, BarSeries bars) {
    try {
      return ServingModel.baselineForecaster(settings.baseline())
          .fit(
              TrainingSet.before(
                  List.of(h),
                  bars.lastOpenTimeMs() + 1,
                  ModelHolder.baselineSpec(settings),
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
}

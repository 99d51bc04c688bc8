package io.liqopt.training;

import io.liqopt.core.forecast.AssetForecast;
import io.liqopt.core.forecast.AssetHistory;
import io.liqopt.core.forecast.ForecastModel;
import io.liqopt.core.forecast.ForecastSpec;
import io.liqopt.core.forecast.Forecaster;
import io.liqopt.core.forecast.TrainingSet;
import io.liqopt.core.market.BarSeries;
import io.liqopt.core.policy.AssetThresholds;
import io.liqopt.core.policy.Reason;
import io.liqopt.core.policy.ReasonCode;
import io.liqopt.core.policy.ResolvedPolicy;
import io.liqopt.core.policy.ThresholdPipeline;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code liqopt thresholds} as a library call: fits one forecaster on all the history of the
 * assets, forecasts at each asset's last bar and runs the threshold pipeline there (the same core
 * code the service calls), before the anti-procyclicality governor, which needs a history of steps.
 */
public final class ThresholdsJob {

  /** The seed of the fit. */
  private static final long SEED = 42;

  /** What became of one asset. */
  public enum Status {
    /** Thresholds computed. */
    OK,
    /** The model could not be fitted for the asset, or its inputs at the last bar are undefined. */
    NO_FORECAST,
    /** Nothing traded in the 24 h before the last bar. */
    NO_MARKET,
    /** The pipeline refused the forecast (see the detail). */
    REFUSED
  }

  /**
   * One asset at its last bar.
   *
   * @param closeTimeMs the close time of the last bar
   * @param close its close price
   * @param thresholds the thresholds (OK only, else null)
   * @param binding the reasons that bound the thresholds: clamped bonus, stale data, scaled daily
   *     volatility (OK only, else empty)
   * @param detail why the pipeline refused (REFUSED only, else null)
   */
  public record AssetResult(
      String symbol,
      Status status,
      long closeTimeMs,
      double close,
      AssetThresholds thresholds,
      List<ReasonCode> binding,
      String detail) {
    public AssetResult {
      binding = List.copyOf(binding);
    }
  }

  /**
   * The fit and every asset, in the order given.
   *
   * @param modelVersion the fitted model's version
   */
  public record Result(String modelVersion, List<AssetResult> assets) {
    public Result {
      assets = List.copyOf(assets);
    }
  }

  private ThresholdsJob() {}

  /**
   * Fits {@code forecaster} on all of {@code series} (with {@code factor} as the market factor),
   * the horizons of {@code policy} and stress level {@code stressLevel}, and computes each asset's
   * thresholds at its last bar.
   */
  public static Result run(
      List<BarSeries> series,
      BarSeries factor,
      Forecaster forecaster,
      ResolvedPolicy policy,
      double stressLevel) {
    ForecastSpec fs = ForecastSpec.of(policy.horizonsHours(), stressLevel);
    List<AssetHistory> histories = new ArrayList<>();
    long end = Long.MIN_VALUE;
    for (BarSeries s : series) {
      histories.add(AssetHistory.of(s, factor));
      end = Math.max(end, s.lastOpenTimeMs());
    }
    ForecastModel fitted = forecaster.fit(TrainingSet.before(histories, end + 1, fs, SEED));
    List<AssetResult> assets = new ArrayList<>();
    for (AssetHistory h : histories) {
      assets.add(atLastBar(fitted, h, policy));
    }
    return new Result(fitted.modelVersion(), assets);
  }

  /** The thresholds of {@code h} at its last bar, or why there are none. */
  private static AssetResult atLastBar(
      ForecastModel fitted, AssetHistory h, ResolvedPolicy policy) {
    int row = h.size() - 1;
    long closeMs = h.series().openTimeMs(row) + h.series().interval().millis();
    double close = h.series().close(row);
    if (!fitted.canForecast(h, row)) {
      return new AssetResult(h.symbol(), Status.NO_FORECAST, closeMs, close, null, List.of(), null);
    }
    AssetForecast f = fitted.forecast(h, row);
    ThresholdPipeline.Outcome o =
        ThresholdPipeline.DEFAULT.target(f, h, row, policy.forSymbol(h.symbol()));
    if (o.refusal() == ThresholdPipeline.Refusal.NO_MARKET) {
      return new AssetResult(h.symbol(), Status.NO_MARKET, closeMs, close, null, List.of(), null);
    }
    if (o.refused()) {
      return new AssetResult(
          h.symbol(), Status.REFUSED, closeMs, close, null, List.of(), o.detail());
    }
    AssetThresholds t = o.target();
    List<ReasonCode> binding = new ArrayList<>();
    for (Reason r : t.reasons()) {
      switch (r.code()) {
        case BONUS_CLAMPED_MIN, BONUS_CLAMPED_MAX, STALE_CONSERVATIVE, DAILY_VOLATILITY_SCALED ->
            binding.add(r.code());
        default -> {}
      }
    }
    return new AssetResult(h.symbol(), Status.OK, closeMs, close, t, binding, null);
  }
}

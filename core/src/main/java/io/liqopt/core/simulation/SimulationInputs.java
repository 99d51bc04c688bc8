package io.liqopt.core.simulation;

import io.liqopt.core.forecast.AssetForecast;
import io.liqopt.core.forecast.AssetHistory;
import io.liqopt.core.forecast.ForecastModel;
import io.liqopt.core.forecast.ForecastSpec;
import io.liqopt.core.forecast.Forecaster;
import io.liqopt.core.forecast.TrainingSet;
import io.liqopt.core.market.BarSeries;
import io.liqopt.core.policy.AssetRiskConfig;
import io.liqopt.core.policy.AssetThresholds;
import io.liqopt.core.policy.MarketSnapshot;
import io.liqopt.core.policy.ResolvedPolicy;
import io.liqopt.core.policy.SquareRootImpact;
import io.liqopt.core.policy.ThresholdPipeline;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What both {@code simulate} commands start from: each asset as of a date, seen only through the
 * bars before it: a forecaster fitted on those bars, its forecast at the last of them, the policy's
 * thresholds from that forecast (bonus, slippage, LT), the impact law, and the hourly volatility
 * that rescales the simulated residuals.
 */
public final class SimulationInputs {
  private SimulationInputs() {}

  /**
   * One asset as of the cut-off.
   *
   * @param series the whole stored series (residuals are cut with {@code before} later)
   * @param past the history before the cut-off
   * @param forecast the forecast at the last bar of {@code past}
   * @param market price and daily volume at that bar's close
   * @param config the asset's risk configuration
   * @param thresholds the policy's parameters from the forecast (at the configured α)
   * @param impact the square-root impact law (k = Y σ_day / sqrt(V_day))
   */
  public record Asset(
      BarSeries series,
      AssetHistory past,
      AssetForecast forecast,
      MarketSnapshot market,
      AssetRiskConfig config,
      AssetThresholds thresholds,
      SquareRootImpact impact) {

    /** σ_hour of the forecast, {@code sqrt(variance_24h / 24)} ({@link AssetForecast}). */
    public double hourlyVolatility() {
      return forecast.hourlyVolatility();
    }

    public String symbol() {
      return series.symbol();
    }

    /** The close time of the last bar used, UTC ms. */
    public long closeMs() {
      return market.asOfEpochMs();
    }

    public double sigmaDay() {
      return thresholds.dailyVolatility();
    }
  }

  /** The assets that could be prepared, and a line for each that could not. */
  public record Prepared(
      long cutoffMs, String modelVersion, List<Asset> assets, List<String> skipped) {
    public Prepared {
      assets = List.copyOf(assets);
      skipped = List.copyOf(skipped);
    }

    /**
     * Refuses a partial preparation.
     *
     * @throws IllegalArgumentException {@code what: <the first skipped asset's reason>}
     */
    public void requireAll(String what) {
      if (!skipped.isEmpty()) {
        throw new IllegalArgumentException(what + ": " + skipped.get(0));
      }
    }
  }

  /** Just after the last stored bar of {@code series}: the default cut-off. */
  public static long afterLastBar(List<BarSeries> series) {
    long end = Long.MIN_VALUE;
    for (BarSeries s : series) {
      end = Math.max(end, s.lastOpenTimeMs() + s.interval().millis());
    }
    return end;
  }

  /**
   * Fits {@code forecaster} on the bars of {@code series} before the cut-off and prepares every
   * asset of it; an asset without bars, forecast or volume before the cut-off is skipped with a
   * reason.
   *
   * @param factor the market-factor series of the forecaster's features
   */
  public static Prepared prepare(
      List<BarSeries> series,
      BarSeries factor,
      long cutoffMs,
      Forecaster forecaster,
      ResolvedPolicy policy,
      double stressLevel) {
    ForecastSpec fs = ForecastSpec.of(policy.horizonsHours(), stressLevel);
    List<AssetHistory> histories = new ArrayList<>();
    for (BarSeries s : series) {
      histories.add(AssetHistory.of(s, factor));
    }
    ForecastModel fitted;
    try {
      fitted = forecaster.fit(TrainingSet.before(histories, cutoffMs, fs, 42));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          forecaster.name()
              + " could not be fitted on the bars "
              + "before "
              + Instant.ofEpochMilli(cutoffMs)
              + ": "
              + e.getMessage(),
          e);
    }
    List<Asset> assets = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (int i = 0; i < histories.size(); i++) {
      AssetHistory past = histories.get(i).before(cutoffMs);
      String sym = past.symbol();
      int row = past.size() - 1;
      if (row < 0) {
        skipped.add(sym + ": no bars before " + Instant.ofEpochMilli(cutoffMs));
        continue;
      }
      if (!fitted.canForecast(past, row)) {
        skipped.add(
            sym
                + ": "
                + forecaster.name()
                + " cannot forecast it at "
                + Instant.ofEpochMilli(past.series().openTimeMs(row))
                + " (too little history)");
        continue;
      }
      if (MarketSnapshot.at(past, row) == null) {
        skipped.add(sym + ": nothing traded in the 24 h before its last bar");
        continue;
      }
      AssetForecast f = fitted.forecast(past, row);
      AssetRiskConfig cfg = policy.forSymbol(sym);
      ThresholdPipeline.Outcome o = ThresholdPipeline.DEFAULT.target(f, past, row, cfg);
      if (o.refused()) {
        throw new IllegalArgumentException(o.detail());
      }
      MarketSnapshot snap = o.market();
      AssetThresholds t = o.target();
      SquareRootImpact impact =
          SquareRootImpact.of(snap, t.dailyVolatility(), cfg.execution().impactCoefficient());
      assets.add(new Asset(series.get(i), past, f, snap, cfg, t, impact));
    }
    return new Prepared(cutoffMs, fitted.modelVersion(), assets, skipped);
  }

  /**
   * The policy's LT at level {@code alpha} from the forecaster's own curve (the same forecast,
   * market and configuration, only α changed), or NaN when the curve does not reach that level.
   */
  public static AssetThresholds policyAt(Asset a, double alpha) {
    AssetRiskConfig c = a.config();
    ThresholdPipeline.Outcome o =
        ThresholdPipeline.DEFAULT.evaluate(
            a.forecast(), a.market(), c.withAlpha(alpha), a.closeMs(), null, false);
    return o.target();
  }

  /** {@code 2022-05-11 23:00} from epoch ms. */
  public static String time(long ms) {
    return Instant.ofEpochMilli(ms).toString().substring(0, 16).replace('T', ' ');
  }
}

package io.liqopt.core.forecast.baseline;

import io.liqopt.core.forecast.AssetForecast;
import io.liqopt.core.forecast.AssetHistory;
import io.liqopt.core.forecast.ForecastModel;
import io.liqopt.core.forecast.ForecastSpec;
import io.liqopt.core.forecast.HorizonForecast;
import io.liqopt.core.forecast.TrainingSet;
import io.liqopt.core.target.HorizonTargets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a variance forecast into adverse-move quantiles and a stress probability by filtered
 * historical simulation (Barone-Adesi, Giannopoulos and Vosper 1999, J. Futures Markets 19(5)): on
 * the training rows the realised adverse moves are standardised by the model's own forecast
 * volatility, z = MAE<sub>H</sub>/σ̂<sub>H</sub>; a forecast is then X<sub>α</sub>(H) =
 * σ̂<sub>H</sub>(t)·q<sub>α</sub>(z) and P(MAE<sub>24</sub> &gt; L) = P(z &gt;
 * L/σ̂<sub>24</sub>(t)) under the empirical distribution of z with a generalised Pareto tail
 * ({@link TailedDistribution}: no ties between order statistics, no zero beyond the largest move).
 * The standardised sample uses in-sample variance forecasts; all evaluation is out of sample.
 */
final class VarianceScaledModel implements ForecastModel {
  /** The largest long adverse move a curve may hold: a long position cannot lose 100 %. */
  static final double MAX_LONG_MOVE = 0.999;

  /**
   * Fewer standardised moves than this (30 days of hours; on shorter bars, the rows of 720 hours:
   * {@link io.liqopt.core.forecast.AssetHistory#rowsForHours}) and the asset is not fitted.
   */
  static final int MIN_SAMPLES = 720;

  private final String modelVersion;
  private final ForecastSpec spec;
  private final Map<String, PerAsset> perAsset;

  private record PerAsset(
      VarianceFunction variance,
      Map<Integer, EmpiricalDistribution> longZ,
      Map<Integer, EmpiricalDistribution> shortZ,
      TailedDistribution stressZ) {}

  private VarianceScaledModel(
      String modelVersion, ForecastSpec spec, Map<String, PerAsset> perAsset) {
    this.modelVersion = modelVersion;
    this.spec = spec;
    this.perAsset = perAsset;
  }

  /**
   * Standardises the training adverse moves of each asset that has a variance function.
   *
   * @throws IllegalArgumentException if no asset has {@link #MIN_SAMPLES} usable rows per horizon
   */
  static VarianceScaledModel fit(
      String modelVersion, TrainingSet data, Map<String, VarianceFunction> functions) {
    Map<String, PerAsset> fitted = new HashMap<>();
    for (TrainingSet.Asset a : data.assets()) {
      VarianceFunction f = functions.get(a.symbol());
      if (f == null) {
        continue;
      }
      Map<Integer, EmpiricalDistribution> longZ = new HashMap<>();
      Map<Integer, EmpiricalDistribution> shortZ = new HashMap<>();
      for (int h : data.spec().horizonsHours()) {
        HorizonTargets t = a.targets(h);
        double[] zl = new double[t.size()];
        double[] zs = new double[t.size()];
        int m = 0;
        for (int row = 0; row < t.size(); row++) {
          if (!t.isDefined(row)) {
            continue;
          }
          double v = f.variance(a.history(), row, h);
          if (v > 0 && Double.isFinite(v)) {
            double sigma = Math.sqrt(v);
            zl[m] = t.longAdverseMove(row) / sigma;
            zs[m] = t.shortAdverseMove(row) / sigma;
            m++;
          }
        }
        if (m < a.history().rowsForHours(MIN_SAMPLES)) {
          longZ = null;
          break;
        }
        longZ.put(h, EmpiricalDistribution.of(zl, m));
        shortZ.put(h, EmpiricalDistribution.of(zs, m));
      }
      if (longZ != null) {
        TailedDistribution stressZ =
            TailedDistribution.of(longZ.get(data.spec().stressHorizonHours()));
        fitted.put(a.symbol(), new PerAsset(f, Map.copyOf(longZ), Map.copyOf(shortZ), stressZ));
      }
    }
    if (fitted.isEmpty()) {
      throw new IllegalArgumentException(
          modelVersion
              + ": no asset has "
              + MIN_SAMPLES
              + " rows (hours of rows on shorter bars) with both a defined target and a defined"
              + " variance forecast for every horizon");
    }
    return new VarianceScaledModel(modelVersion, data.spec(), Map.copyOf(fitted));
  }

  @Override
  public String modelVersion() {
    return modelVersion;
  }

  @Override
  public Set<String> symbols() {
    return perAsset.keySet();
  }

  @Override
  public boolean canForecast(AssetHistory history, int row) {
    PerAsset p = perAsset.get(history.symbol());
    if (p == null || row < 0 || row >= history.size()) {
      return false;
    }
    for (int h : spec.horizonsHours()) {
      double v = p.variance.variance(history, row, h);
      if (!(v > 0) || !Double.isFinite(v)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public AssetForecast forecast(AssetHistory history, int row) {
    if (!perAsset.containsKey(history.symbol())) {
      throw new IllegalArgumentException(modelVersion + " was not fitted on " + history.symbol());
    }
    AssetForecast f = tryForecast(history, row);
    if (f == null) {
      throw new IllegalArgumentException(
          modelVersion
              + " has no variance forecast for "
              + history.symbol()
              + " at row "
              + row
              + " (inputs undefined: warm-up or too little data)");
    }
    return f;
  }

  /**
   * One pass per row: each variance is computed once (canForecast + forecast would do it twice).
   */
  @Override
  public List<AssetForecast> forecastRows(AssetHistory history, int from, int to) {
    List<AssetForecast> out = new ArrayList<>(Math.max(0, to - from));
    for (int row = from; row < to; row++) {
      out.add(tryForecast(history, row));
    }
    return out;
  }

  /**
   * The forecast at {@code row}, or null when the asset is not fitted or a variance is undefined.
   */
  private AssetForecast tryForecast(AssetHistory history, int row) {
    PerAsset p = perAsset.get(history.symbol());
    if (p == null || row < 0 || row >= history.size()) {
      return null;
    }
    double[] levels = spec.levelArray();
    List<HorizonForecast> horizons = new ArrayList<>(spec.horizonsHours().size());
    double stress = Double.NaN;
    for (int h : spec.horizonsHours()) {
      double v = p.variance.variance(history, row, h);
      if (!(v > 0) || !Double.isFinite(v)) {
        return null;
      }
      double sigma = Math.sqrt(v);
      EmpiricalDistribution zl = p.longZ.get(h);
      horizons.add(
          new HorizonForecast(
              h,
              v,
              HistoricalSimulationForecaster.curve(levels, zl, sigma, MAX_LONG_MOVE),
              HistoricalSimulationForecaster.curve(
                  levels, p.shortZ.get(h), sigma, Double.MAX_VALUE)));
      if (h == spec.stressHorizonHours()) {
        stress = p.stressZ.exceedance(spec.stressLevel() / sigma);
      }
    }
    return new AssetForecast(
        history.symbol(),
        history.series().openTimeMs(row),
        modelVersion,
        horizons,
        spec.stressLevel(),
        spec.stressHorizonHours(),
        stress);
  }
}

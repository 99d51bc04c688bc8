package io.liqopt.core.simulation;

import io.liqopt.core.forecast.AssetForecast;
import io.liqopt.core.forecast.AssetHistory;
import io.liqopt.core.forecast.ForecastModel;
import io.liqopt.core.forecast.Forecaster;
import io.liqopt.core.forecast.HorizonForecast;
import io.liqopt.core.forecast.QuantileCurve;
import io.liqopt.core.forecast.TrainingSet;
import io.liqopt.core.market.BarSeries;
import io.liqopt.core.stats.Quantiles;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A forecaster whose adverse-move quantiles and stress probability come from the path engine
 * instead of its base model's own: the base forecasts the variance, and the long adverse move over
 * H hours is read off simulated paths at that volatility. Log paths scale exactly with the
 * volatility, so one set of standardised paths per asset and horizon (simulated at fit time from
 * the training bars' residuals) serves every forecast: {@code X_H(α) = 1 − exp(σ_h · q_H(1 − α))},
 * σ_h the forecast hourly volatility {@code sqrt(variance_H / H)} and q the quantile of the
 * standardised lowest log low over H hours. The short side and the variance stay the base's. The
 * model version says {@code +paths}, so every threshold's reasons name the source.
 */
public final class PathQuantileForecaster implements Forecaster {
  private final Forecaster base;
  private final int paths;
  private final int blockHours;

  /**
   * @param base the variance forecaster
   * @param paths standardised paths per asset (20 000 give the 0.999 quantile from 20 paths)
   * @param blockHours the bootstrap block
   */
  public PathQuantileForecaster(Forecaster base, int paths, int blockHours) {
    this.base = base;
    this.paths = paths;
    this.blockHours = blockHours;
  }

  @Override
  public String name() {
    return base.name() + "+paths";
  }

  @Override
  public List<List<Integer>> fitGroups(long[] trainingEndsMs) {
    return base.fitGroups(trainingEndsMs);
  }

  @Override
  public void close() {
    base.close();
  }

  @Override
  public ForecastModel fit(TrainingSet data) {
    List<BarSeries> series = new ArrayList<>();
    for (TrainingSet.Asset a : data.assets()) {
      series.add(a.history().series());
    }
    return wrap(
        base.fit(data), series, data.spec().horizonsHours(), paths, blockHours, data.seed());
  }

  /**
   * An already fitted model (a bundle, say) with its adverse-move quantiles replaced by the path
   * engine's, the paths drawn from the residuals of {@code series}.
   */
  public static ForecastModel wrap(
      ForecastModel fitted,
      List<BarSeries> series,
      List<Integer> horizonsHours,
      int paths,
      int blockHours,
      long seed) {
    return new Model(fitted, sortedMinima(series, horizonsHours, paths, blockHours, seed), true);
  }

  /**
   * An already fitted model with its long adverse-move quantiles replaced by the path engine's at
   * the horizons in {@code replaced} only; the other horizons' quantiles, the variance and the
   * stress probability stay the base model's (a bundle chooses its stress source on its own). The
   * paths, drawn from the residuals of {@code series}, are simulated over all of {@code
   * horizonsHours}, so a replaced horizon's quantiles are those {@link #wrap} gives with the same
   * arguments. The model version says {@code +paths}; with nothing replaced the base model is
   * returned as it is.
   */
  public static ForecastModel wrapQuantiles(
      ForecastModel fitted,
      List<BarSeries> series,
      List<Integer> horizonsHours,
      Set<Integer> replaced,
      int paths,
      int blockHours,
      long seed) {
    if (replaced.isEmpty()) {
      return fitted;
    }
    Map<String, Map<Integer, double[]>> sortedMin =
        sortedMinima(series, horizonsHours, paths, blockHours, seed);
    sortedMin.values().forEach(byH -> byH.keySet().retainAll(replaced));
    return new Model(fitted, sortedMin, false);
  }

  /** Per asset and horizon the sorted standardised lowest log lows of simulated paths. */
  private static Map<String, Map<Integer, double[]>> sortedMinima(
      List<BarSeries> series, List<Integer> horizonsHours, int paths, int blockHours, long seed) {
    int maxH = horizonsHours.stream().mapToInt(Integer::intValue).max().orElse(24);
    Map<String, Map<Integer, double[]>> sortedMin = new HashMap<>();
    for (BarSeries h : series) {
      Residuals r;
      try {
        r = Residuals.of(List.of(h));
      } catch (IllegalArgumentException e) {
        continue; // too little history: the asset keeps its base quantiles
      }
      Paths p =
          PathEngine.simulate(
              r, new double[] {1}, paths, maxH, blockHours, seed ^ h.symbol().hashCode());
      Map<Integer, double[]> byH = new HashMap<>();
      for (int hh : horizonsHours) {
        byH.put(hh, ThresholdCalibrator.sortedMinLogLow(p, 0, hh));
      }
      sortedMin.put(h.symbol(), byH);
    }
    return sortedMin;
  }

  /** The fitted model. */
  static final class Model implements ForecastModel {
    private final ForecastModel base;
    private final Map<String, Map<Integer, double[]>> sortedMin;
    private final String version;
    private final boolean replacesStress;

    Model(
        ForecastModel base, Map<String, Map<Integer, double[]>> sortedMin, boolean replacesStress) {
      this.base = base;
      this.sortedMin = sortedMin;
      this.version = base.modelVersion() + "+paths";
      this.replacesStress = replacesStress;
    }

    @Override
    public String modelVersion() {
      return version;
    }

    @Override
    public Set<String> symbols() {
      return base.symbols();
    }

    @Override
    public boolean canForecast(AssetHistory history, int row) {
      return base.canForecast(history, row);
    }

    @Override
    public AssetForecast forecast(AssetHistory history, int row) {
      return replace(base.forecast(history, row));
    }

    @Override
    public List<AssetForecast> forecastRows(AssetHistory history, int from, int to) {
      List<AssetForecast> rows = base.forecastRows(history, from, to);
      List<AssetForecast> out = new ArrayList<>(rows.size());
      for (AssetForecast f : rows) {
        out.add(f == null ? null : replace(f));
      }
      return out;
    }

    private AssetForecast replace(AssetForecast f) {
      Map<Integer, double[]> m = sortedMin.get(f.symbol());
      if (m == null) {
        return new AssetForecast(
            f.symbol(),
            f.asOfEpochMs(),
            version,
            f.horizons(),
            f.stressLevel(),
            f.stressHorizonHours(),
            f.stressProbability());
      }
      List<HorizonForecast> hs = new ArrayList<>();
      double stress = f.stressProbability();
      for (HorizonForecast h : f.horizons()) {
        double[] sorted = m.get(h.horizonHours());
        if (sorted == null) {
          hs.add(h);
          continue;
        }
        double sigma = h.hourlyVolatility();
        double[] levels = h.longAdverseMove().levels();
        double[] x = new double[levels.length];
        for (int i = 0; i < levels.length; i++) {
          double z = Quantiles.ofSorted(sorted, 1 - levels[i]);
          x[i] = Math.min(1 - 1e-9, Math.max(0, 1 - Math.exp(sigma * z)));
        }
        hs.add(
            new HorizonForecast(
                h.horizonHours(),
                h.variance(),
                QuantileCurve.rearranged(levels, x),
                h.shortAdverseMove()));
        if (replacesStress && h.horizonHours() == f.stressHorizonHours()) {
          double cut = Math.log(1 - f.stressLevel()) / sigma;
          stress = (double) ThresholdCalibrator.countBelow(sorted, cut) / sorted.length;
        }
      }
      return new AssetForecast(
          f.symbol(),
          f.asOfEpochMs(),
          version,
          hs,
          f.stressLevel(),
          f.stressHorizonHours(),
          stress);
    }
  }

  /** For tests: the sorted standardised minima of an asset and horizon, or null. */
  static double[] sortedMinimaOf(ForecastModel model, String symbol, int horizon) {
    Map<Integer, double[]> m = ((Model) model).sortedMin.get(symbol);
    return m == null ? null : Arrays.copyOf(m.get(horizon), m.get(horizon).length);
  }
}

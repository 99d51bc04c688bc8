package io.liqopt.core.forecast.baseline;

import io.liqopt.core.Checks;
import io.liqopt.core.forecast.AssetForecast;
import io.liqopt.core.forecast.AssetHistory;
import io.liqopt.core.forecast.ForecastModel;
import io.liqopt.core.forecast.ForecastSpec;
import io.liqopt.core.forecast.Forecaster;
import io.liqopt.core.forecast.HorizonForecast;
import io.liqopt.core.forecast.QuantileCurve;
import io.liqopt.core.forecast.TrainingSet;
import io.liqopt.core.target.HorizonTargets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Historical simulation: the adverse-move quantiles are the empirical quantiles of the realised
 * MAE<sub>H</sub> over the last {@code lookbackDays} of the training data, the variance forecast is
 * the mean realised variance over the same window, the stress probability the frequency of
 * MAE<sub>24</sub> &gt; L there. Frozen between fits and blind to current conditions: the implicit
 * model of a static rule calibrated on recent history.
 */
public final class HistoricalSimulationForecaster implements Forecaster {
  /** A year: long enough to contain a stress episode, as static parameters are usually set. */
  public static final int DEFAULT_LOOKBACK_DAYS = 365;

  static final int MIN_SAMPLES = 720;
  private static final long DAY_MS = 86_400_000L;

  private final int lookbackDays;

  public HistoricalSimulationForecaster(int lookbackDays) {
    this.lookbackDays = Checks.positive(lookbackDays, "lookbackDays");
  }

  public HistoricalSimulationForecaster() {
    this(DEFAULT_LOOKBACK_DAYS);
  }

  /** Each asset's model is fitted on its own data alone. */
  @Override
  public boolean fitsAssetsApart() {
    return true;
  }

  @Override
  public String name() {
    return "hs";
  }

  @Override
  public ForecastModel fit(TrainingSet data) {
    ForecastSpec spec = data.spec();
    Map<String, List<HorizonForecast>> perAsset = new HashMap<>();
    Map<String, Double> stress = new HashMap<>();
    for (TrainingSet.Asset a : data.assets()) {
      List<HorizonForecast> horizons = new ArrayList<>();
      Double stressProbability = null;
      for (int h : spec.horizonsHours()) {
        HorizonTargets t = a.targets(h);
        int n = t.size();
        long from = n == 0 ? 0 : t.openTimeMs(n - 1) - lookbackDays * DAY_MS;
        double[] rv = new double[n];
        double[] up = new double[n];
        double[] down = new double[n];
        int m = 0;
        for (int row = 0; row < n; row++) {
          if (t.isDefined(row) && t.openTimeMs(row) > from) {
            rv[m] = t.realisedVariance(row);
            down[m] = t.longAdverseMove(row);
            up[m] = t.shortAdverseMove(row);
            m++;
          }
        }
        if (m < a.history().rowsForHours(MIN_SAMPLES)) {
          horizons = null;
          break;
        }
        EmpiricalDistribution variance = EmpiricalDistribution.of(rv, m);
        EmpiricalDistribution longMoves = EmpiricalDistribution.of(down, m);
        EmpiricalDistribution shortMoves = EmpiricalDistribution.of(up, m);
        double[] levels = spec.levelArray();
        horizons.add(
            new HorizonForecast(
                h,
                Math.max(variance.mean(), Double.MIN_NORMAL),
                curve(levels, longMoves, 1, VarianceScaledModel.MAX_LONG_MOVE),
                curve(levels, shortMoves, 1, Double.MAX_VALUE)));
        if (h == spec.stressHorizonHours()) {
          stressProbability = longMoves.exceedance(spec.stressLevel());
        }
      }
      if (horizons != null) {
        perAsset.put(a.symbol(), List.copyOf(horizons));
        stress.put(a.symbol(), stressProbability);
      }
    }
    if (perAsset.isEmpty()) {
      throw new IllegalArgumentException(
          "historical simulation needs at least "
              + MIN_SAMPLES
              + " defined targets per horizon in the last "
              + lookbackDays
              + " days of some asset");
    }
    return new Model("hs-" + lookbackDays + "d", Map.copyOf(perAsset), new HashMap<>(stress), spec);
  }

  static QuantileCurve curve(double[] levels, EmpiricalDistribution d, double scale, double cap) {
    double[] v = new double[levels.length];
    for (int i = 0; i < levels.length; i++) {
      v[i] = Math.min(cap, scale * d.quantile(levels[i]));
    }
    return QuantileCurve.of(levels, v);
  }

  private record Model(
      String modelVersion,
      Map<String, List<HorizonForecast>> perAsset,
      Map<String, Double> stress,
      ForecastSpec spec)
      implements ForecastModel {

    @Override
    public Set<String> symbols() {
      return perAsset.keySet();
    }

    @Override
    public boolean canForecast(AssetHistory history, int row) {
      return perAsset.containsKey(history.symbol()) && row >= 0 && row < history.size();
    }

    @Override
    public AssetForecast forecast(AssetHistory history, int row) {
      List<HorizonForecast> h = perAsset.get(history.symbol());
      if (h == null) {
        throw new IllegalArgumentException(modelVersion + " was not fitted on " + history.symbol());
      }
      return new AssetForecast(
          history.symbol(),
          history.series().openTimeMs(row),
          modelVersion,
          h,
          spec.stressLevel(),
          spec.stressHorizonHours(),
          stress.get(history.symbol()));
    }
  }
}

package io.liqopt.core.forecast.baseline;

import io.liqopt.core.feature.FeatureCalculator;
import io.liqopt.core.forecast.AssetHistory;
import io.liqopt.core.forecast.ForecastModel;
import io.liqopt.core.forecast.Forecaster;
import io.liqopt.core.forecast.TrainingSet;
import io.liqopt.core.target.HorizonTargets;
import java.util.HashMap;
import java.util.Map;

/**
 * HAR-RV ({@link HarRv}, Corsi 2009) per asset and horizon: log RV<sub>H</sub> regressed by OLS on
 * the log daily, weekly and monthly realised variances — the features {@code log_rv_1d}, {@code
 * log_rv_1w}, {@code log_rv_1m}, computed once in {@link FeatureCalculator} — over the training
 * rows whose target is defined; the variance forecast is the log-normal mean ({@link
 * HarRvFit#forecastVariance}). Quantiles and stress probability by filtered historical simulation
 * ({@link VarianceScaledModel}).
 */
public final class HarForecaster implements Forecaster {
  private static final int RV_D = FeatureCalculator.SCHEMA.indexOf("log_rv_1d");
  private static final int RV_W = FeatureCalculator.SCHEMA.indexOf("log_rv_1w");
  private static final int RV_M = FeatureCalculator.SCHEMA.indexOf("log_rv_1m");

  /** Each asset's model is fitted on its own data alone. */
  @Override
  public boolean fitsAssetsApart() {
    return true;
  }

  @Override
  public String name() {
    return "har";
  }

  @Override
  public ForecastModel fit(TrainingSet data) {
    return VarianceScaledModel.fit("har-rv", data, varianceFunctions(data));
  }

  /**
   * The fitted HAR-RV variance function of each asset that can be fitted on {@code data}.
   *
   * @throws IllegalArgumentException if no asset can be fitted
   */
  static Map<String, VarianceFunction> varianceFunctions(TrainingSet data) {
    Map<String, VarianceFunction> functions = new HashMap<>();
    Map<String, String> failures = new HashMap<>();
    for (TrainingSet.Asset a : data.assets()) {
      Map<Integer, HarRvFit> fits = new HashMap<>();
      try {
        for (int h : data.spec().horizonsHours()) {
          HorizonTargets t = a.targets(h);
          int n = t.size();
          double[] d = new double[n];
          double[] w = new double[n];
          double[] m = new double[n];
          double[] y = new double[n];
          for (int row = 0; row < n; row++) {
            d[row] = Math.exp(a.history().features().value(row, RV_D));
            w[row] = Math.exp(a.history().features().value(row, RV_W));
            m[row] = Math.exp(a.history().features().value(row, RV_M));
            y[row] = t.realisedVariance(row);
          }
          fits.put(h, HarRv.fit(d, w, m, y));
        }
      } catch (IllegalArgumentException e) {
        failures.put(a.symbol(), e.getMessage());
        continue;
      }
      functions.put(
          a.symbol(), (history, row, horizon) -> variance(fits.get(horizon), history, row));
    }
    if (functions.isEmpty()) {
      throw new IllegalArgumentException("HAR-RV could not be fitted on any asset: " + failures);
    }
    return functions;
  }

  private static double variance(HarRvFit fit, AssetHistory history, int row) {
    double d = history.features().value(row, RV_D);
    double w = history.features().value(row, RV_W);
    double m = history.features().value(row, RV_M);
    if (!Double.isFinite(d) || !Double.isFinite(w) || !Double.isFinite(m)) {
      return Double.NaN;
    }
    return fit.forecastVariance(Math.exp(d), Math.exp(w), Math.exp(m));
  }
}

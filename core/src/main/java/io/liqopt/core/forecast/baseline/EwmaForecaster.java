package io.liqopt.core.forecast.baseline;

import io.liqopt.core.feature.FeatureCalculator;
import io.liqopt.core.forecast.AssetHistory;
import io.liqopt.core.forecast.ForecastModel;
import io.liqopt.core.forecast.Forecaster;
import io.liqopt.core.forecast.TrainingSet;
import java.util.HashMap;
import java.util.Map;

/**
 * RiskMetrics (J.P. Morgan/Reuters 1996, RiskMetrics Technical Document, 4th ed., §5.2): hourly
 * variance σ²<sub>t</sub> = λσ²<sub>t−1</sub> + (1−λ)r²<sub>t</sub> with λ = 0.94 (the feature
 * {@code log_ewma_var}, computed once in {@link FeatureCalculator}), scaled to H hours by the
 * square-root-of-time rule, σ²<sub>H</sub> = H·σ²<sub>t</sub>; quantiles by scaling the empirical
 * quantiles of the standardised adverse moves ({@link VarianceScaledModel}).
 */
public final class EwmaForecaster implements Forecaster {
  private static final int LOG_EWMA_VAR = FeatureCalculator.SCHEMA.indexOf("log_ewma_var");

  /** Each asset's model is fitted on its own data alone. */
  @Override
  public boolean fitsAssetsApart() {
    return true;
  }

  @Override
  public String name() {
    return "ewma";
  }

  @Override
  public ForecastModel fit(TrainingSet data) {
    Map<String, VarianceFunction> functions = new HashMap<>();
    for (TrainingSet.Asset a : data.assets()) {
      functions.put(a.symbol(), EwmaForecaster::variance);
    }
    return VarianceScaledModel.fit("ewma-" + FeatureCalculator.EWMA_LAMBDA, data, functions);
  }

  private static double variance(AssetHistory history, int row, int horizonHours) {
    return horizonHours * Math.exp(history.features().value(row, LOG_EWMA_VAR));
  }
}

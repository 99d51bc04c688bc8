package io.liqopt.core.forecast.baseline;

import io.liqopt.core.forecast.ForecastModel;
import io.liqopt.core.forecast.Forecaster;
import io.liqopt.core.forecast.TrainingSet;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * GARCH(1,1) with Student-t innovations ({@link GarchT}, maximum likelihood) per asset on the log
 * returns bar to bar of the training data (hourly or shorter bars; a return across a data gap
 * enters as one return). The variance over H hours is the closed-form sum of the multi-step
 * forecasts of the bars in them ({@link GarchTState#cumulativeVarianceForecast}); quantiles and
 * stress probability by filtered historical simulation of the standardised adverse moves ({@link
 * VarianceScaledModel}).
 *
 * <p>At forecast time the variance recursion runs with the fitted parameters from the first return
 * of the history, started at the training sample's mean square exactly as in the fit, so a forecast
 * at row t depends on rows ≤ t only. Assets are fitted in parallel (they are independent, so the
 * result does not depend on scheduling).
 */
public final class GarchForecaster implements Forecaster {
  /** Each asset's model is fitted on its own data alone. */
  @Override
  public boolean fitsAssetsApart() {
    return true;
  }

  @Override
  public String name() {
    return "garch";
  }

  @Override
  public ForecastModel fit(TrainingSet data) {
    return VarianceScaledModel.fit("garch-t", data, varianceFunctions(data));
  }

  /**
   * The fitted GARCH(1,1)-t variance recursion of each asset that can be fitted on {@code data} (on
   * all its returns).
   *
   * @throws IllegalArgumentException if no asset can be fitted
   */
  static Map<String, VarianceFunction> varianceFunctions(TrainingSet data) {
    Map<String, VarianceFunction> functions = new ConcurrentHashMap<>();
    Map<String, String> failures = new ConcurrentHashMap<>();
    data.assets().parallelStream()
        .forEach(
            a -> {
              try {
                functions.put(a.symbol(), GarchVariance.fit(a.history(), a.history().size() - 1));
              } catch (IllegalArgumentException | IllegalStateException e) {
                failures.put(a.symbol(), e.getMessage());
              }
            });
    if (functions.isEmpty()) {
      throw new IllegalArgumentException("GARCH could not be fitted on any asset: " + failures);
    }
    return new HashMap<>(functions);
  }
}

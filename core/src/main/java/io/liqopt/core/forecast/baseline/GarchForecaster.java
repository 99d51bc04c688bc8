package io.liqopt.core.forecast.baseline;

import io.liqopt.core.feature.FeatureCalculator;
import io.liqopt.core.forecast.AssetHistory;
import io.liqopt.core.forecast.ForecastModel;
import io.liqopt.core.forecast.Forecaster;
import io.liqopt.core.forecast.TrainingSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * GARCH(1,1) with Student-t innovations ({@link GarchT}, maximum likelihood) per asset on the hourly
 * log returns of the training data (the feature {@code ret_1h}; a return across a data gap enters
 * as one return). The variance over H hours is the closed-form sum of the multi-step forecasts
 * ({@link GarchTState#cumulativeVarianceForecast}); quantiles and stress probability by filtered
 * historical simulation of the standardised adverse moves ({@link VarianceScaledModel}).
 *
 * <p>At forecast time the variance recursion runs with the fitted parameters from the first
 * return of the history, started at the training sample's mean square exactly as in the fit, so a
 * forecast at row t depends on rows ≤ t only. Assets are fitted in parallel (they are independent,
 * so the result does not depend on scheduling).
 */
public final class GarchForecaster implements Forecaster {
  private static final int RET_1H = FeatureCalculator.SCHEMA.indexOf("ret_1h");

  @Override
  public String name() {
    return "garch";
  }

  @Override
  public ForecastModel fit(TrainingSet data) {
    Map<String, VarianceFunction> functions = new ConcurrentHashMap<>();
    Map<String, String> failures = new ConcurrentHashMap<>();
    data.assets().parallelStream().forEach(a -> {
      double[] r = returns(a.history(), a.history().size() - 1);
      if (r.length < GarchT.MIN_OBSERVATIONS) {
        failures.put(a.symbol(), r.length + " returns");
        return;
      }
      try {
        GarchTFit fit = GarchT.fit(r, GarchFitOptions.DEFAULT);
        double mu = fit.params().mu();
        double init = 0;
        for (double x : r) {
          init += (x - mu) * (x - mu);
        }
        functions.put(a.symbol(), new Filter(fit.params(), init / r.length));
      } catch (IllegalArgumentException | IllegalStateException e) {
        failures.put(a.symbol(), e.getMessage());
      }
    });
    if (functions.isEmpty()) {
      throw new IllegalArgumentException("GARCH could not be fitted on any asset: " + failures);
    }
    return VarianceScaledModel.fit("garch-t", data, new HashMap<>(functions));
  }

  /** The hourly log returns of rows 1..{@code lastRow}. */
  private static double[] returns(AssetHistory h, int lastRow) {
    double[] r = new double[Math.max(0, lastRow)];
    for (int row = 1; row <= lastRow; row++) {
      r[row - 1] = h.features().value(row, RET_1H);
    }
    return r;
  }

  /** The fitted recursion over a history, cached per history (identity). */
  private static final class Filter implements VarianceFunction {
    private final GarchTParams params;
    private final double initialVariance;
    private final Map<AssetHistory, GarchPath> paths =
        Collections.synchronizedMap(new WeakHashMap<>());

    Filter(GarchTParams params, double initialVariance) {
      this.params = params;
      this.initialVariance = initialVariance;
    }

    @Override
    public double variance(AssetHistory history, int row, int horizonHours) {
      if (row < 1) {
        return Double.NaN;
      }
      // the O(n) pass runs outside the map's lock; two threads may both compute a path for the
      // same history, with identical results
      GarchPath p = paths.get(history);
      if (p == null) {
        p = run(history);
        paths.put(history, p);
      }
      return new GarchTState(params, p.variance[row], p.residual[row])
          .cumulativeVarianceForecast(horizonHours);
    }

    /** σ²_t and ε_t for rows 1..n−1 (row t holds the return into bar t). */
    private GarchPath run(AssetHistory h) {
      int n = h.size();
      double[] v = new double[n];
      double[] e = new double[n];
      double mu = params.mu();
      for (int row = 1; row < n; row++) {
        e[row] = h.features().value(row, RET_1H) - mu;
        v[row] = row == 1 ? initialVariance : params.nextVariance(v[row - 1], e[row - 1]);
      }
      return new GarchPath(v, e);
    }
  }

  private record GarchPath(double[] variance, double[] residual) {
  }
}

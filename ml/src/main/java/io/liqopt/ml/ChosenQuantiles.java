package io.liqopt.ml;

import io.liqopt.core.forecast.ForecastModel;
import io.liqopt.core.market.BarSeries;
import io.liqopt.core.simulation.PathQuantileForecaster;
import java.util.List;

/**
 * An ML model as its bundle serves it: the long adverse-move quantiles of each horizon from the
 * source training chose ({@link MlCalibration#quantileSources()}). Where that is the path engine
 * the quantiles are read off {@link #PATHS} standardised paths per asset drawn from the residuals
 * of the given bars at the model's variance ({@link PathQuantileForecaster#wrapQuantiles}); the
 * variance, the other horizons and the stress probability stay the model's. Where it is {@link
 * QuantileSource#CONFORMAL} the model adjusts its network's quantiles itself ({@link
 * ConformalBuckets}), so nothing is wrapped for it. Serving, the walk-forward and {@code thresholds
 * --models} all go through here, so they serve one choice.
 */
public final class ChosenQuantiles {
  /** Standardised paths per asset (20 000 give the 0.999 quantile from 20 paths). */
  public static final int PATHS = 20_000;

  /** The bootstrap block of the paths, in hours. */
  public static final int BLOCK_HOURS = 24;

  private ChosenQuantiles() {}

  /**
   * The model with its chosen quantile sources applied; the model itself when every horizon keeps
   * its own (older bundles). The caller still owns (and closes) {@code model}.
   *
   * @param series the bars whose residuals the paths are drawn from (the training bars in a
   *     walk-forward, the held bars in serving)
   * @param seed the seed of the paths
   */
  public static ForecastModel apply(MlForecastModel model, List<BarSeries> series, long seed) {
    MlCalibration c = model.calibration();
    return PathQuantileForecaster.wrapQuantiles(
        model, series, c.horizonsHours(), c.pathHorizons(), PATHS, BLOCK_HOURS, seed);
  }
}

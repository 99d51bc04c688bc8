package io.liqopt.training.ml;

import io.liqopt.core.forecast.ForecastSpec;
import io.liqopt.ml.LogVarianceModel;
import io.liqopt.ml.nn.QuantileNet;
import java.util.List;
import java.util.function.Consumer;

/**
 * The quantile network of an ML fit: it learns the quantiles of the move standardised by the trees'
 * volatility forecast, z = MAE_H / σ̂_H (the trees set the scale, the network the conditional shape
 * of the tail), early-stopped on the selection block, then conformalised on the calibration block.
 */
final class QuantileNetTraining {
  private QuantileNetTraining() {}

  static QuantileNet train(
      TrainingBlocks b,
      ForecastSpec spec,
      double[][] xFit,
      double[][] xSel,
      double[][] xCal,
      List<String> names,
      VarianceTraining variance,
      MlForecaster.Options options,
      long seed,
      Consumer<String> progress) {
    int qk = spec.horizonsHours().indexOf(options.quantileHorizonHours());
    int qh = options.quantileHorizonHours();
    LogVarianceModel v = variance.logVariance.get(qh);
    double s2 = variance.logResidualVariance.get(qh);
    QuantileNet net =
        QuantileNet.train(
            xFit,
            b.standardised(b.fitRows, qk, xFit, v, s2),
            xSel,
            b.standardised(b.sel, qk, xSel, v, s2),
            spec.levelArray(),
            names,
            options.net(),
            seed,
            progress);
    QuantileNet conformal = net.conformalized(xCal, b.standardised(b.cal, qk, xCal, v, s2));
    net.close(); // the conformalised copy keeps the shared network alive
    return conformal;
  }
}

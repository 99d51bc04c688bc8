package io.liqopt.training.walkforward;

import io.liqopt.core.forecast.QuantileTracking;
import io.liqopt.core.target.HorizonTargets;
import java.util.List;

/**
 * Applies the spec's {@link QuantileTracking} to every model's out-of-sample adverse-move
 * quantiles, before anything is scored: every model, baselines included, gets the same
 * post-processing. Per asset, horizon, model and level the forecasts are tracked in time order from
 * the asset's first test row, the offset carried across folds (and refits) as a service carries it
 * across bundles. Only the forecasts made at the close of an hour are tracked and move the offset
 * (the ones that are scored, {@link AssetEvaluation#onTheHour}), so γ means the same on minute bars
 * as on hourly ones; the others are left as the model made them.
 */
final class QuantileTrackingPass {
  private static final long HOUR_MS = 3_600_000L;

  private QuantileTrackingPass() {}

  /** Tracks {@code data}'s quantiles in place; nothing when the spec's γ is 0. */
  static void apply(EvaluationData data) {
    QuantileTracking tracking = data.config().spec().quantileTracking();
    if (!tracking.enabled()) {
      return;
    }
    double[] levels = data.config().evaluationLevelsArray();
    List<Integer> horizons = data.config().spec().horizonsHours();
    for (AssetEvaluation a : data.assets()) {
      int[] rows = java.util.stream.IntStream.range(0, a.rows()).filter(a::onTheHour).toArray();
      long[] issued = new long[rows.length];
      for (int j = 0; j < rows.length; j++) {
        issued[j] = a.openTimeMs(rows[j]);
      }
      for (int h : horizons) {
        HorizonTargets targets = a.realised(h);
        double[] realised = new double[rows.length];
        for (int j = 0; j < rows.length; j++) {
          realised[j] = targets.longAdverseMove(a.seriesRow(rows[j]));
        }
        for (String model : data.models()) {
          Predictions p = a.predictions(model, h);
          for (int k = 0; k < levels.length; k++) {
            double[] q = new double[rows.length];
            for (int j = 0; j < rows.length; j++) {
              q[j] = p.quantiles[k][rows[j]];
            }
            double[] t = tracking.trackSeries(issued, q, realised, levels[k], h * HOUR_MS);
            for (int j = 0; j < rows.length; j++) {
              p.quantiles[k][rows[j]] = t[j];
            }
          }
        }
      }
    }
  }
}

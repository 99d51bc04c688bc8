package io.liqopt.ml.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;
import io.liqopt.core.forecast.Pinball;

/**
 * Mean pinball (quantile) loss over K levels, as a DJL {@link Loss}: {@code L = (1/(BK)) Σ_i Σ_k
 * max(τ_k·d_ik, (τ_k − 1)·d_ik)} with {@code d_ik = y_i − q_ik} (Koenker and Bassett 1978,
 * "Regression quantiles"). Labels have shape (B) or (B, 1), predictions (B, K); τ_k are the levels
 * given at construction.
 */
final class PinballLoss extends Loss {
  private final float[] levels;

  PinballLoss(double[] levels) {
    super("pinball");
    this.levels = new float[levels.length];
    for (int k = 0; k < levels.length; k++) {
      this.levels[k] = (float) levels[k];
    }
  }

  @Override
  public NDArray evaluate(NDList labels, NDList predictions) {
    NDArray q = predictions.singletonOrThrow();
    NDArray y = labels.singletonOrThrow().reshape(-1, 1);
    NDArray tau = q.getManager().create(levels);
    NDArray d = y.sub(q);
    return d.mul(tau).maximum(d.mul(tau.sub(1f))).mean();
  }

  /**
   * The same loss in double precision on plain arrays: {@code quantiles[i][k]} against {@code
   * y[i]}; used for validation and reporting.
   */
  static double mean(double[][] quantiles, double[] y, double[] levels) {
    double sum = 0;
    for (int i = 0; i < y.length; i++) {
      for (int k = 0; k < levels.length; k++) {
        sum += Pinball.loss(y[i], quantiles[i][k], levels[k]);
      }
    }
    return sum / ((double) y.length * levels.length);
  }
}

package io.liqopt.training.metrics;

import io.liqopt.core.forecast.Pinball;

/**
 * The pinball (check, quantile) loss of a τ-quantile forecast q_t against the realised y_t:
 *
 * <pre>
 *   u_t = y_t − q_t,   ρ_τ(u) = u · (τ − 1{u &lt; 0}),
 * </pre>
 *
 * i.e. τ·u when the realised value is at or above the forecast quantile and (τ − 1)·u when it is
 * below. The loss is ≥ 0, zero when y_t = q_t, and its expectation is minimised by the true
 * τ-quantile; over a sample, a constant forecast minimises the mean loss at an empirical
 * τ-quantile. It is the loss the DJL quantile network is trained with (DESIGN.md "Forecasts").
 *
 * <p>Source: R. Koenker and G. Bassett (1978), "Regression Quantiles", Econometrica 46(1), 33–50
 * (the check function ρ_τ); T. Gneiting (2011), "Making and Evaluating Point Forecasts", JASA
 * 106(494), 746–762 (its consistency for quantiles).
 *
 * <p>The per-observation formula is {@link Pinball#loss}. Losses are in the units of y (an adverse
 * move as a fraction of the close, for liqopt). Stateless and thread-safe.
 */
public final class PinballLoss {
  private PinballLoss() {}

  /**
   * The per-observation losses ρ_τ(y_t − q_t), each ≥ 0.
   *
   * @param realised y_t, finite
   * @param quantileForecast q_t, finite, same length
   * @param tau the quantile level τ, in (0, 1)
   * @throws IllegalArgumentException on empty, mismatched or non-finite input, or τ outside (0, 1)
   */
  public static double[] losses(double[] realised, double[] quantileForecast, double tau) {
    SampleChecks.finite(realised, "realised");
    SampleChecks.finite(quantileForecast, "quantileForecast");
    SampleChecks.sameLength(
        realised.length, "realised", quantileForecast.length, "quantileForecast");
    if (!(tau > 0 && tau < 1)) {
      throw new IllegalArgumentException("tau must be in (0, 1), was " + tau);
    }
    double[] loss = new double[realised.length];
    for (int t = 0; t < loss.length; t++) {
      loss[t] = Pinball.loss(realised[t], quantileForecast[t], tau);
      if (!Double.isFinite(loss[t])) {
        throw new IllegalArgumentException("pinball loss overflows at t = " + t);
      }
    }
    return loss;
  }

  /** The mean of {@link #losses}: the pinball loss of the forecast over the sample. */
  public static double mean(double[] realised, double[] quantileForecast, double tau) {
    double sum = 0;
    for (double l : losses(realised, quantileForecast, tau)) {
      sum += l;
    }
    return sum / realised.length;
  }
}

package io.liqopt.core.forecast;

/**
 * The pinball (check, quantile) loss of one τ-quantile forecast q against the realised y, the one
 * place its formula is written (the evaluation's metric and the quantile network's validation loss
 * call it; the network's training loss is the same formula on tensors):
 *
 * <pre>
 *   u = y − q,   ρ_τ(u) = u · (τ − 1{u &lt; 0}) = max(τ·u, (τ − 1)·u) ≥ 0.
 * </pre>
 *
 * <p>Source: R. Koenker and G. Bassett (1978), "Regression Quantiles", Econometrica 46(1), 33–50.
 * Stateless and thread-safe; no checks (callers validate their samples once).
 */
public final class Pinball {
  private Pinball() {}

  /** ρ_τ(y − q), in the units of y. */
  public static double loss(double realised, double quantile, double tau) {
    double u = realised - quantile;
    return u * (tau - (u < 0 ? 1d : 0d));
  }
}

package io.liqopt.core.forecast.baseline;

import io.liqopt.core.Checks;
import java.util.Objects;

/**
 * A GARCH(1,1)-t model at one point in time: its parameters plus the conditional variance σ²_t and
 * the residual ε_t of the last observed step t. This is everything the recursion needs to continue,
 * so a walk-forward fits once per training block and then {@link #update}s the state step by step
 * through the test block without refitting.
 *
 * @param params the model
 * @param variance σ²_t, the conditional variance of the last observed return (return² per step)
 * @param residual ε_t = r_t − μ of the last observed return
 */
public record GarchTState(GarchTParams params, double variance, double residual) {

  public GarchTState {
    Objects.requireNonNull(params, "params");
    Checks.positiveFinite(variance, "variance");
    if (!Double.isFinite(residual)) {
      throw new IllegalArgumentException("residual must be finite, was " + residual);
    }
  }

  /** The one-step-ahead variance σ²_{t+1|t} = ω + α ε²_t + β σ²_t. */
  public double nextVariance() {
    return params.nextVariance(variance, residual);
  }

  /**
   * The state after observing the next return {@code r}: σ²_{t+1} = {@link #nextVariance()},
   * ε_{t+1} = r − μ.
   *
   * @throws IllegalArgumentException if r is not finite
   */
  public GarchTState update(double r) {
    if (!Double.isFinite(r)) {
      throw new IllegalArgumentException("return must be finite, was " + r);
    }
    return new GarchTState(params, nextVariance(), r - params.mu());
  }

  /**
   * The state after observing {@code newReturns} in order (the variance recursion rolled forward
   * with the parameters unchanged).
   *
   * @throws IllegalArgumentException if a return is not finite
   */
  public GarchTState filter(double[] newReturns) {
    double mu = params.mu();
    double v = variance;
    double e = residual;
    for (int i = 0; i < newReturns.length; i++) {
      if (!Double.isFinite(newReturns[i])) {
        throw new IllegalArgumentException("return " + i + " must be finite, was " + newReturns[i]);
      }
      v = params.nextVariance(v, e);
      e = newReturns[i] - mu;
    }
    return new GarchTState(params, v, e);
  }

  /**
   * The variance forecasts σ²_{t+k|t} for k = 1..{@code steps}:
   *
   * <pre>
   *   σ²_{t+k|t} = ω̄ + (α + β)^{k−1} (σ²_{t+1|t} − ω̄),   ω̄ = ω / (1 − α − β)
   * </pre>
   *
   * (Bollerslev 1986, eq. 6 iterated; the path decays geometrically to ω̄). Element k−1 is the
   * forecast for step k.
   */
  public double[] varianceForecastPath(int steps) {
    Checks.positive(steps, "steps");
    double unconditional = params.unconditionalVariance();
    double persistence = params.persistence();
    double deviation = nextVariance() - unconditional;
    double[] path = new double[steps];
    for (int k = 0; k < steps; k++) {
      path[k] = unconditional + deviation;
      deviation *= persistence;
    }
    return path;
  }

  /**
   * The forecast of realised variance over the next H steps, Σ_{k=1..H} σ²_{t+k|t}, in closed form:
   * {@code H ω̄ + (σ²_{t+1|t} − ω̄)(1 − p^H)/(1 − p)} with p = α + β. With hourly returns this is
   * the variance of the H-hour log return (the sum of its hourly variances, the returns being
   * uncorrelated).
   *
   * @param horizonSteps H ≥ 1
   */
  public double cumulativeVarianceForecast(int horizonSteps) {
    Checks.positive(horizonSteps, "horizonSteps");
    double unconditional = params.unconditionalVariance();
    double p = params.persistence();
    // (1 − p^H)/(1 − p) = 1 + p + … + p^{H−1}; expm1 keeps it accurate when p^H is near 1.
    // p = 0 needs no special case: log 0 = −∞ and expm1(−∞) = −1 give the sum 1.
    double geometricSum = -Math.expm1(horizonSteps * Math.log(p)) / (1 - p);
    return horizonSteps * unconditional + (nextVariance() - unconditional) * geometricSum;
  }
}

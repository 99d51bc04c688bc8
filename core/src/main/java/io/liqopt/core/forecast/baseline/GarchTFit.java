package io.liqopt.core.forecast.baseline;

import io.liqopt.core.Checks;
import java.util.Arrays;
import java.util.Objects;

/**
 * A GARCH(1,1)-t model fitted by maximum likelihood to a sample of returns r_1..r_n. Immutable: the
 * standardised residuals are copied in and handed out element by element or as a copy.
 */
public final class GarchTFit {
  private final GarchTParams params;
  private final GarchTState lastState;
  private final double logLikelihood;
  private final int observationCount;
  private final int evaluations;
  private final double[] standardisedResiduals;

  /**
   * @param params the maximum-likelihood estimates (ω and μ in the units of the returns)
   * @param lastState the model at the end of the sample: σ²_n and ε_n, from which forecasts and
   *     {@link #filter} continue
   * @param logLikelihood the maximised log-likelihood Σ ℓ_t of the sample, in the units of the
   *     returns (see {@link GarchT#logLikelihood})
   * @param observationCount n, the number of returns fitted
   * @param evaluations the likelihood evaluations the optimiser spent on the winning start
   * @param standardisedResiduals z_t = ε_t / σ_t for t = 1..n (copied); for a well-specified model
   *     they are close to i.i.d. with unit variance, and filtered historical simulation resamples
   *     them
   */
  public GarchTFit(
      GarchTParams params,
      GarchTState lastState,
      double logLikelihood,
      int observationCount,
      int evaluations,
      double[] standardisedResiduals) {
    Objects.requireNonNull(params, "params");
    Objects.requireNonNull(lastState, "lastState");
    if (!lastState.params().equals(params)) {
      throw new IllegalArgumentException("lastState must belong to the fitted params");
    }
    if (!Double.isFinite(logLikelihood)) {
      throw new IllegalArgumentException("logLikelihood must be finite, was " + logLikelihood);
    }
    Checks.positive(observationCount, "observationCount");
    Checks.positive(evaluations, "evaluations");
    double[] z = standardisedResiduals.clone();
    if (z.length != observationCount) {
      throw new IllegalArgumentException(
          "expected " + observationCount + " standardised residuals, got " + z.length);
    }
    this.params = params;
    this.lastState = lastState;
    this.logLikelihood = logLikelihood;
    this.observationCount = observationCount;
    this.evaluations = evaluations;
    this.standardisedResiduals = z;
  }

  /** The maximum-likelihood estimates (ω and μ in the units of the returns). */
  public GarchTParams params() {
    return params;
  }

  /** The model at the end of the sample: σ²_n and ε_n. */
  public GarchTState lastState() {
    return lastState;
  }

  /** The maximised log-likelihood Σ ℓ_t of the sample. */
  public double logLikelihood() {
    return logLikelihood;
  }

  /** n, the number of returns fitted. */
  public int observationCount() {
    return observationCount;
  }

  /** The likelihood evaluations the optimiser spent on the winning start. */
  public int evaluations() {
    return evaluations;
  }

  /** z_t for t = 1..n at {@code index} t − 1 (0-based, oldest first). */
  public double standardisedResidual(int index) {
    return standardisedResiduals[index];
  }

  /** A copy of z_1..z_n; read single values with {@link #standardisedResidual}. */
  public double[] standardisedResiduals() {
    return standardisedResiduals.clone();
  }

  /** The persistence α + β. */
  public double persistence() {
    return params.persistence();
  }

  /** The unconditional variance per step ω / (1 − α − β). */
  public double unconditionalVariance() {
    return params.unconditionalVariance();
  }

  /** σ²_{n+1|n}, the variance forecast for the step after the sample. */
  public double nextVariance() {
    return lastState.nextVariance();
  }

  /** The model after rolling the variance recursion over {@code newReturns}, with no refit. */
  public GarchTState filter(double[] newReturns) {
    return lastState.filter(newReturns);
  }

  /** σ²_{n+k|n} for k = 1..steps; see {@link GarchTState#varianceForecastPath}. */
  public double[] varianceForecastPath(int steps) {
    return lastState.varianceForecastPath(steps);
  }

  /** Σ_{k=1..H} σ²_{n+k|n}; see {@link GarchTState#cumulativeVarianceForecast}. */
  public double cumulativeVarianceForecast(int horizonSteps) {
    return lastState.cumulativeVarianceForecast(horizonSteps);
  }

  /** Equal when every field is, the residuals element by element (a refit must be equal). */
  @Override
  public boolean equals(Object o) {
    return o instanceof GarchTFit other
        && params.equals(other.params)
        && lastState.equals(other.lastState)
        && Double.compare(logLikelihood, other.logLikelihood) == 0
        && observationCount == other.observationCount
        && evaluations == other.evaluations
        && Arrays.equals(standardisedResiduals, other.standardisedResiduals);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        params,
        lastState,
        logLikelihood,
        observationCount,
        evaluations,
        Arrays.hashCode(standardisedResiduals));
  }

  @Override
  public String toString() {
    return "GarchTFit[params="
        + params
        + ", lastState="
        + lastState
        + ", logLikelihood="
        + logLikelihood
        + ", observationCount="
        + observationCount
        + ", evaluations="
        + evaluations
        + "]";
  }
}

package io.liqopt.core.forecast.baseline;

import io.liqopt.core.Checks;
import org.hipparchus.distribution.continuous.TDistribution;

/**
 * Parameters of a GARCH(1,1) model with standardised Student-t innovations (Bollerslev 1986, J.
 * Econometrics 31; Bollerslev 1987, Rev. Econ. Stat. 69):
 *
 * <pre>
 *   r_t = μ + ε_t,   ε_t = σ_t z_t,   z_t ~ t_ν scaled to unit variance,
 *   σ²_t = ω + α ε²_{t−1} + β σ²_{t−1}.
 * </pre>
 *
 * <p>Units follow the returns: with hourly log returns (fractions, 0.01 = 1 %), μ is a return per
 * hour and ω, σ² are variances per hour.
 *
 * @param omega ω &gt; 0, the variance intercept (return² per step)
 * @param alpha α ≥ 0, the reaction to the last squared shock
 * @param beta β ≥ 0, the weight of the last conditional variance; α + β &lt; 1 (covariance
 *     stationarity)
 * @param nu ν &gt; 2, the degrees of freedom of the Student-t innovation (finite variance)
 * @param mu μ, the mean return per step (0 when it is not estimated)
 */
public record GarchTParams(double omega, double alpha, double beta, double nu, double mu) {

  public GarchTParams {
    Checks.positiveFinite(omega, "omega");
    Checks.nonNegativeFinite(alpha, "alpha");
    Checks.nonNegativeFinite(beta, "beta");
    if (!(alpha + beta < 1)) {
      throw new IllegalArgumentException(
          "alpha + beta must be below 1 (covariance stationarity), was " + (alpha + beta));
    }
    if (!(nu > 2) || !Double.isFinite(nu)) {
      throw new IllegalArgumentException(
          "nu must be finite and above 2 (finite variance), was " + nu);
    }
    if (!Double.isFinite(mu)) {
      throw new IllegalArgumentException("mu must be finite, was " + mu);
    }
  }

  /** The persistence α + β, the rate at which a variance shock decays per step. */
  public double persistence() {
    return alpha + beta;
  }

  /** The unconditional variance per step, ω̄ = ω / (1 − α − β). */
  public double unconditionalVariance() {
    return omega / (1 - alpha - beta);
  }

  /**
   * The next conditional variance σ²_{t+1} = ω + α ε²_t + β σ²_t.
   *
   * @param variance σ²_t
   * @param residual ε_t = r_t − μ
   */
  public double nextVariance(double variance, double residual) {
    return omega + alpha * residual * residual + beta * variance;
  }

  /**
   * The quantile of the unit-variance innovation z at {@code probability}: {@code t_ν⁻¹(p) ·
   * sqrt((ν − 2) / ν)}, the Student-t quantile (Hipparchus {@link TDistribution}, solver accuracy
   * 1e-9) rescaled because a t_ν variable has variance ν / (ν − 2). A return quantile is then
   * {@code μ + σ · innovationQuantile(p)}.
   *
   * @param probability p in (0, 1)
   */
  public double innovationQuantile(double probability) {
    if (!(probability > 0 && probability < 1)) {
      throw new IllegalArgumentException("probability must be in (0, 1), was " + probability);
    }
    return new TDistribution(nu).inverseCumulativeProbability(probability)
        * Math.sqrt((nu - 2) / nu);
  }
}

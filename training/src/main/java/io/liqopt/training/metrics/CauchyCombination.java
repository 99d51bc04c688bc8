package io.liqopt.training.metrics;

/**
 * Liu and Xie's Cauchy combination test of d p-values p_1..p_d of one global null hypothesis, valid
 * (as the level goes to 0, and close to it at 5 %) under arbitrary dependence between the p-values:
 *
 * <pre>
 *   T = Σ_i w_i tan((0.5 − p_i) π),   Σ_i w_i = 1,   p = P(Cauchy ≥ T) = 0.5 − arctan(T) / π.
 * </pre>
 *
 * tan((0.5 − p) π) is computed as 1 / tan(p π), exact for small p (where tan((0.5 − p) π) loses
 * digits), and p as arctan(1 / T) / π for T &gt; 1 (no cancellation for a small p). A p-value near
 * 1 makes its term strongly negative: the test is made for p-values that are uniform under the
 * null, not for p-values that are 1 on an atom.
 *
 * <p>Source: Y. Liu and J. Xie (2020), "Cauchy combination test: a powerful test with analytic
 * p-value calculation under arbitrary dependency structures", Journal of the American Statistical
 * Association 115(529), 393–402 (equations (1) and (2)).
 *
 * <p>Stateless and thread-safe.
 */
public final class CauchyCombination {
  private CauchyCombination() {}

  /** T with equal weights w_i = 1/d. */
  public static double statistic(double[] pValues) {
    SampleChecks.finite(pValues, "pValues");
    double t = 0;
    for (int i = 0; i < pValues.length; i++) {
      t += term(pValues[i], i);
    }
    return t / pValues.length;
  }

  /** The p-value of the equal-weight combination, in [0, 1]. */
  public static double pValue(double[] pValues) {
    return upperTail(statistic(pValues));
  }

  /** P(Cauchy ≥ t) = 0.5 − arctan(t) / π, in [0, 1]. */
  public static double upperTail(double t) {
    if (Double.isNaN(t)) {
      throw new IllegalArgumentException("t must not be NaN");
    }
    double p = t > 1 ? Math.atan(1 / t) / Math.PI : 0.5 - Math.atan(t) / Math.PI;
    return Math.min(1d, Math.max(0d, p));
  }

  /** tan((0.5 − p) π) = 1 / tan(p π) for p in (0, 1]. */
  private static double term(double p, int index) {
    if (!(p > 0 && p <= 1)) {
      throw new IllegalArgumentException("pValues[" + index + "] must be in (0, 1], was " + p);
    }
    return 1 / Math.tan(p * Math.PI);
  }
}

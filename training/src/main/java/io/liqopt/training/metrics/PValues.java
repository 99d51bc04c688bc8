package io.liqopt.training.metrics;

import org.hipparchus.distribution.continuous.TDistribution;
import org.hipparchus.special.Erf;
import org.hipparchus.special.Gamma;

/**
 * Upper-tail probabilities of the reference distributions of the tests in this package, computed
 * from the special functions directly so that small p-values keep their relative precision ({@code
 * 1 - cdf(x)} would round them to 0 long before they underflow).
 */
final class PValues {
  private PValues() {}

  /**
   * P(X &ge; x) for X ~ χ²(k): {@code Q(k/2, x/2)}, the regularised upper incomplete gamma function
   * (Abramowitz and Stegun 1964, section 26.4). Returns 1 for x &le; 0.
   */
  static double chiSquaredUpperTail(double x, int degreesOfFreedom) {
    if (!(x > 0)) {
      return 1d;
    }
    return clamp(Gamma.regularizedGammaQ(degreesOfFreedom / 2d, x / 2d));
  }

  /** P(|Z| &ge; |z|) for Z ~ N(0, 1): {@code erfc(|z| / √2)}. */
  static double normalTwoSided(double z) {
    return clamp(Erf.erfc(Math.abs(z) / Math.sqrt(2d)));
  }

  /** P(|T| &ge; |t|) for T ~ t(ν): {@code 2 F(−|t|)}, the lower tail being the accurate one. */
  static double studentTwoSided(double t, double degreesOfFreedom) {
    return clamp(2d * new TDistribution(degreesOfFreedom).cumulativeProbability(-Math.abs(t)));
  }

  /** Keeps a probability computed in floating point inside [0, 1]. */
  private static double clamp(double p) {
    return Math.min(1d, Math.max(0d, p));
  }
}

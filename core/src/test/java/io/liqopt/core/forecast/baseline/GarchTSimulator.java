package io.liqopt.core.forecast.baseline;

import java.util.Random;

/**
 * Simulates GARCH(1,1) returns with standardised Student-t innovations for the recovery tests. z =
 * T · sqrt((ν − 2)/ν) with T = N / sqrt(χ²_ν / ν), the χ²_ν drawn as a sum of ν squared standard
 * normals (so ν must be a whole number). Seeded: the same seed gives the same series.
 */
final class GarchTSimulator {
  /** Steps simulated and thrown away so the series starts in the stationary regime. */
  private static final int BURN_IN = 2_000;

  private final GarchTParams params;
  private final int degreesOfFreedom;

  GarchTSimulator(GarchTParams params) {
    this.params = params;
    this.degreesOfFreedom = (int) Math.round(params.nu());
    if (Math.abs(params.nu() - degreesOfFreedom) > 1e-12) {
      throw new IllegalArgumentException(
          "the simulator needs a whole-number nu, got " + params.nu());
    }
  }

  double[] returns(int n, long seed) {
    Random rng = new Random(seed);
    double unitVarianceFactor = Math.sqrt((params.nu() - 2) / params.nu());
    double variance = params.unconditionalVariance();
    double residual = 0;
    double[] r = new double[n];
    for (int t = -BURN_IN; t < n; t++) {
      variance = params.nextVariance(variance, residual);
      double chiSquare = 0;
      for (int k = 0; k < degreesOfFreedom; k++) {
        double g = rng.nextGaussian();
        chiSquare += g * g;
      }
      double z = rng.nextGaussian() / Math.sqrt(chiSquare / degreesOfFreedom) * unitVarianceFactor;
      residual = Math.sqrt(variance) * z;
      if (t >= 0) {
        r[t] = params.mu() + residual;
      }
    }
    return r;
  }
}

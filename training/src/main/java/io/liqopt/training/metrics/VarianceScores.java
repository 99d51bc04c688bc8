package io.liqopt.training.metrics;

import io.liqopt.core.Checks;

/**
 * Variance-forecast scores of one model on one evaluation sample (see {@link VarianceLoss}).
 *
 * @param n the number of observations, &ge; 1
 * @param qlike the mean QLIKE loss, dimensionless, &ge; 0
 * @param mse the mean squared error on variance, in squared variance units, &ge; 0
 * @param realisedFloored how many realised variances were below the floor and raised to it for
 *     QLIKE, in [0, n]
 */
public record VarianceScores(int n, double qlike, double mse, int realisedFloored) {
  public VarianceScores {
    Checks.positive(n, "n");
    Checks.nonNegativeFinite(qlike, "qlike");
    Checks.nonNegativeFinite(mse, "mse");
    if (realisedFloored < 0 || realisedFloored > n) {
      throw new IllegalArgumentException(
          "realisedFloored must be in [0, " + n + "], was " + realisedFloored);
    }
  }
}

package io.liqopt.training.metrics;

import io.liqopt.core.Checks;

/**
 * The result of a {@link PhaseDynamicQuantileTest}: DQ in each phase of the hourly series, each
 * with a Monte Carlo p-value, combined by the Cauchy combination test.
 *
 * @param n the observations in the phase regressions (rows whose K lagged phase rows are in the
 *     sample), over the tested phases, &gt; 0
 * @param hits the hits among them, in [0, n]
 * @param expectedRate the nominal hit probability p, in (0, 1)
 * @param horizonSteps h, the number of phases and the step between rows of a phase, &ge; 1
 * @param lagCount K, the lagged hits in phase steps (lags h, 2h, ..., K h in rows), &ge; 1
 * @param phases the phases tested (those with more than K + 2 usable rows), in [1, h]
 * @param draws R, the simulated hit sequences per phase, &ge; 1
 * @param seed the seed of the simulations (derived from the input unless given)
 * @param statistic Liu and Xie's T, the mean over the phases of tan((0.5 − p_k) π), finite
 * @param pValue the combined p-value 0.5 − arctan(T)/π, in [0, 1]
 * @param minPhasePValue the smallest phase p-value, in (0, 1]
 */
public record PhaseDynamicQuantileResult(
    int n,
    int hits,
    double expectedRate,
    int horizonSteps,
    int lagCount,
    int phases,
    int draws,
    long seed,
    double statistic,
    double pValue,
    double minPhasePValue) {
  public PhaseDynamicQuantileResult {
    Checks.positive(n, "n");
    if (hits < 0 || hits > n) {
      throw new IllegalArgumentException("hits must be in [0, " + n + "], was " + hits);
    }
    if (!(expectedRate > 0 && expectedRate < 1)) {
      throw new IllegalArgumentException("expectedRate must be in (0, 1), was " + expectedRate);
    }
    Checks.positive(horizonSteps, "horizonSteps");
    Checks.positive(lagCount, "lagCount");
    if (phases < 1 || phases > horizonSteps) {
      throw new IllegalArgumentException(
          "phases must be in [1, " + horizonSteps + "], was " + phases);
    }
    Checks.positive(draws, "draws");
    Checks.finite(statistic, "statistic");
    Checks.inRange(pValue, 0, 1, "pValue");
    if (!(minPhasePValue > 0 && minPhasePValue <= 1)) {
      throw new IllegalArgumentException("minPhasePValue must be in (0, 1], was " + minPhasePValue);
    }
  }
}

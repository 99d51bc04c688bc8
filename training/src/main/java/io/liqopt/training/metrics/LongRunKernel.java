package io.liqopt.training.metrics;

/**
 * The lag window of a long-run variance estimate LRV = γ̂_0 + 2 Σ_{j=1..L} w_j γ̂_j (see {@link
 * NeweyWest}), with truncation lag L:
 *
 * <ul>
 *   <li>{@link #BARTLETT}: w_j = 1 − j / (L + 1), non-negative for every series (Newey and West
 *       1987);
 *   <li>{@link #RECTANGULAR}: w_j = 1 (the truncated or uniform kernel), unbiased for a series that
 *       is correlated up to lag L only, as the losses of h-step forecasts are at L = h − 1 (Hansen
 *       and Hodrick 1980; the original estimator of Diebold and Mariano 1995), but not guaranteed
 *       to be non-negative.
 * </ul>
 *
 * <p>Sources: W. K. Newey and K. D. West (1987), Econometrica 55(3), 703–708; L. P. Hansen and R.
 * J. Hodrick (1980), "Forward Exchange Rates as Optimal Predictors of Future Spot Rates", Journal
 * of Political Economy 88(5), 829–853; F. X. Diebold and R. S. Mariano (1995), JBES 13(3), 253–263.
 */
public enum LongRunKernel {
  /** w_j = 1 − j / (L + 1). */
  BARTLETT,
  /** w_j = 1 for j ≤ L. */
  RECTANGULAR;

  /**
   * The weight w_j of the lag-{@code j} autocovariance at truncation lag {@code lag}.
   *
   * @param j the lag of the autocovariance, in [0, lag]
   * @param lag the truncation lag L, at least 0
   * @throws IllegalArgumentException if {@code lag < 0} or j lies outside [0, lag]
   */
  public double weight(int j, int lag) {
    if (lag < 0) {
      throw new IllegalArgumentException("lag must be non-negative, was " + lag);
    }
    if (j < 0 || j > lag) {
      throw new IllegalArgumentException("j must be in [0, " + lag + "], was " + j);
    }
    return this == BARTLETT ? 1d - (double) j / (lag + 1) : 1d;
  }
}

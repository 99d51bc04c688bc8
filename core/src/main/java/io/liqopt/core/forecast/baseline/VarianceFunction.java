package io.liqopt.core.forecast.baseline;

import io.liqopt.core.forecast.AssetHistory;

/** A fitted variance forecast of one asset: what distinguishes EWMA, GARCH and HAR. */
@FunctionalInterface
interface VarianceFunction {
  /**
   * The forecast realised variance over the {@code horizonHours} bars after {@code row} (sum of
   * squared hourly log returns), from rows ≤ {@code row} only; NaN when undefined there (warm-up).
   */
  double variance(AssetHistory history, int row, int horizonHours);
}

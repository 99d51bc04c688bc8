package io.liqopt.core.position;

import io.liqopt.core.Checks;
import io.liqopt.core.policy.AssetThresholds;

/**
 * The thresholds one holding of an assessed position was judged by, so the answer can say which
 * model and which values it used.
 *
 * @param symbol the holding's asset
 * @param lt the liquidation threshold LT_i applied, in (0, 1)
 * @param bonus the asset's base bonus b_i (before any health-dependent schedule), a fraction
 * @param modelVersion the forecaster or bundle id behind the thresholds
 * @param computedAtEpochMs when the thresholds were computed (UTC epoch ms)
 * @param stale whether the thresholds came from stale inputs (then they are the conservative ones)
 */
public record ThresholdsUsed(
    String symbol,
    double lt,
    double bonus,
    String modelVersion,
    long computedAtEpochMs,
    boolean stale) {

  public ThresholdsUsed {
    Checks.notBlank(symbol, "symbol");
    Checks.notBlank(modelVersion, "modelVersion", symbol);
    if (!(lt > 0 && lt < 1)) {
      throw new IllegalArgumentException("lt of " + symbol + " must be in (0, 1), was " + lt);
    }
    Checks.nonNegativeFinite(bonus, "bonus", symbol);
  }

  /** The record of {@code thresholds}. */
  public static ThresholdsUsed of(AssetThresholds thresholds) {
    return new ThresholdsUsed(
        thresholds.symbol(),
        thresholds.lt(),
        thresholds.bonus(),
        thresholds.modelVersion(),
        thresholds.computedAtEpochMs(),
        thresholds.stale());
  }
}

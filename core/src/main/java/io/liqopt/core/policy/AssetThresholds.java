package io.liqopt.core.policy;

import io.liqopt.core.Checks;
import java.util.List;

/**
 * The risk parameters of one asset at one time, with everything that produced them. Produced by
 * {@link ThresholdCalculator} (the forecast target) and by {@link ThresholdGovernor} (the governed
 * values that positions are judged by). All fractions: 0.8 is 80 %.
 *
 * <p>Invariants: {@code 0 < ltv ≤ lt < 1}, {@code 0 < tailLt ≤ lt}, bonus in [0, 1), slippage in
 * [0, 1), quantiles in [0, 1).
 *
 * @param symbol the asset
 * @param modelVersion the forecaster or bundle id of the forecast used
 * @param forecastAsOfEpochMs the forecast's as-of time (UTC epoch ms)
 * @param computedAtEpochMs the "now" the thresholds were computed for (UTC epoch ms)
 * @param lt the liquidation threshold LT
 * @param ltv the max LTV for new positions
 * @param bonus b, the liquidation bonus
 * @param closeFactor the largest fraction of debt one partial liquidation may repay
 * @param slippage s, the expected slippage of a typical clip
 * @param quantileThreshold X_α(H_liq), the adverse-move quantile used for LT
 * @param alphaUsed the level α the quantile was taken at (above the configured α when stale)
 * @param quantileBuffer X_β(H_user), the adverse-move quantile used for the LTV buffer
 * @param betaUsed the level β it was taken at
 * @param tailLt LT at the forecast curve's highest level (e.g. 0.999), the governor's stress goal
 * @param dailyVolatility σ_day used for impact and inventory risk, a fraction
 * @param stressProbability the forecast's P(MAE over its stress horizon &gt; its stress level)
 * @param stale whether an input was older than allowed (the values are then the conservative ones)
 * @param reasons how each value was obtained and which constraint bound, in order
 */
public record AssetThresholds(
    String symbol,
    String modelVersion,
    long forecastAsOfEpochMs,
    long computedAtEpochMs,
    double lt,
    double ltv,
    double bonus,
    double closeFactor,
    double slippage,
    double quantileThreshold,
    double alphaUsed,
    double quantileBuffer,
    double betaUsed,
    double tailLt,
    double dailyVolatility,
    double stressProbability,
    boolean stale,
    List<Reason> reasons) {

  public AssetThresholds {
    Checks.notBlank(symbol, "symbol");
    Checks.notBlank(modelVersion, "modelVersion");
    if (!(lt > 0 && lt < 1)) {
      throw new IllegalArgumentException("lt of " + symbol + " must be in (0, 1), was " + lt);
    }
    if (!(ltv > 0 && ltv <= lt)) {
      throw new IllegalArgumentException(
          "ltv of " + symbol + " must be in (0, lt = " + lt + "], was " + ltv);
    }
    if (!(tailLt > 0 && tailLt <= lt)) {
      throw new IllegalArgumentException(
          "tailLt of " + symbol + " must be in (0, lt = " + lt + "], was " + tailLt);
    }
    fraction(bonus, "bonus");
    fraction(slippage, "slippage");
    fraction(quantileThreshold, "quantileThreshold");
    fraction(quantileBuffer, "quantileBuffer");
    if (!(closeFactor > 0 && closeFactor <= 1)) {
      throw new IllegalArgumentException("closeFactor must be in (0, 1], was " + closeFactor);
    }
    Checks.inRange(alphaUsed, Double.MIN_VALUE, Math.nextDown(1d), "alphaUsed");
    Checks.inRange(betaUsed, Double.MIN_VALUE, Math.nextDown(1d), "betaUsed");
    Checks.positiveFinite(dailyVolatility, "dailyVolatility");
    Checks.inRange(stressProbability, 0, 1, "stressProbability");
    reasons = List.copyOf(reasons);
  }

  private static void fraction(double x, String name) {
    if (!(x >= 0 && x < 1)) {
      throw new IllegalArgumentException(name + " must be in [0, 1), was " + x);
    }
  }

  /** A copy with governed LT, LTV and the reasons extended (used by the governor). */
  AssetThresholds governed(double governedLt, double governedLtv, List<Reason> allReasons) {
    return new AssetThresholds(
        symbol,
        modelVersion,
        forecastAsOfEpochMs,
        computedAtEpochMs,
        governedLt,
        governedLtv,
        bonus,
        closeFactor,
        slippage,
        quantileThreshold,
        alphaUsed,
        quantileBuffer,
        betaUsed,
        Math.min(tailLt, governedLt),
        dailyVolatility,
        stressProbability,
        stale,
        allReasons);
  }
}

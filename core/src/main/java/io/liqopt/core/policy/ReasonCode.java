package io.liqopt.core.policy;

/**
 * Stable codes of the reasons attached to every threshold and assessment result. The names are part
 * of the API (they appear in JSON answers and backtest reports): add codes, never rename.
 */
public enum ReasonCode {
  /** The forecast that was used: symbol, model or bundle id, as-of time. */
  FORECAST_USED("forecast used"),
  /** X_α(H_liq), the adverse-move quantile that sets the liquidation threshold. */
  QUANTILE_THRESHOLD("adverse-move quantile for the liquidation threshold"),
  /** X_β(H_user), the adverse-move quantile that sets the new-position buffer. */
  QUANTILE_BUFFER("adverse-move quantile for the new-position buffer"),
  /** σ_day taken from the forecast's 24 h variance. */
  DAILY_VOLATILITY("daily volatility from the 24 h variance forecast"),
  /** σ_day scaled from another horizon because the forecast has no 24 h horizon. */
  DAILY_VOLATILITY_SCALED("daily volatility scaled from another horizon (no 24 h forecast)"),
  /** Expected slippage s of a typical clip, square-root law on volume or on supplied depth. */
  SLIPPAGE("expected slippage of a typical clip"),
  /** The bonus terms: slippage + inventory risk + fixed cost. */
  BONUS_TERMS("bonus = slippage + inventory risk + fixed cost"),
  /** The raw bonus was below b_min and was raised to it. */
  BONUS_CLAMPED_MIN("bonus raised to its lower bound"),
  /** The raw bonus was above b_max and was cut to it. */
  BONUS_CLAMPED_MAX("bonus cut to its upper bound"),
  /** LT = (1 − X_α)(1 − s)/(1 + b). */
  LIQUIDATION_THRESHOLD("liquidation threshold"),
  /** max LTV = LT · (1 − X_β). */
  MAX_LTV("max LTV for new positions"),
  /** The forecast is older than allowed. */
  STALE_FORECAST("forecast older than allowed"),
  /** The market snapshot is older than allowed. */
  STALE_MARKET("market data older than allowed"),
  /** The asset's live price is stale: too few healthy agreeing sources (live feeds only). */
  STALE_PRICE("live price stale: too few healthy agreeing sources, values conservative"),
  /** Stale inputs: quantiles taken at the curve's highest level, LT may not loosen. */
  STALE_CONSERVATIVE("stale inputs: conservative output"),
  /** A holding of an assessed position was judged by thresholds from stale inputs. */
  STALE_THRESHOLDS("thresholds from stale inputs used: conservative result"),
  /** The governor had no previous state and starts at its goal. */
  GOVERNOR_INITIALISED("governor initialised at its goal"),
  /** The governor reached its goal within the rate limit. */
  GOVERNOR_AT_GOAL("governed LT reached its goal"),
  /** The per-day rate limit stopped LT short of its goal. */
  GOVERNOR_RATE_LIMITED("LT change limited by the rate per day"),
  /** The stressed look-back floor made the goal tighter than the forecast target. */
  GOVERNOR_STRESSED_FLOOR("LT capped by the stressed look-back floor"),
  /** The stress probability crossed the trigger: the goal is the stressed LT ahead of stress. */
  GOVERNOR_STRESS_AHEAD("stress probability above trigger: tightening ahead of stress"),
  /** The goal was above the asset's LT ceiling (a venue's static LT) and was capped there. */
  GOVERNOR_CEILING("goal capped at the asset's LT ceiling"),
  /** A tightening reaches existing positions over the LT ramp: the published LT is ramped. */
  GOVERNOR_RAMP("tightening ramped for existing positions"),
  /** Stale target: the governed LT may tighten but not loosen. */
  GOVERNOR_STALE_HOLD("stale target: LT may not loosen"),
  /** max LTV follows the forecast at once, but never above the governed LT's buffer. */
  GOVERNOR_LTV("max LTV from the tighter of target and governed LT"),
  /** The position's health factor is at or above 1. */
  HEALTHY("health factor at or above 1: not liquidatable"),
  /** The position is liquidatable and a partial repay restores the target health factor. */
  PARTIAL_RESTORES_TARGET("partial liquidation restores the target health factor"),
  /** The restoring repay was larger than the close factor allows and was capped. */
  CLOSE_FACTOR_CAP("repay capped by the close factor"),
  /** Health factor below the full-liquidation level: the whole debt may be repaid. */
  FULL_BELOW_LEVEL("health factor below the full-liquidation level: full liquidation"),
  /** The debt, or what a partial repay would leave, is under the dust size. */
  FULL_DUST("dust: full liquidation"),
  /** No partial repay can restore the target health factor. */
  FULL_CANNOT_RESTORE("no partial repay restores the target: full liquidation"),
  /**
   * Per-asset toxic spiral: the partial plan would not raise HF because the seizable assets have
   * LT·(1 + b) ≥ HF (seizing them lowers HF); full liquidation instead.
   */
  FULL_PARTIAL_LOWERS_HEALTH("a partial repay would not raise the health factor: full liquidation"),
  /** Collateral value below debt·(1 + b): partial liquidation worsens the position. */
  TOXIC_SPIRAL("toxic spiral: collateral < debt·(1 + bonus); full liquidation and backstop"),
  /** The bonus was raised by the health-dependent schedule. */
  BONUS_SCHEDULE("bonus raised by the health-dependent schedule"),
  /** The bonus on this position's repay would not reach the minimum incentive: raised. */
  BONUS_MIN_INCENTIVE("bonus raised to pay the liquidator's minimum incentive"),
  /** Even the largest allowed number of slices cannot keep each under the impact limit. */
  IMPACT_LIMIT_UNREACHABLE("slices exceed the impact limit: too large for the market"),
  /** The guarded price: the median of the agreeing sources. */
  PRICE_MEDIAN("price = median of the agreeing sources"),
  /** A price source deviated from the median by more than the band and was dropped. */
  PRICE_SOURCE_OUTLIER("price source outside the band, dropped"),
  /** A price source was older than allowed and was dropped. */
  PRICE_SOURCE_STALE("price source too old, dropped"),
  /** A price source was stamped in the future (beyond the clock-skew tolerance) and was dropped. */
  PRICE_SOURCE_FUTURE("price source stamped in the future, dropped");

  private final String description;

  ReasonCode(String description) {
    this.description = description;
  }

  /** A short human-readable explanation of the code. */
  public String description() {
    return description;
  }
}

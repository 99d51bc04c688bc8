package io.liqopt.core.policy;

import static io.liqopt.core.policy.ConfigChecks.halfOpen;
import static io.liqopt.core.policy.ConfigChecks.nonNegative;
import static io.liqopt.core.policy.ConfigChecks.openInterval;
import static io.liqopt.core.policy.ConfigChecks.positive;

/**
 * The liquidation bonus: its bounds, the liquidator's costs it must cover, and how it grows with a
 * position's distress. Validated on construction; a bad field is refused with a {@link
 * ConfigException} naming the field as the user writes it (in parentheses below).
 *
 * @param min b_min ({@code bonusMin}), the least bonus, a fraction in [0, 1). Default 0.02: below
 *     this, liquidators of majors stop clearing debt when gas spikes.
 * @param max b_max ({@code bonusMax}), the largest bonus, a fraction in [0, 1), at least b_min.
 *     Default 0.15: Aave v3's highest per-asset bonus; above it the penalty is predatory.
 * @param liquidatorFixedCostQuote ({@code liquidatorFixedCostQuote}) the liquidator's fixed cost
 *     per liquidation (gas, fees), quote currency. Default 50.
 * @param liquidatorExitHours ({@code liquidatorExitHours}) the liquidator's exit horizon (time
 *     holding the seized collateral), hours. Default 1.
 * @param inventoryRiskSigmas ({@code inventoryRiskSigmas}) how many standard deviations of the
 *     price move over the exit horizon the bonus must cover. Default 1.
 * @param typicalClipQuote ({@code typicalClipQuote}) the typical liquidated clip whose slippage s
 *     enters LT and the bonus, quote currency. Default 100 000.
 * @param schedule ({@code bonusSchedule}) the position bonus schedule. Default {@link
 *     BonusSchedule#FLAT} (off).
 * @param maxAtHealthFactor ({@code bonusMaxAtHealthFactor}) with {@link BonusSchedule#LINEAR}, the
 *     HF at which the bonus reaches b_max, in (0, 1). Default 0.90.
 * @param minIncentiveQuote ({@code minIncentiveQuote}) the least a liquidator earns from one
 *     liquidation beyond the expected slippage of selling the seizure, quote currency: a position's
 *     bonus is raised (up to b_max) so that the bonus paid on the debt repaid covers this plus that
 *     slippage (a fixed incentive in quote terms, as Liquity's gas compensation). It is what lets
 *     the bonus rule see the actual position's size: a small position whose percentage bonus would
 *     not pay the liquidator's fixed cost is not left unliquidated. Default 0 (off).
 */
public record BonusConfig(
    double min,
    double max,
    double liquidatorFixedCostQuote,
    double liquidatorExitHours,
    double inventoryRiskSigmas,
    double typicalClipQuote,
    BonusSchedule schedule,
    double maxAtHealthFactor,
    double minIncentiveQuote)
    implements java.io.Serializable {

  /** The documented defaults. */
  public static final BonusConfig DEFAULTS =
      new BonusConfig(0.02, 0.15, 50, 1, 1, 100_000, BonusSchedule.FLAT, 0.90, 0);

  /** Relative margin the minimum-incentive raise adds, so that rounding never leaves it short. */
  public static final double INCENTIVE_MARGIN = 1e-6;

  public BonusConfig {
    halfOpen(min, "bonusMin");
    halfOpen(max, "bonusMax");
    if (min > max) {
      throw new ConfigException("bonusMin", "must not exceed bonusMax (" + min + " > " + max + ")");
    }
    nonNegative(liquidatorFixedCostQuote, "liquidatorFixedCostQuote");
    positive(liquidatorExitHours, "liquidatorExitHours");
    nonNegative(inventoryRiskSigmas, "inventoryRiskSigmas");
    positive(typicalClipQuote, "typicalClipQuote");
    if (schedule == null) {
      throw new ConfigException("bonusSchedule", "must be FLAT or LINEAR");
    }
    openInterval(maxAtHealthFactor, 0, 1, "bonusMaxAtHealthFactor");
    nonNegative(minIncentiveQuote, "minIncentiveQuote");
  }

  /** This bonus rule with other bounds (validated). */
  public BonusConfig withBounds(double newMin, double newMax) {
    return new BonusConfig(
        newMin,
        newMax,
        liquidatorFixedCostQuote,
        liquidatorExitHours,
        inventoryRiskSigmas,
        typicalClipQuote,
        schedule,
        maxAtHealthFactor,
        minIncentiveQuote);
  }

  /**
   * The bonus of a liquidatable position repaying {@code repayQuote}: with a minimum incentive
   * F_min &gt; 0, {@code b' = max(b, (F_min + slippage) / ΔD · (1 + margin))} capped at b_max
   * (never below b), so that the bonus paid covers the liquidator's minimum incentive and the
   * expected slippage of selling this position's seizure; b itself when F_min is 0 (off) or already
   * covered.
   *
   * @param bonus b, the bonus the schedule gives at the position's HF
   * @param repayQuote ΔD, the debt the liquidation repays, quote currency
   * @param slippageQuote the expected slippage of the seized collateral's sale, quote currency
   */
  public double withMinIncentive(double bonus, double repayQuote, double slippageQuote) {
    double need = minIncentiveQuote + Math.max(0, slippageQuote);
    if (!(minIncentiveQuote > 0) || !(repayQuote > 0) || bonus * repayQuote >= need) {
      return bonus;
    }
    return Math.max(bonus, Math.min(max, need / repayQuote * (1 + INCENTIVE_MARGIN)));
  }
}

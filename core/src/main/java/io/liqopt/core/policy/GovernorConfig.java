package io.liqopt.core.policy;

import static io.liqopt.core.policy.ConfigChecks.fraction;
import static io.liqopt.core.policy.ConfigChecks.positive;

/**
 * How the {@link ThresholdGovernor} moves a published LT toward its target. Validated on
 * construction; a bad field is refused with a {@link ConfigException} naming the field.
 *
 * <p>Pacing is asymmetric: LT may tighten (fall) by up to {@code ltMaxChangePerDay} a day, and
 * loosen (rise) by up to {@code min(ltMaxChangePerDay, ltMaxLoosenPerDay)} a day.
 *
 * @param ltMaxChangePerDay the LT rate limit of any move (so of a tightening), in LT points per day
 *     (0.02 = 2 points), &gt; 0. Default 0.02.
 * @param stressedLookbackDays the stressed look-back window, days. Default 365.
 * @param stressedWeight the weight of the stressed LT of the look-back window in the floor, in [0,
 *     1]. Default 0.25: EU EMIR RTS 153/2013 art. 28(1)(b) asks CCPs to give at least 25 % weight
 *     to stressed observations.
 * @param stressTriggerProbability the stress probability at and above which the governor heads for
 *     the stressed LT ahead of stress, in (0, 1]. Default 0.20.
 * @param ltMaxLoosenPerDay the LT rate limit of a loosening, in LT points per day, &gt; 0. Default
 *     0.02, the same as a tightening (symmetric pacing, the rule before this field). {@link
 *     #STEWARD_LT_MAX_LOOSEN_PER_DAY} is the Aave v3 risk stewards' pace (at most 0.25 points per
 *     update, at least 3 days apart, ≈ 0.083 points a day); applied to hourly targets it acts as a
 *     ratchet (every dip of the target tightens at 2 points a day, the recovery loosens 24 times
 *     slower), so it is an option for the policy optimiser to choose on earlier data, not a
 *     default.
 * @param stressedQuantile the quantile level of the stressed statistic, in (0, 1]: the stressed LT
 *     is the {@code (1 − stressedQuantile)} sample quantile ({@link
 *     io.liqopt.core.stats.Quantiles}) of the daily lowest target LTs of the look-back window, a
 *     robust high quantile of the daily stress rather than the single worst hour (1: the lowest
 *     day, the rule before this field). Default 0.99, the confidence level EMIR RTS 153/2013 art.
 *     24(1) sets for the margins of non-OTC instruments.
 * @param ltCeiling the highest LT the governor publishes, in (0, 1]. Default 1 (no ceiling). A
 *     venue's own static LT for the asset: the forecast then only ever tightens it (when stress is
 *     forecast), never loosens it past the level the venue would set by hand. {@code liqopt
 *     optimize} writes it per asset, from each asset's own history.
 * @param ltRampHours the ramp over which a tightening reaches existing positions, hours, ≥ 0.
 *     Default 0 (none: the governed LT judges every position at once). With a ramp (Euler v2's
 *     liquidation-LTV ramp), the published LT, which judges existing positions, falls linearly from
 *     the LT in force when the tightening began to the governed LT over this many hours, while max
 *     LTV (new positions) follows the governed LT at once; a loosening is immediate, and a lowered
 *     ceiling ramps too.
 */
public record GovernorConfig(
    double ltMaxChangePerDay,
    int stressedLookbackDays,
    double stressedWeight,
    double stressTriggerProbability,
    double ltMaxLoosenPerDay,
    double stressedQuantile,
    double ltCeiling,
    double ltRampHours)
    implements java.io.Serializable {

  /** The Aave v3 risk stewards' loosening pace: 0.25 LT points per 3 days. */
  public static final double STEWARD_LT_MAX_LOOSEN_PER_DAY = 0.0025 / 3;

  /** Default loosening rate: as fast as a tightening (symmetric pacing). */
  public static final double DEFAULT_LT_MAX_LOOSEN_PER_DAY = 0.02;

  /** Default quantile level of the stressed statistic (EMIR RTS 153/2013 art. 24(1)). */
  public static final double DEFAULT_STRESSED_QUANTILE = 0.99;

  /** Default LT ceiling: none. */
  public static final double NO_LT_CEILING = 1;

  /** The longest ramp: a week. */
  public static final double MAX_LT_RAMP_HOURS = 168;

  /** The documented defaults. */
  public static final GovernorConfig DEFAULTS =
      new GovernorConfig(
          0.02,
          365,
          0.25,
          0.20,
          DEFAULT_LT_MAX_LOOSEN_PER_DAY,
          DEFAULT_STRESSED_QUANTILE,
          NO_LT_CEILING,
          0);

  public GovernorConfig {
    positive(ltMaxChangePerDay, "ltMaxChangePerDay");
    positive(stressedLookbackDays, "stressedLookbackDays");
    if (!(stressedWeight >= 0 && stressedWeight <= 1)) {
      throw new ConfigException("stressedWeight", "must be in [0, 1], was " + stressedWeight);
    }
    fraction(stressTriggerProbability, "stressTriggerProbability");
    positive(ltMaxLoosenPerDay, "ltMaxLoosenPerDay");
    if (!(stressedQuantile > 0 && stressedQuantile <= 1)) {
      throw new ConfigException("stressedQuantile", "must be in (0, 1], was " + stressedQuantile);
    }
    if (!(ltCeiling > 0 && ltCeiling <= 1)) {
      throw new ConfigException("ltCeiling", "must be in (0, 1], was " + ltCeiling);
    }
    if (!(ltRampHours >= 0 && ltRampHours <= MAX_LT_RAMP_HOURS)) {
      throw new ConfigException(
          "ltRampHours", "must be in [0, " + MAX_LT_RAMP_HOURS + "] hours, was " + ltRampHours);
    }
  }

  /** The first seven fields, with no ramp. */
  public GovernorConfig(
      double ltMaxChangePerDay,
      int stressedLookbackDays,
      double stressedWeight,
      double stressTriggerProbability,
      double ltMaxLoosenPerDay,
      double stressedQuantile,
      double ltCeiling) {
    this(
        ltMaxChangePerDay,
        stressedLookbackDays,
        stressedWeight,
        stressTriggerProbability,
        ltMaxLoosenPerDay,
        stressedQuantile,
        ltCeiling,
        0);
  }

  /** The first four fields with the default loosening rate, stressed quantile and no ceiling. */
  public GovernorConfig(
      double ltMaxChangePerDay,
      int stressedLookbackDays,
      double stressedWeight,
      double stressTriggerProbability) {
    this(
        ltMaxChangePerDay,
        stressedLookbackDays,
        stressedWeight,
        stressTriggerProbability,
        DEFAULT_LT_MAX_LOOSEN_PER_DAY,
        DEFAULT_STRESSED_QUANTILE,
        NO_LT_CEILING);
  }

  /** This rule with another LT ceiling. */
  public GovernorConfig withLtCeiling(double value) {
    return new GovernorConfig(
        ltMaxChangePerDay,
        stressedLookbackDays,
        stressedWeight,
        stressTriggerProbability,
        ltMaxLoosenPerDay,
        stressedQuantile,
        value,
        ltRampHours);
  }

  /** The loosening limit in force: min(ltMaxChangePerDay, ltMaxLoosenPerDay), LT points a day. */
  public double loosenPerDay() {
    return Math.min(ltMaxChangePerDay, ltMaxLoosenPerDay);
  }
}

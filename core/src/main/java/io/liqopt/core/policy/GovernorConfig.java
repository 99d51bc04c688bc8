package io.liqopt.core.policy;

import static io.liqopt.core.policy.ConfigChecks.fraction;
import static io.liqopt.core.policy.ConfigChecks.positive;

/**
 * How the {@link ThresholdGovernor} moves a published LT toward its target. Validated on
 * construction; a bad field is refused with a {@link ConfigException} naming the field.
 *
 * @param ltMaxChangePerDay the LT rate limit, in LT points per day (0.02 = 2 points), &gt; 0.
 *     Default 0.02.
 * @param stressedLookbackDays the stressed look-back window, days. Default 365.
 * @param stressedWeight the weight of the stressed (tightest) LT of the look-back window in the
 *     floor, in [0, 1]. Default 0.25: EU EMIR RTS 153/2013 art. 28(1)(b) asks CCPs to give at least
 *     25 % weight to stressed observations.
 * @param stressTriggerProbability the stress probability at and above which the governor heads for
 *     the stressed LT ahead of stress, in (0, 1]. Default 0.20.
 */
public record GovernorConfig(
    double ltMaxChangePerDay,
    int stressedLookbackDays,
    double stressedWeight,
    double stressTriggerProbability) {

  /** The documented defaults. */
  public static final GovernorConfig DEFAULTS = new GovernorConfig(0.02, 365, 0.25, 0.20);

  public GovernorConfig {
    positive(ltMaxChangePerDay, "ltMaxChangePerDay");
    positive(stressedLookbackDays, "stressedLookbackDays");
    if (!(stressedWeight >= 0 && stressedWeight <= 1)) {
      throw new ConfigException("stressedWeight", "must be in [0, 1], was " + stressedWeight);
    }
    fraction(stressTriggerProbability, "stressTriggerProbability");
  }
}

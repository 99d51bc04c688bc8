package io.liqopt.core.policy;

/**
 * The tightest (lowest) target LT the governor saw on one UTC day: one entry of the stressed
 * look-back history.
 *
 * @param epochDay the UTC day, days since 1970-01-01
 * @param minTargetLt the lowest target LT of that day, in (0, 1)
 */
public record DailyTarget(long epochDay, double minTargetLt) {

  public DailyTarget {
    if (!(minTargetLt > 0 && minTargetLt < 1)) {
      throw new IllegalArgumentException("minTargetLt must be in (0, 1), was " + minTargetLt);
    }
  }
}

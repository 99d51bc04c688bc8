package io.liqopt.core.policy;

import static io.liqopt.core.policy.ConfigChecks.openInterval;
import static io.liqopt.core.policy.ConfigChecks.positive;

/**
 * Which inputs are fresh and agreed enough to act on: the staleness limit of forecasts and market
 * data, and the {@link PriceGuard}'s agreement rule. Validated on construction; a bad field is
 * refused with a {@link ConfigException} naming the field.
 *
 * @param maxInputAgeHours forecasts, market data and price quotes older than this are stale, hours.
 *     Default 3 (two missed hourly bars).
 * @param priceBandFraction the guard drops sources further than this from the median, a fraction in
 *     (0, 1). Default 0.02.
 * @param minAgreeingSources the guard refuses a price when fewer sources agree. Default 2.
 */
public record OracleGuardConfig(
    double maxInputAgeHours, double priceBandFraction, int minAgreeingSources)
    implements java.io.Serializable {

  /** The documented defaults. */
  public static final OracleGuardConfig DEFAULTS = new OracleGuardConfig(3, 0.02, 2);

  public OracleGuardConfig {
    positive(maxInputAgeHours, "maxInputAgeHours");
    openInterval(priceBandFraction, 0, 1, "priceBandFraction");
    positive(minAgreeingSources, "minAgreeingSources");
  }
}

package io.liqopt.core.policy;

import static io.liqopt.core.policy.ConfigChecks.openInterval;
import static io.liqopt.core.policy.ConfigChecks.positive;

/**
 * Which quantiles of which adverse-move forecasts set the thresholds (DESIGN.md, "Threshold
 * policy"). Validated on construction; a bad field is refused with a {@link ConfigException} naming
 * the field as the user writes it.
 *
 * @param alpha α ({@code alpha}), the quantile level of the adverse move that sets LT, in (0.5, 1).
 *     Default 0.99: the tail level banks use for market-risk VaR (Basel 99 %); at a 24 h horizon it
 *     puts LT near the 80–85 % that venues choose by hand for majors in calm markets.
 * @param beta β ({@code beta}), the quantile level of the new-position buffer, in (0.5, 1). Default
 *     0.95: a borrower should survive an ordinary bad day, not the 1-in-100 one.
 * @param liquidationHorizonHours H_liq ({@code liquidationHorizonHours}), liquidator reaction plus
 *     exit time, hours. Default 24: covers keeper outages and congestion such as 12 March 2020
 *     (Black Thursday), when liquidations lagged for hours. The forecast must have this horizon.
 * @param userHorizonHours H_user ({@code userHorizonHours}), the time a borrower takes to react
 *     (top up or repay), hours. Default 24: a borrower who checks once a day.
 */
public record QuantileConfig(
    double alpha, double beta, int liquidationHorizonHours, int userHorizonHours)
    implements java.io.Serializable {

  /** The documented defaults. */
  public static final QuantileConfig DEFAULTS = new QuantileConfig(0.99, 0.95, 24, 24);

  public QuantileConfig {
    openInterval(alpha, 0.5, 1, "alpha");
    openInterval(beta, 0.5, 1, "beta");
    positive(liquidationHorizonHours, "liquidationHorizonHours");
    positive(userHorizonHours, "userHorizonHours");
  }

  /** These quantiles at another α (validated). */
  public QuantileConfig withAlpha(double value) {
    return new QuantileConfig(value, beta, liquidationHorizonHours, userHorizonHours);
  }

  /** These quantiles with other horizons (validated). */
  public QuantileConfig withHorizons(int liquidationHours, int userHours) {
    return new QuantileConfig(alpha, beta, liquidationHours, userHours);
  }
}

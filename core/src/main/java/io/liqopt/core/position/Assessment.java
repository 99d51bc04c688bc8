package io.liqopt.core.position;

import io.liqopt.core.Checks;
import io.liqopt.core.policy.Reason;
import java.util.List;

/**
 * The assessment of one position.
 *
 * @param positionId the position
 * @param collateralValueQuote Σ C_i·P_i, quote currency
 * @param weightedCollateralQuote Σ C_i·P_i·LT_i, quote currency
 * @param debtQuote D, quote currency
 * @param healthFactor {@code HF = Σ C_i·P_i·LT_i / D}
 * @param liquidatable whether HF &lt; 1
 * @param distanceToLiquidation the uniform fall of every collateral price that makes HF = 1,
 *     {@code 1 − 1/HF} (HF is linear in the prices), a fraction; 0 when already liquidatable
 * @param liquidation what to do, or {@code null} when not liquidatable
 * @param reasons the codes of the rules that decided the result
 */
public record Assessment(String positionId, double collateralValueQuote,
    double weightedCollateralQuote, double debtQuote, double healthFactor, boolean liquidatable,
    double distanceToLiquidation, LiquidationPlan liquidation, List<Reason> reasons) {

  public Assessment {
    Checks.notBlank(positionId, "positionId");
    Checks.nonNegativeFinite(collateralValueQuote, "collateralValueQuote");
    Checks.nonNegativeFinite(weightedCollateralQuote, "weightedCollateralQuote");
    Checks.positiveFinite(debtQuote, "debtQuote");
    Checks.nonNegativeFinite(healthFactor, "healthFactor");
    Checks.inRange(distanceToLiquidation, 0, 1, "distanceToLiquidation");
    if (liquidatable != (liquidation != null)) {
      throw new IllegalArgumentException("a plan is given exactly when the position is liquidatable");
    }
    reasons = List.copyOf(reasons);
  }
}

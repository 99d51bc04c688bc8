package io.liqopt.core.position;

import io.liqopt.core.Checks;
import io.liqopt.core.policy.Reason;
import io.liqopt.core.policy.ReasonCode;
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
 * @param distanceToLiquidation {@code 1 − 1/HF}: the fall, as a fraction, that brings HF to 1 when
 *     all collateral prices fall together by the same fraction (HF is linear in the prices with the
 *     debt fixed). It is not the fall of any one asset alone, which must be larger. 0 when already
 *     liquidatable.
 * @param liquidation what to do, or {@code null} when not liquidatable
 * @param reasons the codes of the rules that decided the result; includes {@link
 *     ReasonCode#STALE_THRESHOLDS} when {@code stale}
 * @param stale whether any holding was judged by thresholds computed from stale inputs
 * @param thresholdsUsed the thresholds (LT, bonus, model version, staleness) of each holding, in
 *     the position's order
 */
public record Assessment(
    String positionId,
    double collateralValueQuote,
    double weightedCollateralQuote,
    double debtQuote,
    double healthFactor,
    boolean liquidatable,
    double distanceToLiquidation,
    LiquidationPlan liquidation,
    List<Reason> reasons,
    boolean stale,
    List<ThresholdsUsed> thresholdsUsed) {

  public Assessment {
    Checks.notBlank(positionId, "positionId");
    Checks.nonNegativeFinite(collateralValueQuote, "collateralValueQuote");
    Checks.nonNegativeFinite(weightedCollateralQuote, "weightedCollateralQuote");
    Checks.positiveFinite(debtQuote, "debtQuote");
    Checks.nonNegativeFinite(healthFactor, "healthFactor");
    Checks.inRange(distanceToLiquidation, 0, 1, "distanceToLiquidation");
    if (liquidatable != (liquidation != null)) {
      throw new IllegalArgumentException(
          "a plan is given exactly when the position is liquidatable");
    }
    reasons = List.copyOf(reasons);
    thresholdsUsed = List.copyOf(thresholdsUsed);
    boolean anyStale = false;
    for (ThresholdsUsed t : thresholdsUsed) {
      anyStale |= t.stale();
    }
    if (anyStale && !stale) {
      throw new IllegalArgumentException(
          "assessment of " + positionId + " used stale thresholds but is not flagged stale");
    }
    if (stale && reasons.stream().noneMatch(r -> r.code() == ReasonCode.STALE_THRESHOLDS)) {
      throw new IllegalArgumentException(
          "stale assessment of " + positionId + " must say so in its reasons");
    }
  }

  /** An assessment without threshold provenance (not stale), the form before it was added. */
  public Assessment(
      String positionId,
      double collateralValueQuote,
      double weightedCollateralQuote,
      double debtQuote,
      double healthFactor,
      boolean liquidatable,
      double distanceToLiquidation,
      LiquidationPlan liquidation,
      List<Reason> reasons) {
    this(
        positionId,
        collateralValueQuote,
        weightedCollateralQuote,
        debtQuote,
        healthFactor,
        liquidatable,
        distanceToLiquidation,
        liquidation,
        reasons,
        false,
        List.of());
  }
}

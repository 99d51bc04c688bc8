package io.liqopt.core.position;

import io.liqopt.core.Checks;
import java.util.List;

/**
 * What a liquidation of a liquidatable position should do.
 *
 * @param repayQuote ΔD, the debt the liquidator repays, quote currency
 * @param full whether the whole debt is repaid (or all collateral seized, when toxic)
 * @param toxicSpiral whether collateral value &lt; D·(1 + b): a partial liquidation would make the
 *     position worse, so all collateral is seized and the rest goes to the backstop
 * @param badDebtQuote debt left with no collateral behind it, for the backstop, quote currency
 * @param seizures collateral seized, in seizure order
 * @param effectiveBonus the bonus paid as a fraction of the repaid debt
 * @param borrowerPenaltyQuote what the borrower loses beyond the repaid debt: seized value − ΔD
 * @param healthFactorAfter HF after the liquidation, or {@code null} when no debt is left
 * @param schedule how the seized collateral is sold, one entry per seized asset
 * @param expectedSlippageQuote Σ slice value · slice impact, quote currency. Each slice is charged
 *     its end-of-slice impact {@code k·sqrt(q)} on its whole value, where the average impact over
 *     the slice's execution is lower (half of it for a linear walk of the book, two thirds under
 *     the square-root law): a conservative (high) estimate
 */
public record LiquidationPlan(
    double repayQuote,
    boolean full,
    boolean toxicSpiral,
    double badDebtQuote,
    List<Seizure> seizures,
    double effectiveBonus,
    double borrowerPenaltyQuote,
    Double healthFactorAfter,
    List<ExecutionSchedule> schedule,
    double expectedSlippageQuote) {

  public LiquidationPlan {
    Checks.nonNegativeFinite(repayQuote, "repayQuote");
    Checks.nonNegativeFinite(badDebtQuote, "badDebtQuote");
    Checks.nonNegativeFinite(effectiveBonus, "effectiveBonus");
    Checks.nonNegativeFinite(borrowerPenaltyQuote, "borrowerPenaltyQuote");
    if (healthFactorAfter != null) {
      Checks.nonNegativeFinite(healthFactorAfter, "healthFactorAfter");
    }
    Checks.nonNegativeFinite(expectedSlippageQuote, "expectedSlippageQuote");
    seizures = List.copyOf(seizures);
    schedule = List.copyOf(schedule);
  }

  /** The total value seized, quote currency. */
  public double seizedValueQuote() {
    double s = 0;
    for (Seizure z : seizures) {
      s += z.valueQuote();
    }
    return s;
  }
}

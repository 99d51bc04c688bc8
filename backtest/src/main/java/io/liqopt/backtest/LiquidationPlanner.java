package io.liqopt.backtest;

import io.liqopt.core.policy.AssetThresholds;
import io.liqopt.core.policy.MarketSnapshot;
import io.liqopt.core.policy.ResolvedPolicy;
import io.liqopt.core.position.Assessment;
import io.liqopt.core.position.CollateralHolding;
import io.liqopt.core.position.LiquidationPlan;
import io.liqopt.core.position.Position;
import io.liqopt.core.position.PositionAssessor;
import java.util.List;
import java.util.Map;

/**
 * Sizes a simulated liquidation with core's {@link PositionAssessor}, under the parameters a policy
 * has in force: the same repay, seizure and bonus rules as the service. Stateless after
 * construction; one per simulation run.
 */
final class LiquidationPlanner {
  private final String symbol;
  private final String policy;
  private final PositionAssessor assessor;

  LiquidationPlanner(String symbol, String policy, ResolvedPolicy risk) {
    this.symbol = symbol;
    this.policy = policy;
    this.assessor = PositionAssessor.of(risk);
  }

  /**
   * The plan for one position (null: nothing to liquidate).
   *
   * @param id the position's id
   * @param qty its collateral, units of the asset
   * @param debtQuote its debt, quote
   * @param openMs the hour the liquidator acts
   * @param price the execution price (historical open times the impact multiplier)
   * @param sigmaDay the daily volatility in force
   * @param atPrice the market snapshot at {@code price}
   * @param p the parameters in force
   */
  LiquidationPlan plan(
      long id,
      double qty,
      double debtQuote,
      long openMs,
      double price,
      double sigmaDay,
      MarketSnapshot atPrice,
      Parameters p) {
    AssetThresholds th =
        new AssetThresholds(
            symbol,
            policy,
            openMs,
            openMs,
            p.lt(),
            p.ltv(),
            p.bonus(),
            p.closeFactor(),
            p.slippage(),
            0,
            0.99,
            0,
            0.95,
            p.lt(),
            sigmaDay,
            0,
            false,
            List.of());
    Assessment a =
        assessor.assess(
            new Position(
                "p" + id, List.of(new CollateralHolding(symbol, qty, price)), "QUOTE", debtQuote),
            Map.of(symbol, th),
            Map.of(symbol, atPrice));
    return a.liquidation();
  }

  /** The parameters a policy has in force for an hour. */
  record Parameters(double lt, double ltv, double bonus, double closeFactor, double slippage) {}
}

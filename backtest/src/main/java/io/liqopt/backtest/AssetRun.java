package io.liqopt.backtest;

/**
 * What one policy did on one asset with one seed. Amounts in the quote currency.
 *
 * @param policy the policy
 * @param symbol the asset
 * @param seed the borrower and liquidator seed
 * @param startMs the start of the UTC day of the first simulated hour (day 0 of the daily series)
 * @param positionHours Σ over hours of the positions open (the simulation's work)
 * @param positionsOpened new positions
 * @param borrowedQuote Σ debt at opening
 * @param liquidations liquidation transactions (a position may be liquidated several times)
 * @param partialLiquidations those that left debt behind
 * @param liquidatedQuote Σ debt repaid by liquidators
 * @param penaltyQuote Σ what borrowers lost beyond the repaid debt (the bonus)
 * @param badDebtQuote Σ debt left with no collateral behind it: at liquidation (toxic), when nobody
 *     liquidated in time (at expiry), or open and underwater at the end of the data
 * @param unprofitableDelays hours a liquidation waited because the bonus did not cover its cost
 * @param topUps borrowers who added collateral after a warning
 * @param timeAvgLtv the mean over hours of Σ debt / Σ collateral value of the open positions
 * @param cliffShare the mean over days of the share of open debt that one more 1 % price fall would
 *     make liquidatable
 * @param cascadeDepth the longest chain of liquidations each made liquidatable by the price impact
 *     of the one before (0: no liquidation was caused by another)
 * @param dailyBadDebtQuote bad debt per UTC calendar day from {@code startMs}
 * @param events liquidation events (time, repay, bad debt, generation), for episodes and charts
 */
public record AssetRun(
    String policy,
    String symbol,
    long seed,
    long startMs,
    long positionHours,
    long positionsOpened,
    double borrowedQuote,
    long liquidations,
    long partialLiquidations,
    double liquidatedQuote,
    double penaltyQuote,
    double badDebtQuote,
    long unprofitableDelays,
    long topUps,
    double timeAvgLtv,
    double cliffShare,
    int cascadeDepth,
    double[] dailyBadDebtQuote,
    Events events) {

  /**
   * Liquidation events in columns.
   *
   * @param timeMs when (the open of the hour the liquidator acted)
   * @param repayQuote debt repaid
   * @param badDebtQuote debt written off with it
   * @param penaltyQuote the borrower's loss beyond the repaid debt
   * @param partial whether debt was left
   * @param price the execution price
   */
  public record Events(
      long[] timeMs,
      double[] repayQuote,
      double[] badDebtQuote,
      double[] penaltyQuote,
      boolean[] partial,
      double[] price) {

    public int size() {
      return timeMs.length;
    }
  }
}

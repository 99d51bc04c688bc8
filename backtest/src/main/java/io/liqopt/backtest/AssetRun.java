package io.liqopt.backtest;

import java.util.Arrays;
import java.util.List;

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
 * @param parameterInducedLiquidatable positions made liquidatable by a threshold change alone: at
 *     the hour's low they were liquidatable under the LT in force but not under the LT of the hour
 *     before (the count risk teams report for a parameter proposal)
 * @param dailyBadDebtQuote bad debt per UTC calendar day from {@code startMs} (one entry a day,
 *     read once by the metrics)
 * @param events liquidation events (time, repay, bad debt, generation), for episodes and charts
 * @param daily the per-day borrowed volume, liquidations, penalties and LTV (day 0 at {@code
 *     startMs}), for the day-block bootstrap
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
    long parameterInducedLiquidatable,
    List<Double> dailyBadDebtQuote,
    Events events,
    Daily daily)
    implements java.io.Serializable {

  public AssetRun {
    dailyBadDebtQuote = List.copyOf(dailyBadDebtQuote);
  }

  /**
   * Liquidation events in columns, in the order they happened; immutable (the columns are copied on
   * construction). Per event {@code i}:
   *
   * <ul>
   *   <li>{@link #timeMs(int)} when (the open of the hour the liquidator acted)
   *   <li>{@link #repayQuote(int)} debt repaid
   *   <li>{@link #badDebtQuote(int)} debt written off with it
   *   <li>{@link #penaltyQuote(int)} the borrower's loss beyond the repaid debt
   *   <li>{@link #partial(int)} whether debt was left
   *   <li>{@link #price(int)} the execution price
   * </ul>
   */
  public static final class Events implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private final long[] timeMs;
    private final double[] repayQuote;
    private final double[] badDebtQuote;
    private final double[] penaltyQuote;
    private final boolean[] partial;
    private final double[] price;

    /** The first {@code size} entries of each column, copied. */
    Events(
        long[] timeMs,
        double[] repayQuote,
        double[] badDebtQuote,
        double[] penaltyQuote,
        boolean[] partial,
        double[] price,
        int size) {
      this.timeMs = Arrays.copyOf(timeMs, size);
      this.repayQuote = Arrays.copyOf(repayQuote, size);
      this.badDebtQuote = Arrays.copyOf(badDebtQuote, size);
      this.penaltyQuote = Arrays.copyOf(penaltyQuote, size);
      this.partial = Arrays.copyOf(partial, size);
      this.price = Arrays.copyOf(price, size);
    }

    public int size() {
      return timeMs.length;
    }

    public long timeMs(int i) {
      return timeMs[i];
    }

    public double repayQuote(int i) {
      return repayQuote[i];
    }

    public double badDebtQuote(int i) {
      return badDebtQuote[i];
    }

    public double penaltyQuote(int i) {
      return penaltyQuote[i];
    }

    public boolean partial(int i) {
      return partial[i];
    }

    public double price(int i) {
      return price[i];
    }

    /** A copy of the time column (for charts; never call it in a loop). */
    public long[] copyTimeMs() {
      return timeMs.clone();
    }

    /** A copy of the price column (for charts; never call it in a loop). */
    public double[] copyPrice() {
      return price.clone();
    }
  }

  /**
   * Per UTC calendar day from {@code startMs} (the days of {@link #dailyBadDebtQuote}): what was
   * lent, liquidated and paid, the sum and count of the hourly LTVs, so that any set of days gives
   * its own time-averaged LTV (Σ ltvSum / Σ ltvHours), and the debt-hours (Σ over hours of the open
   * debt: what was lent, for how long). Immutable once built.
   */
  public static final class Daily implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private final double[] borrowedQuote;
    private final long[] liquidations;
    private final double[] penaltyQuote;
    private final double[] ltvSum;
    private final long[] ltvHours;
    private final double[] debtHoursQuote;

    private Daily(Builder b) {
      borrowedQuote = b.borrowedQuote.clone();
      liquidations = b.liquidations.clone();
      penaltyQuote = b.penaltyQuote.clone();
      ltvSum = b.ltvSum.clone();
      ltvHours = b.ltvHours.clone();
      debtHoursQuote = b.debtHoursQuote.clone();
    }

    public int days() {
      return borrowedQuote.length;
    }

    /** Σ debt of the positions opened on {@code day}. */
    public double borrowedQuote(int day) {
      return borrowedQuote[day];
    }

    /** Liquidation transactions on {@code day}. */
    public long liquidations(int day) {
      return liquidations[day];
    }

    /** Σ borrower penalties of the liquidations on {@code day}. */
    public double penaltyQuote(int day) {
      return penaltyQuote[day];
    }

    /** Σ over the day's hours with open positions of Σ debt / Σ collateral value. */
    public double ltvSum(int day) {
      return ltvSum[day];
    }

    /** The day's hours with open positions. */
    public long ltvHours(int day) {
      return ltvHours[day];
    }

    /** Σ over the day's hours of the open debt (quote × hours). */
    public double debtHoursQuote(int day) {
      return debtHoursQuote[day];
    }

    /** The running per-day totals of one run; not thread-safe. */
    static final class Builder {
      private final double[] borrowedQuote;
      private final long[] liquidations;
      private final double[] penaltyQuote;
      private final double[] ltvSum;
      private final long[] ltvHours;
      private final double[] debtHoursQuote;

      Builder(int days) {
        borrowedQuote = new double[days];
        liquidations = new long[days];
        penaltyQuote = new double[days];
        ltvSum = new double[days];
        ltvHours = new long[days];
        debtHoursQuote = new double[days];
      }

      void borrowed(int day, double debtQuote) {
        borrowedQuote[day] += debtQuote;
      }

      void liquidation(int day, double penalty) {
        liquidations[day]++;
        penaltyQuote[day] += penalty;
      }

      void ltv(int day, double hourLtv, double openDebtQuote) {
        ltvSum[day] += hourLtv;
        ltvHours[day]++;
        debtHoursQuote[day] += openDebtQuote;
      }

      Daily build() {
        return new Daily(this);
      }
    }
  }
}

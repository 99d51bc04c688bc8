package io.liqopt.backtest;

import java.util.List;

/**
 * One policy's figures per UTC calendar day, summed over assets and seeds: what the optimiser
 * compares candidates by, on the days before each decision. Immutable.
 */
final class DayFigures implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  private static final long DAY_MS = 86_400_000L;

  private final long firstEpochDay;
  private final double[] borrowed;
  private final double[] debtHours;
  private final double[] bad;
  private final double[] penalty;
  private final long[] liquidations;
  private final double[] ltvSum;
  private final long[] ltvHours;

  private DayFigures(long firstEpochDay, int days) {
    this.firstEpochDay = firstEpochDay;
    borrowed = new double[days];
    debtHours = new double[days];
    bad = new double[days];
    penalty = new double[days];
    liquidations = new long[days];
    ltvSum = new double[days];
    ltvHours = new long[days];
  }

  /**
   * Σ over {@code runs} (any assets and seeds) per epoch day from {@code firstEpochDay}; days
   * outside {@code [firstEpochDay, firstEpochDay + days)} are dropped.
   */
  static DayFigures of(List<AssetRun> runs, long firstEpochDay, int days) {
    DayFigures f = new DayFigures(firstEpochDay, days);
    for (AssetRun r : runs) {
      long offset = Math.floorDiv(r.startMs(), DAY_MS) - firstEpochDay;
      AssetRun.Daily d = r.daily();
      List<Double> badPerDay = r.dailyBadDebtQuote();
      for (int i = 0; i < d.days(); i++) {
        long day = offset + i;
        if (day < 0 || day >= days) {
          continue;
        }
        int k = (int) day;
        f.borrowed[k] += d.borrowedQuote(i);
        f.debtHours[k] += d.debtHoursQuote(i);
        f.penalty[k] += d.penaltyQuote(i);
        f.liquidations[k] += d.liquidations(i);
        f.bad[k] += badPerDay.get(i);
        f.ltvSum[k] += d.ltvSum(i);
        f.ltvHours[k] += d.ltvHours(i);
      }
    }
    return f;
  }

  /** Figures of given columns from {@code firstEpochDay} (tests; other columns zero). */
  static DayFigures ofColumns(
      long firstEpochDay, double[] borrowed, double[] bad, double[] debtHours) {
    DayFigures f = new DayFigures(firstEpochDay, borrowed.length);
    System.arraycopy(borrowed, 0, f.borrowed, 0, borrowed.length);
    System.arraycopy(bad, 0, f.bad, 0, bad.length);
    System.arraycopy(debtHours, 0, f.debtHours, 0, debtHours.length);
    return f;
  }

  /** The sums over the epoch days {@code [fromDay, toDay)} (clipped to the days held). */
  Totals between(long fromDay, long toDay) {
    int a = (int) Math.max(0, Math.min(borrowed.length, fromDay - firstEpochDay));
    int b = (int) Math.max(0, Math.min(borrowed.length, toDay - firstEpochDay));
    double bo = 0;
    double dh = 0;
    double ba = 0;
    double pe = 0;
    long li = 0;
    double ls = 0;
    long lh = 0;
    for (int k = a; k < b; k++) {
      ls += ltvSum[k];
      lh += ltvHours[k];
      bo += borrowed[k];
      dh += debtHours[k];
      ba += bad[k];
      pe += penalty[k];
      li += liquidations[k];
    }
    return new Totals(bo, dh, ba, pe, li, lh > 0 ? ls / lh : Double.NaN);
  }

  /**
   * Sums over a span of days.
   *
   * @param borrowedQuote Σ debt at opening
   * @param debtHoursQuote Σ over hours of the open debt: what was lent, for how long
   * @param badDebtQuote Σ bad debt
   * @param penaltyQuote Σ borrower penalties
   * @param liquidations liquidation transactions
   * @param timeAvgLtv the mean over asset-hours with open positions of Σ debt / Σ collateral value
   */
  record Totals(
      double borrowedQuote,
      double debtHoursQuote,
      double badDebtQuote,
      double penaltyQuote,
      long liquidations,
      double timeAvgLtv) {

    /** Bad debt per unit borrowed (0 when nothing was borrowed). */
    double badPerBorrowed() {
      return borrowedQuote > 0 ? badDebtQuote / borrowedQuote : 0;
    }

    /** Borrower penalties per unit borrowed (0 when nothing was borrowed). */
    double penaltyPerBorrowed() {
      return borrowedQuote > 0 ? penaltyQuote / borrowedQuote : 0;
    }
  }
}

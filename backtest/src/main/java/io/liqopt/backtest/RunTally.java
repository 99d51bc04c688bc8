package io.liqopt.backtest;

import io.liqopt.core.position.LiquidationPlan;
import java.util.ArrayList;
import java.util.List;

/**
 * The running totals of one simulation run, turned into its {@link AssetRun} at the end: counts,
 * sums, bad debt per UTC calendar day (day 0 the day of the first simulated hour) and the
 * liquidation events. One per run; not thread-safe.
 */
final class RunTally {
  private static final long DAY_MS = 86_400_000L;

  private final long startDayMs;
  private final double[] daily;
  private final AssetRun.Daily.Builder perDay;
  private int currentDay;
  private final EventLog events = new EventLog();
  private long positionHours;
  private long opened;
  private double borrowed;
  private long liquidations;
  private long partials;
  private double liquidated;
  private double penalty;
  private double badDebt;
  private long delays;
  private long topUps;
  private long parameterInduced;
  private double ltvSum;
  private long ltvHours;
  private double cliffSum;
  private long cliffDays;
  private int cascade;

  /**
   * Empty totals of a run whose first and last hours open at {@code firstOpenMs} and {@code
   * lastOpenMs} ({@code empty}: a run of no hours, whose daily series is one day of zero).
   */
  RunTally(long firstOpenMs, long lastOpenMs, boolean empty) {
    startDayMs = empty ? 0 : Math.floorDiv(firstOpenMs, DAY_MS) * DAY_MS;
    daily = new double[empty ? 1 : (int) ((lastOpenMs - startDayMs) / DAY_MS) + 1];
    perDay = new AssetRun.Daily.Builder(daily.length);
  }

  /**
   * The start of the hour opening at {@code openMs}: its day index becomes the day new positions,
   * liquidations and the hour's LTV are tallied on. Returns the day index.
   */
  int startHour(long openMs) {
    currentDay = day(openMs);
    return currentDay;
  }

  /** The day index (into the daily series) of an hour. */
  int day(long openMs) {
    return (int) ((openMs - startDayMs) / DAY_MS);
  }

  /** The last day of the daily series. */
  int lastDay() {
    return daily.length - 1;
  }

  /** Debt left without collateral behind it on {@code day}. */
  void badDebt(int day, double amountQuote) {
    badDebt += amountQuote;
    daily[day] += amountQuote;
  }

  /** A liquidation the liquidator carried out, at {@code price}, on {@code day}. */
  void liquidation(
      long openMs, int day, LiquidationPlan plan, boolean closed, double price, int generation) {
    liquidations++;
    liquidated += plan.repayQuote();
    penalty += Math.max(0, plan.borrowerPenaltyQuote());
    badDebt(day, plan.badDebtQuote());
    perDay.liquidation(day, Math.max(0, plan.borrowerPenaltyQuote()));
    if (!closed) {
      partials++;
    }
    events.add(
        openMs,
        plan.repayQuote(),
        plan.badDebtQuote(),
        Math.max(0, plan.borrowerPenaltyQuote()),
        !closed,
        price);
    cascade = Math.max(cascade, generation);
  }

  /** A liquidation that waited an hour (no volume, or not worth it). */
  void delay() {
    delays++;
  }

  /** A position made liquidatable by a threshold change alone (not by a price move). */
  void parameterInduced() {
    parameterInduced++;
  }

  /** A borrower who added collateral. */
  void topUp() {
    topUps++;
  }

  /** A new position of {@code debtQuote}. */
  void opened(double debtQuote) {
    opened++;
    borrowed += debtQuote;
    perDay.borrowed(currentDay, debtQuote);
  }

  /**
   * The end of an hour: {@code open} positions, their Σ debt and Σ collateral value, and on the
   * last hour of a day the debt within 1 % of liquidation.
   */
  void hour(int open, double sumDebt, double sumValue, boolean cliffDay, double cliffDebt) {
    positionHours += open;
    if (sumValue > 0) {
      ltvSum += sumDebt / sumValue;
      ltvHours++;
      perDay.ltv(currentDay, sumDebt / sumValue, sumDebt);
    }
    if (cliffDay && sumDebt > 0) {
      cliffSum += cliffDebt / sumDebt;
      cliffDays++;
    }
  }

  AssetRun toRun(String policy, String symbol, long seed) {
    List<Double> perDay = new ArrayList<>(daily.length);
    for (double d : daily) {
      perDay.add(d);
    }
    return new AssetRun(
        policy,
        symbol,
        seed,
        startDayMs,
        positionHours,
        opened,
        borrowed,
        liquidations,
        partials,
        liquidated,
        penalty,
        badDebt,
        delays,
        topUps,
        ltvHours == 0 ? Double.NaN : ltvSum / ltvHours,
        cliffDays == 0 ? Double.NaN : cliffSum / cliffDays,
        cascade,
        parameterInduced,
        perDay,
        events.build(),
        this.perDay.build());
  }
}

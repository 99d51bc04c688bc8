package io.liqopt.backtest;

import io.liqopt.core.market.BarSeries;
import java.util.Arrays;

/**
 * One policy's parameters for one asset at every hour of its history: entry {@code r} is what the
 * policy set at the close of bar {@code r} (from bars {@code ≤ r} only) and is in force during the
 * following hour. NaN where the policy had nothing yet (warm-up); the simulation then carries the
 * last value forward and opens no position.
 *
 * <p>Immutable (the simulator reads it every hour of every run, from many threads): a {@link
 * Builder} fills the columns and hands them over. Columns per hour {@code r}:
 *
 * <ul>
 *   <li>{@link #lt(int)} the liquidation threshold in force
 *   <li>{@link #maxLtv(int)} the largest LTV of a new position
 *   <li>{@link #bonus(int)} the liquidation bonus
 *   <li>{@link #closeFactor(int)} the largest share of debt one partial liquidation may repay
 *   <li>{@link #slippage(int)} the slippage s the policy charged for a typical clip
 *   <li>{@link #dailyVolatility(int)} σ_day behind it (impact of liquidation sales)
 * </ul>
 */
public final class ThresholdSchedule implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  private final String policy;
  private final String symbol;
  private final double[] lt;
  private final double[] maxLtv;
  private final double[] bonus;
  private final double[] closeFactor;
  private final double[] slippage;
  private final double[] dailyVolatility;

  private ThresholdSchedule(Builder b) {
    this.policy = b.policy;
    this.symbol = b.symbol;
    this.lt = b.lt;
    this.maxLtv = b.maxLtv;
    this.bonus = b.bonus;
    this.closeFactor = b.closeFactor;
    this.slippage = b.slippage;
    this.dailyVolatility = b.dailyVolatility;
  }

  /** A builder of a schedule of {@code n} hours, all NaN (no thresholds) until set. */
  public static Builder builder(String policy, String symbol, int n) {
    return new Builder(policy, symbol, n);
  }

  /** The policy's name. */
  public String policy() {
    return policy;
  }

  /** The asset. */
  public String symbol() {
    return symbol;
  }

  /** The liquidation threshold set at the close of bar {@code r}. */
  public double lt(int r) {
    return lt[r];
  }

  /** The largest LTV of a new position set at the close of bar {@code r}. */
  public double maxLtv(int r) {
    return maxLtv[r];
  }

  /** The liquidation bonus set at the close of bar {@code r}. */
  public double bonus(int r) {
    return bonus[r];
  }

  /** The close factor set at the close of bar {@code r}. */
  public double closeFactor(int r) {
    return closeFactor[r];
  }

  /** The slippage s charged at the close of bar {@code r}. */
  public double slippage(int r) {
    return slippage[r];
  }

  /** σ_day behind the thresholds of bar {@code r}. */
  public double dailyVolatility(int r) {
    return dailyVolatility[r];
  }

  /** A copy of the LT column (for tests and charts; never call it in a loop). */
  public double[] copyLt() {
    return lt.clone();
  }

  /** A copy of the max-LTV column (for tests and charts; never call it in a loop). */
  public double[] copyMaxLtv() {
    return maxLtv.clone();
  }

  /** A copy of the bonus column (for tests; never call it in a loop). */
  public double[] copyBonus() {
    return bonus.clone();
  }

  /** Hours. */
  public int size() {
    return lt.length;
  }

  /** The first row with thresholds, or {@code size()} when none. */
  public int firstDefined() {
    for (int i = 0; i < lt.length; i++) {
      if (!Double.isNaN(lt[i])) {
        return i;
      }
    }
    return lt.length;
  }

  /**
   * The largest change of LT between any two hours at most 24 h apart (procyclicality), from row
   * {@code from}.
   */
  public double largestDailyLtChange(BarSeries bars, int from) {
    double worst = 0;
    int j = from;
    for (int i = from; i < lt.length; i++) {
      while (bars.openTimeMs(i) - bars.openTimeMs(j) > 86_400_000L) {
        j++;
      }
      if (Double.isNaN(lt[i])) {
        continue;
      }
      for (int k = j; k < i; k++) {
        if (!Double.isNaN(lt[k])) {
          worst = Math.max(worst, Math.abs(lt[i] - lt[k]));
        }
      }
    }
    return worst;
  }

  /**
   * Fills a schedule's columns hour by hour, then hands them to the schedule in {@link #build()}
   * without copying; the builder is unusable afterwards. Not thread-safe.
   */
  public static final class Builder {
    private final String policy;
    private final String symbol;
    private double[] lt;
    private double[] maxLtv;
    private double[] bonus;
    private double[] closeFactor;
    private double[] slippage;
    private double[] dailyVolatility;

    private Builder(String policy, String symbol, int n) {
      this.policy = policy;
      this.symbol = symbol;
      lt = nans(n);
      maxLtv = nans(n);
      bonus = nans(n);
      closeFactor = nans(n);
      slippage = nans(n);
      dailyVolatility = nans(n);
    }

    private static double[] nans(int n) {
      double[] a = new double[n];
      Arrays.fill(a, Double.NaN);
      return a;
    }

    /** Sets every column of hour {@code r}. */
    public Builder set(
        int r,
        double ltR,
        double maxLtvR,
        double bonusR,
        double closeFactorR,
        double slippageR,
        double dailyVolatilityR) {
      check();
      lt[r] = ltR;
      maxLtv[r] = maxLtvR;
      bonus[r] = bonusR;
      closeFactor[r] = closeFactorR;
      slippage[r] = slippageR;
      dailyVolatility[r] = dailyVolatilityR;
      return this;
    }

    /**
     * Sets every hour to the same parameters (a static rule; σ_day is left NaN: the rule has none).
     */
    public Builder fill(
        double ltAll,
        double maxLtvAll,
        double bonusAll,
        double closeFactorAll,
        double slippageAll) {
      check();
      Arrays.fill(lt, ltAll);
      Arrays.fill(maxLtv, maxLtvAll);
      Arrays.fill(bonus, bonusAll);
      Arrays.fill(closeFactor, closeFactorAll);
      Arrays.fill(slippage, slippageAll);
      return this;
    }

    /** The schedule; this builder can no longer be used. */
    public ThresholdSchedule build() {
      check();
      ThresholdSchedule s = new ThresholdSchedule(this);
      lt = null;
      maxLtv = null;
      bonus = null;
      closeFactor = null;
      slippage = null;
      dailyVolatility = null;
      return s;
    }

    private void check() {
      if (lt == null) {
        throw new IllegalStateException("schedule " + policy + "/" + symbol + " already built");
      }
    }
  }
}

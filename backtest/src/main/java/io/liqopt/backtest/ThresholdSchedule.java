package io.liqopt.backtest;

import io.liqopt.core.market.BarSeries;
import java.util.Arrays;

/**
 * One policy's parameters for one asset at every hour of its history: entry {@code r} is what the
 * policy set at the close of bar {@code r} (from bars {@code ≤ r} only) and is in force during the
 * following hour. NaN where the policy had nothing yet (warm-up); the simulation then carries the
 * last value forward and opens no position.
 *
 * @param policy the policy's name
 * @param symbol the asset
 * @param lt the liquidation threshold in force
 * @param maxLtv the largest LTV of a new position
 * @param bonus the liquidation bonus
 * @param closeFactor the largest share of debt one partial liquidation may repay
 * @param slippage the slippage s the policy charged for a typical clip
 * @param dailyVolatility σ_day behind it (impact of liquidation sales)
 */
public record ThresholdSchedule(
    String policy,
    String symbol,
    double[] lt,
    double[] maxLtv,
    double[] bonus,
    double[] closeFactor,
    double[] slippage,
    double[] dailyVolatility) {

  public ThresholdSchedule {
    int n = lt.length;
    if (maxLtv.length != n
        || bonus.length != n
        || closeFactor.length != n
        || slippage.length != n
        || dailyVolatility.length != n) {
      throw new IllegalArgumentException(
          "schedule arrays of " + policy + "/" + symbol + " differ in length");
    }
  }

  /** An empty schedule (all NaN) of {@code n} hours. */
  static ThresholdSchedule empty(String policy, String symbol, int n) {
    double[][] a = new double[6][n];
    for (double[] x : a) {
      Arrays.fill(x, Double.NaN);
    }
    return new ThresholdSchedule(policy, symbol, a[0], a[1], a[2], a[3], a[4], a[5]);
  }

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
}

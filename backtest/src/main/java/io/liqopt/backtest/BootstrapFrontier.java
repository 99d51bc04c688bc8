package io.liqopt.backtest;

import io.liqopt.backtest.Bootstrap.Figures;
import io.liqopt.backtest.Bootstrap.FrontierComparison;
import java.util.Arrays;
import java.util.List;

/**
 * A policy against the static grid points of the same resamples ({@link Bootstrap}'s frontier
 * rule), resample by resample.
 */
final class BootstrapFrontier {
  private BootstrapFrontier() {}

  static FrontierComparison compare(Figures policy, List<Integer> grid, Figures[] all) {
    int n = policy.bad.length;
    double[] ratio = new double[n];
    double[] difference = new double[n];
    double[] liquidations = new double[n];
    double[] penalty = new double[n];
    Integer[] order = grid.toArray(new Integer[0]);
    for (int b = 0; b < n; b++) {
      final int r = b;
      Arrays.sort(order, (x, y) -> Double.compare(all[x].ltv[r], all[y].ltv[r]));
      int below = segment(order, all, b, policy.ltv[b]);
      if (below < 0) {
        ratio[b] = Double.NaN;
        difference[b] = Double.NaN;
        liquidations[b] = Double.NaN;
        penalty[b] = Double.NaN;
        continue;
      }
      Figures lo = all[order[below]];
      Figures hi = all[order[below + 1]];
      double span = hi.ltv[b] - lo.ltv[b];
      double w = span > 0 ? (policy.ltv[b] - lo.ltv[b]) / span : 0;
      double frontierBad = lo.bad[b] + w * (hi.bad[b] - lo.bad[b]);
      ratio[b] = ratio(policy.bad[b], frontierBad);
      difference[b] = policy.bad[b] - frontierBad;
      liquidations[b] =
          policy.liquidations[b]
              - (lo.liquidations[b] + w * (hi.liquidations[b] - lo.liquidations[b]));
      penalty[b] = policy.penalty[b] - (lo.penalty[b] + w * (hi.penalty[b] - lo.penalty[b]));
    }
    return new FrontierComparison(
        Bootstrap.interval(ratio),
        Bootstrap.interval(difference),
        notWorse(ratio),
        Bootstrap.interval(liquidations),
        Bootstrap.interval(penalty));
  }

  /** The share of the compared resamples (index ≥ 1, not NaN) with a ratio ≤ 1; NaN if none. */
  static double notWorse(double[] ratio) {
    int n = 0;
    int better = 0;
    for (int b = 1; b < ratio.length; b++) {
      if (!Double.isNaN(ratio[b])) {
        n++;
        better += ratio[b] <= 1 ? 1 : 0;
      }
    }
    return n == 0 ? Double.NaN : (double) better / n;
  }

  /**
   * The index in {@code order} of the grid point at or below {@code ltv} whose successor is at or
   * above it; −1 outside the grid's range (or NaN).
   */
  static int segment(Integer[] order, Figures[] all, int b, double ltv) {
    for (int i = 1; i < order.length; i++) {
      if (ltv >= all[order[i - 1]].ltv[b] && ltv <= all[order[i]].ltv[b]) {
        return i - 1;
      }
    }
    return -1;
  }

  /** policy / frontier; 1 when both are zero, +∞ when only the frontier's is. */
  static double ratio(double policyBad, double frontierBad) {
    if (frontierBad > 0) {
      return policyBad / frontierBad;
    }
    return policyBad > 0 ? Double.POSITIVE_INFINITY : 1;
  }
}

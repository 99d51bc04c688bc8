package io.liqopt.core.position;

import io.liqopt.core.policy.Reason;
import io.liqopt.core.policy.ReasonCode;
import java.util.ArrayList;
import java.util.List;

/**
 * The seizure arithmetic of {@link PositionAssessor} (see its documentation for the formulas): the
 * seizure order, the repay that restores h*, the HF after a repay, and the liquidation plan with
 * its execution slices.
 */
final class Seizures {
  /** Relative debt remainder below which seizing stops (rounding noise of the piecewise solve). */
  private static final double REMAINDER_TOLERANCE = 1e-12;

  private static final Reason UNREACHABLE = Reason.of(ReasonCode.IMPACT_LIMIT_UNREACHABLE);

  private Seizures() {}

  /**
   * The repay that brings HF to h*, seizing in {@code order}; NaN when no partial repay can (a
   * seized asset with LT_k (1 + b_k) ≥ h*, or the collateral runs out first).
   */
  static double restoringRepay(Holdings h, double debt, double targetHf) {
    double[] value = h.value;
    double[] lt = h.lt;
    double[] bonus = h.bonus;
    double repay = 0;
    double w = h.weighted;
    double d = debt;
    for (int i : h.order) {
      double denom = targetHf - lt[i] * (1 + bonus[i]);
      if (!(denom > 0)) {
        return Double.NaN;
      }
      double x = (targetHf * d - w) / denom;
      if (x <= 0) {
        return repay;
      }
      if (x * (1 + bonus[i]) <= value[i]) {
        return repay + x;
      }
      double all = value[i] / (1 + bonus[i]);
      repay += all;
      d -= all;
      w -= value[i] * lt[i];
      if (!(d > 0)) {
        return Double.NaN;
      }
    }
    return Double.NaN;
  }

  /** HF after repaying {@code repay}, seizing in {@code order} (as {@link #plan} does). */
  static double healthAfter(Holdings h, double debt, double repay) {
    double[] value = h.value;
    double[] lt = h.lt;
    double[] bonus = h.bonus;
    double remaining = repay;
    double w = h.weighted;
    for (int i : h.order) {
      if (!(remaining > REMAINDER_TOLERANCE * repay)) {
        break;
      }
      double take = Math.min(value[i], remaining * (1 + bonus[i]));
      remaining -= take / (1 + bonus[i]);
      w -= take * lt[i];
    }
    return Math.max(0, w) / (debt - repay);
  }

  /**
   * The plan for repaying {@code repay}: the seizures in the holdings' order, each asset's sale cut
   * into hourly slices under its impact and participation limits, and the position after.
   */
  static LiquidationPlan plan(
      Holdings h, double debt, double repay, boolean full, boolean toxic, List<Reason> reasons) {
    double[] value = h.value;
    double[] lt = h.lt;
    double[] bonus = h.bonus;
    double[] scale = h.scale;
    List<Seizure> seizures = new ArrayList<>(h.order.length);
    List<ExecutionSchedule> schedule = new ArrayList<>(h.order.length);
    double remaining = repay;
    // rounding can leave a few ulps of debt after the last needed asset: do not seize dust for it
    double negligible = REMAINDER_TOLERANCE * repay;
    double seizedTotal = 0;
    double weightedAfter = h.weighted;
    double slippage = 0;
    boolean unreachable = false;
    for (int i : h.order) {
      if (!(remaining > negligible)) {
        break;
      }
      double take = Math.min(value[i], remaining * (1 + bonus[i]));
      remaining -= take / (1 + bonus[i]);
      if (!(take > 0)) {
        continue;
      }
      CollateralHolding c = h.holdings.get(i);
      seizures.add(new Seizure(c.symbol(), take, take / c.priceQuote(), bonus[i]));
      seizedTotal += take;
      weightedAfter -= take * lt[i];
      double perSlice = h.execution[i].sliceImpactLimit() / scale[i];
      double maxSlice =
          Math.min(
              perSlice * perSlice,
              h.execution[i].participationRate() * h.market[i].hourlyQuoteVolume());
      double count = Math.ceil(take / maxSlice);
      int k = (int) Math.min(Math.max(1, count), PositionAssessor.MAX_SLICES_PER_ASSET);
      unreachable |= count > PositionAssessor.MAX_SLICES_PER_ASSET;
      double q = take / k;
      double impact = scale[i] * Math.sqrt(q);
      schedule.add(new ExecutionSchedule(c.symbol(), k, q, q / c.priceQuote(), impact));
      slippage += take * impact;
    }
    if (unreachable) {
      reasons.add(UNREACHABLE);
    }
    double debtAfter = debt - repay;
    double badDebt = toxic ? debtAfter : 0;
    Double hfAfter = full && !toxic ? null : Math.max(0, weightedAfter) / debtAfter;
    double penalty = Math.max(0, seizedTotal - repay);
    return new LiquidationPlan(
        repay,
        full,
        toxic,
        badDebt,
        seizures,
        repay > 0 ? penalty / repay : 0,
        penalty,
        hfAfter,
        schedule,
        slippage);
  }

  /**
   * Indices of the assets that raise HF ({@code LT (1 + b) < hf}) first, by increasing impact
   * scale, ties (relative 1e-12) by increasing LT (riskiest first); then the others by increasing
   * {@code LT (1 + b)}.
   */
  static int[] order(double[] scale, double[] lt, double[] bonus, double hf) {
    int n = scale.length;
    double[] c = new double[n];
    for (int i = 0; i < n; i++) {
      c[i] = lt[i] * (1 + bonus[i]);
    }
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = 1; i < n; i++) {
      int x = order[i];
      int j = i - 1;
      while (j >= 0 && before(x, order[j], scale, lt, c, hf)) {
        order[j + 1] = order[j];
        j--;
      }
      order[j + 1] = x;
    }
    return order;
  }

  private static boolean before(int a, int b, double[] scale, double[] lt, double[] c, double hf) {
    boolean raisesA = c[a] < hf;
    if (raisesA != (c[b] < hf)) {
      return raisesA;
    }
    if (!raisesA && c[a] != c[b]) {
      return c[a] < c[b];
    }
    double tol = 1e-12 * Math.max(scale[a], scale[b]);
    if (Math.abs(scale[a] - scale[b]) > tol) {
      return scale[a] < scale[b];
    }
    return lt[a] < lt[b];
  }
}

package io.liqopt.backtest;

import io.liqopt.backtest.Bootstrap.Figures;
import io.liqopt.core.stats.DayBlockBootstrap.Interval;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Families of policies (points sharing {@link PolicyRun#family()}, e.g. the α sweep of the EWMA
 * policy) against the static frontier curve to curve, at fixed time-averaged LTV levels, paired
 * resample by resample on {@link Bootstrap}'s resampled figures.
 *
 * <p>In each resample both curves are their points sorted by resampled time-averaged LTV. At a
 * level L:
 *
 * <ul>
 *   <li>at equal LTV: each curve's bad debt, liquidations and penalties linearly interpolated in
 *       LTV at L; the bad-debt ratio is the family's over the frontier's ({@link
 *       BootstrapFrontier#ratio}: 1 when both are zero, +∞ when only the frontier's is), the
 *       liquidations and penalties are differences. Defined when L lies inside both curves' LTV
 *       ranges; the resamples where it does are counted.
 *   <li>at equal bad debt: D is the frontier's bad debt at L; each curve's bad debt is made
 *       monotone by its running maximum in increasing LTV (the envelope), and its LTV at D is the
 *       largest LTV whose envelope is at most D, linear between points. The LTV gain is the
 *       family's LTV at D minus the frontier's. Undefined (left out) when D is under a curve's
 *       first envelope value or at or above its last (the curve may lend more beyond its last
 *       point, so the LTV is not known).
 * </ul>
 *
 * <p>The estimates are resample 0 (the data as they are) and the intervals are percentile intervals
 * of the defined resamples, as for the other {@link Bootstrap} figures.
 */
public final class BootstrapFamilies {
  /** The time-averaged LTV levels compared at. */
  public static final List<Double> LEVELS = List.of(0.45, 0.50, 0.55, 0.60, 0.65);

  /** The rules, in a sentence (metrics.json and the reports). */
  public static final String RULE =
      "each family's points and the static grid's, sorted by time-averaged LTV in each resample;"
          + " at each LTV level: bad debt, liquidations and penalties linearly interpolated in LTV"
          + " on each curve (ratio of bad debts 1 when both are zero, +Infinity when only the"
          + " frontier's is), defined when the level lies inside both curves' LTV ranges; LTV gain"
          + " at equal bad debt: D = the frontier's bad debt at the level, each curve's LTV at D"
          + " read on its running maximum of bad debt in increasing LTV as the largest LTV whose"
          + " maximum is at most D (linear), undefined when D is under the curve's first value or"
          + " at or above its last; family's LTV minus the frontier's";

  private BootstrapFamilies() {}

  /**
   * Every family against the frontier.
   *
   * @param rule {@link #RULE}
   * @param levels the LTV levels, fractions
   * @param families one per family with at least two points, in order of first appearance
   */
  public record Result(String rule, List<Double> levels, List<Family> families) {
    public Result {
      levels = List.copyOf(levels);
      families = List.copyOf(families);
    }
  }

  /**
   * One family's curve against the frontier's.
   *
   * @param family the family key
   * @param policies its points, in the backtest's order
   * @param levels one per LTV level
   */
  public record Family(String family, List<String> policies, List<Level> levels) {
    public Family {
      policies = List.copyOf(policies);
      levels = List.copyOf(levels);
    }
  }

  /**
   * The comparison at one LTV level.
   *
   * @param ltv the level, a fraction
   * @param badDebtRatio family's bad debt per borrowed / the frontier's, at equal LTV
   * @param ltvGain family's LTV − the frontier's at the frontier's bad debt at the level (its own
   *     resample count: the inversions may be undefined where the ratio is not)
   * @param liquidationsPerSeedDifference family's liquidations per seed − the frontier's, equal LTV
   * @param penaltyShareDifference family's penalties per borrowed − the frontier's, equal LTV
   * @param resamples the resamples in which the level lies inside both curves' LTV ranges
   */
  public record Level(
      double ltv,
      Interval badDebtRatio,
      Interval ltvGain,
      Interval liquidationsPerSeedDifference,
      Interval penaltyShareDifference,
      int resamples) {}

  /**
   * The families among {@code policies} (indices into {@code all}) against the grid points {@code
   * grid}; null when there is no family of at least two points or fewer than two grid points.
   */
  static Result of(List<PolicyRun> policies, List<Integer> grid, Figures[] all) {
    if (grid.size() < 2) {
      return null;
    }
    java.util.Map<String, List<Integer>> byFamily = new java.util.LinkedHashMap<>();
    for (int p = 0; p < policies.size(); p++) {
      String f = policies.get(p).family();
      if (!f.isEmpty() && !grid.contains(p)) {
        byFamily.computeIfAbsent(f, k -> new ArrayList<>()).add(p);
      }
    }
    List<Family> out = new ArrayList<>();
    for (var e : byFamily.entrySet()) {
      if (e.getValue().size() < 2) {
        continue;
      }
      List<String> names = new ArrayList<>();
      for (int p : e.getValue()) {
        names.add(policies.get(p).name());
      }
      out.add(new Family(e.getKey(), names, compare(e.getValue(), grid, all, LEVELS)));
    }
    return out.isEmpty() ? null : new Result(RULE, LEVELS, out);
  }

  /** The family {@code family} against the frontier {@code grid} at each of {@code levels}. */
  static List<Level> compare(
      List<Integer> family, List<Integer> grid, Figures[] all, List<Double> levels) {
    int n = all[grid.get(0)].bad.length;
    int k = levels.size();
    double[][] ratio = new double[k][n];
    double[][] gain = new double[k][n];
    double[][] liq = new double[k][n];
    double[][] pen = new double[k][n];
    Curve f = new Curve(family.size());
    Curve s = new Curve(grid.size());
    for (int b = 0; b < n; b++) {
      f.load(family, all, b);
      s.load(grid, all, b);
      for (int l = 0; l < k; l++) {
        double level = levels.get(l);
        double frontierBad = s.at(s.bad, level);
        double familyBad = f.at(f.bad, level);
        boolean inside = !Double.isNaN(frontierBad) && !Double.isNaN(familyBad);
        ratio[l][b] = inside ? BootstrapFrontier.ratio(familyBad, frontierBad) : Double.NaN;
        liq[l][b] = inside ? f.at(f.liquidations, level) - s.at(s.liquidations, level) : Double.NaN;
        pen[l][b] = inside ? f.at(f.penalty, level) - s.at(s.penalty, level) : Double.NaN;
        gain[l][b] =
            Double.isNaN(frontierBad)
                ? Double.NaN
                : f.ltvAtBadDebt(frontierBad) - s.ltvAtBadDebt(frontierBad);
      }
    }
    List<Level> out = new ArrayList<>();
    for (int l = 0; l < k; l++) {
      Interval r = Bootstrap.interval(ratio[l]);
      out.add(
          new Level(
              levels.get(l),
              r,
              Bootstrap.interval(gain[l]),
              Bootstrap.interval(liq[l]),
              Bootstrap.interval(pen[l]),
              r.resamples()));
    }
    return out;
  }

  /**
   * One curve in one resample: its points' figures sorted by LTV (ties kept in policy order), and
   * the running maximum of bad debt. Reused across resamples.
   */
  static final class Curve {
    final double[] ltv;
    final double[] bad;
    final double[] liquidations;
    final double[] penalty;
    final double[] envelope;
    private final Integer[] order;

    Curve(int points) {
      ltv = new double[points];
      bad = new double[points];
      liquidations = new double[points];
      penalty = new double[points];
      envelope = new double[points];
      order = new Integer[points];
    }

    /** Loads resample {@code b} of the points {@code members}; NaN-LTV points sort last. */
    void load(List<Integer> members, Figures[] all, int b) {
      for (int i = 0; i < order.length; i++) {
        order[i] = members.get(i);
      }
      Arrays.sort(order, (x, y) -> Double.compare(all[x].ltv[b], all[y].ltv[b]));
      for (int i = 0; i < order.length; i++) {
        Figures p = all[order[i]];
        ltv[i] = p.ltv[b];
        bad[i] = p.bad[b];
        liquidations[i] = p.liquidations[b];
        penalty[i] = p.penalty[b];
        envelope[i] = i == 0 ? bad[i] : Math.max(envelope[i - 1], bad[i]);
      }
    }

    /** {@code y} linearly interpolated in LTV at {@code level}; NaN outside the LTV range. */
    double at(double[] y, double level) {
      return Polyline.at(ltv, y, level);
    }

    /**
     * The largest LTV whose envelope is at most {@code badDebt}, linear between points; NaN when
     * {@code badDebt} is under the first envelope value or at or above the last (or NaN).
     */
    double ltvAtBadDebt(double badDebt) {
      int last = envelope.length - 1;
      if (!(badDebt >= envelope[0] && badDebt < envelope[last]) || Double.isNaN(ltv[last])) {
        return Double.NaN;
      }
      int i = last - 1;
      while (envelope[i] > badDebt) {
        i--;
      }
      // envelope[i] <= badDebt < envelope[i + 1]: the envelope crosses badDebt on (i, i + 1]
      double w = (badDebt - envelope[i]) / (envelope[i + 1] - envelope[i]);
      return ltv[i] + w * (ltv[i + 1] - ltv[i]);
    }
  }
}

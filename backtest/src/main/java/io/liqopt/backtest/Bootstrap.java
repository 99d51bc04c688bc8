package io.liqopt.backtest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.liqopt.core.stats.DayBlockBootstrap;
import io.liqopt.core.stats.DayBlockBootstrap.Interval;
import java.util.ArrayList;
import java.util.List;

/**
 * Day-block bootstrap intervals on each policy's pooled figures, and paired intervals on its
 * difference from the static frontier at the same time-averaged LTV.
 *
 * <p>Resampling: the circular block bootstrap (Politis and Romano 1992, "A circular
 * block-resampling procedure for stationary data"): the common calendar-day axis of all runs (n
 * days) is rebuilt from ⌈n / L⌉ blocks of L consecutive days, each starting at a uniformly drawn
 * day and wrapping round the end, the last block cut so that a resample has n days. A drawn day is
 * that day of every asset and every seed, so the dependence between assets (crashes hit them
 * together) is kept, and the same draws serve every policy, so any two policies' figures are
 * paired. Each figure is recomputed from the resampled days: Σ bad debt / Σ borrowed, the mean over
 * runs of Σ hourly LTV / Σ hours, Σ liquidations / seeds, Σ penalties / Σ borrowed. The intervals
 * are percentile intervals (Efron and Tibshirani 1993, ch. 13); the resampling and the intervals
 * are {@link DayBlockBootstrap}'s.
 *
 * <p>Block length, {@link #BLOCK_DAYS} = 7: bad debt and liquidations come in crash episodes of one
 * to a few days (2022-05 LUNA, 2022-11 FTX, 2024-08-05, 2025-10-10/11) and volatility clusters over
 * days, so a block must hold an episode with its aftermath; a week does in most draws while five
 * years still give about 260 blocks, and it is the weekly cycle of crypto liquidity. The n^(1/3)
 * rate of Hall, Horowitz and Jing (1995) would give about 12 days for five years: longer blocks
 * would widen the intervals somewhat, so these are not conservative on that count.
 *
 * <p>Frontier rule (the same as the findings'): in each resample the static grid points are sorted
 * by their resampled time-averaged LTV and the frontier's figure is linearly interpolated in LTV
 * between the two grid points around the policy's resampled LTV. A grid point with zero bad debt
 * enters the interpolation as zero (linear, never log, so zero needs no floor). The bad-debt ratio
 * is the policy's over the frontier's; 1 when both are zero, +∞ when only the frontier's is. A
 * resample in which the policy's LTV lies outside the grid's range has no comparison and is left
 * out: each {@link Interval} counts the resamples it rests on.
 *
 * <p>Families of policies (an α sweep) are compared with the frontier curve to curve on the same
 * resamples by {@link BootstrapFamilies}.
 */
public final class Bootstrap {
  /** Days per block (see the class comment for why). */
  public static final int BLOCK_DAYS = 7;

  /** Resamples per interval. */
  public static final int RESAMPLES = 1000;

  /** The resampling seed, fixed so that a run is reproducible. */
  public static final long SEED = 20_221_108L;

  /** Two-sided coverage of the intervals. */
  public static final double LEVEL = 0.95;

  private static final long DAY_MS = 86_400_000L;

  private Bootstrap() {}

  /**
   * A policy against the static frontier at its own time-averaged LTV, paired resample by resample.
   *
   * @param badDebtRatio the policy's bad debt per borrowed / the frontier's (its upper end is +∞
   *     when more than 2.5 % of resamples have bad debt for the policy and none on the frontier)
   * @param badDebtShareDifference the policy's bad debt per borrowed − the frontier's (always
   *     finite)
   * @param shareNotWorse the share of resamples in which the policy's bad debt is at most the
   *     frontier's (ratio ≤ 1)
   * @param liquidationsPerSeedDifference the policy's liquidations per seed − the frontier's
   * @param penaltyShareDifference the policy's borrower penalties per borrowed − the frontier's
   */
  public record FrontierComparison(
      Interval badDebtRatio,
      Interval badDebtShareDifference,
      double shareNotWorse,
      Interval liquidationsPerSeedDifference,
      Interval penaltyShareDifference) {}

  /**
   * One policy's intervals.
   *
   * @param policy the policy
   * @param kind its kind
   * @param badDebtShare Σ bad debt / Σ borrowed
   * @param timeAvgLtv the time-averaged LTV (mean over runs)
   * @param liquidationsPerSeed liquidations per seed
   * @param penaltyShare Σ borrower penalties / Σ borrowed
   * @param vsFrontier against the static frontier; null for the grid's own points and for the
   *     presets and bonus experiment (other incentive rules: not like-for-like)
   */
  public record PolicyIntervals(
      String policy,
      String kind,
      Interval badDebtShare,
      Interval timeAvgLtv,
      Interval liquidationsPerSeed,
      Interval penaltyShare,
      FrontierComparison vsFrontier) {}

  /**
   * The intervals of a backtest and how they were made.
   *
   * @param method the resampling scheme, in a sentence
   * @param blockDays days per block
   * @param resamples resamples drawn
   * @param seed the resampling seed
   * @param level two-sided coverage
   * @param days the days of the common axis
   * @param frontierRule the interpolation rule on the static frontier, in a sentence
   * @param policies every policy's intervals, in the backtest's order
   * @param families the families' curves against the frontier's ({@link BootstrapFamilies}); null
   *     (and left out of metrics.json) when there is no family of two points or more
   */
  public record Result(
      String method,
      int blockDays,
      int resamples,
      long seed,
      double level,
      int days,
      String frontierRule,
      List<PolicyIntervals> policies,
      @JsonInclude(JsonInclude.Include.NON_NULL) BootstrapFamilies.Result families) {
    public Result {
      policies = List.copyOf(policies);
    }
  }

  /** The intervals of every policy of {@code result}, with the defaults. */
  public static Result of(Backtest.Result result) {
    return of(result, BLOCK_DAYS, RESAMPLES, SEED);
  }

  /** The intervals of every policy of {@code result}. */
  public static Result of(Backtest.Result result, int blockDays, int resamples, long seed) {
    if (blockDays < 1 || resamples < 1) {
      throw new IllegalArgumentException("blockDays and resamples must be positive");
    }
    long firstDay = Long.MAX_VALUE;
    long endDay = Long.MIN_VALUE;
    for (List<AssetRun> runs : result.runs().values()) {
      for (AssetRun r : runs) {
        long d = Math.floorDiv(r.startMs(), DAY_MS);
        firstDay = Math.min(firstDay, d);
        endDay = Math.max(endDay, d + r.dailyBadDebtQuote().size());
      }
    }
    int days = firstDay == Long.MAX_VALUE ? 1 : (int) (endDay - firstDay);
    int seeds = result.seeds().size();
    List<PolicyRun> policies = result.policies();
    DaySeries[] series = new DaySeries[policies.size()];
    for (int p = 0; p < series.length; p++) {
      series[p] = DaySeries.of(result.runs().get(policies.get(p).name()), firstDay, days);
    }
    int[][] draws = DayBlockBootstrap.draws(days, blockDays, resamples, seed);
    // figures[p][b]: resample b of policy p; b = 0 is the data as they are
    Figures[] figures = new Figures[series.length];
    for (int p = 0; p < series.length; p++) {
      figures[p] = new Figures(resamples + 1);
      figures[p].put(
          0, series[p], DayBlockBootstrap.identity(days, blockDays), blockDays, days, seeds);
      for (int b = 0; b < resamples; b++) {
        figures[p].put(b + 1, series[p], draws[b], blockDays, days, seeds);
      }
    }
    List<Integer> grid = new ArrayList<>();
    for (int p = 0; p < series.length; p++) {
      if (BacktestFindings.isGridPoint(policies.get(p).kind(), policies.get(p).name())) {
        grid.add(p);
      }
    }
    List<PolicyIntervals> out = new ArrayList<>();
    for (int p = 0; p < series.length; p++) {
      PolicyRun run = policies.get(p);
      Figures f = figures[p];
      boolean compared =
          !grid.contains(p)
              && !grid.isEmpty()
              && !run.kind().equals("preset")
              && !run.kind().equals("bonus");
      out.add(
          new PolicyIntervals(
              run.name(),
              run.kind(),
              interval(f.bad),
              interval(f.ltv),
              interval(f.liquidations),
              interval(f.penalty),
              compared ? BootstrapFrontier.compare(f, grid, figures) : null));
    }
    return new Result(
        "circular day-block bootstrap (Politis-Romano), blocks of "
            + blockDays
            + " calendar days drawn jointly for all assets and seeds, the same days for every"
            + " policy (paired), percentile intervals",
        blockDays,
        resamples,
        seed,
        LEVEL,
        days,
        "static frontier linearly interpolated in time-averaged LTV between the two grid points"
            + " around the policy's LTV, in each resample; zero bad debt interpolates as zero;"
            + " ratio 1 when both are zero, +Infinity when only the frontier's is; resamples with"
            + " the policy's LTV outside the grid's range are left out",
        out,
        BootstrapFamilies.of(policies, grid, figures));
  }

  /** The percentile interval at {@link #LEVEL} (see {@link DayBlockBootstrap#interval}). */
  static Interval interval(double[] values) {
    return DayBlockBootstrap.interval(values, LEVEL);
  }

  /** One policy's per-day totals as prefix sums over the common day axis. */
  static final class DaySeries {
    final double[] bad;
    final double[] borrowed;
    final double[] liquidations;
    final double[] penalty;
    final double[][] ltvSum;
    final double[][] ltvHours;

    private DaySeries(int runs, int days) {
      bad = new double[days + 1];
      borrowed = new double[days + 1];
      liquidations = new double[days + 1];
      penalty = new double[days + 1];
      ltvSum = new double[runs][days + 1];
      ltvHours = new double[runs][days + 1];
    }

    static DaySeries of(List<AssetRun> runs, long firstDay, int days) {
      DaySeries s = new DaySeries(runs.size(), days);
      for (int j = 0; j < runs.size(); j++) {
        AssetRun r = runs.get(j);
        int offset = (int) (Math.floorDiv(r.startMs(), DAY_MS) - firstDay);
        AssetRun.Daily d = r.daily();
        List<Double> badDebt = r.dailyBadDebtQuote();
        for (int i = 0; i < d.days(); i++) {
          int day = offset + i + 1; // prefix index: the sums of the days before
          s.bad[day] += badDebt.get(i);
          s.borrowed[day] += d.borrowedQuote(i);
          s.liquidations[day] += d.liquidations(i);
          s.penalty[day] += d.penaltyQuote(i);
          s.ltvSum[j][day] += d.ltvSum(i);
          s.ltvHours[j][day] += d.ltvHours(i);
        }
      }
      accumulate(s.bad);
      accumulate(s.borrowed);
      accumulate(s.liquidations);
      accumulate(s.penalty);
      for (int j = 0; j < runs.size(); j++) {
        accumulate(s.ltvSum[j]);
        accumulate(s.ltvHours[j]);
      }
      return s;
    }

    private static void accumulate(double[] a) {
      for (int i = 1; i < a.length; i++) {
        a[i] += a[i - 1];
      }
    }
  }

  /** One policy's four figures in each resample (index 0: the data as they are). */
  static final class Figures {
    final double[] bad;
    final double[] ltv;
    final double[] liquidations;
    final double[] penalty;

    Figures(int n) {
      bad = new double[n];
      ltv = new double[n];
      liquidations = new double[n];
      penalty = new double[n];
    }

    void put(int b, DaySeries s, int[] starts, int blockDays, int days, int seeds) {
      double borrowed = DayBlockBootstrap.resampledSum(s.borrowed, starts, blockDays, days);
      double badDebt = DayBlockBootstrap.resampledSum(s.bad, starts, blockDays, days);
      double pen = DayBlockBootstrap.resampledSum(s.penalty, starts, blockDays, days);
      bad[b] = borrowed > 0 ? badDebt / borrowed : 0;
      penalty[b] = borrowed > 0 ? pen / borrowed : 0;
      liquidations[b] =
          DayBlockBootstrap.resampledSum(s.liquidations, starts, blockDays, days) / seeds;
      double ltvTotal = 0;
      int ltvRuns = 0;
      for (int j = 0; j < s.ltvSum.length; j++) {
        double hours = DayBlockBootstrap.resampledSum(s.ltvHours[j], starts, blockDays, days);
        if (hours > 0) {
          ltvTotal += DayBlockBootstrap.resampledSum(s.ltvSum[j], starts, blockDays, days) / hours;
          ltvRuns++;
        }
      }
      ltv[b] = ltvRuns == 0 ? Double.NaN : ltvTotal / ltvRuns;
    }
  }
}

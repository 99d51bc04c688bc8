package io.liqopt.backtest;

import io.liqopt.core.forecast.AssetHistory;
import io.liqopt.core.stats.Quantiles;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The metrics of one policy over a set of runs (all assets, or one), pooled over seeds: sums are
 * divided by the borrowed volume so that policies that lend more are not penalised for it, and
 * counts are per seed.
 *
 * @param policy the policy
 * @param kind static, adaptive or oracle
 * @param borrowedQuote Σ debt at opening, per seed
 * @param badDebtShare Σ bad debt / Σ borrowed
 * @param liquidationsPerSeed liquidation transactions per seed
 * @param liquidatedShare Σ repaid by liquidators / Σ borrowed
 * @param penaltyShare Σ borrower penalties / Σ borrowed
 * @param partialShare partial liquidations / liquidations
 * @param timeAvgLtv the time-averaged LTV of open positions (mean over assets)
 * @param largestDailyLtChange the largest change of LT within 24 h (max over assets), LT points
 * @param cascadeDepth the longest liquidation chain caused by price impact (max)
 * @param cliffShare the mean share of open debt one more 1 % fall would make liquidatable
 * @param dailyBadDebtVar95 the 95th percentile of daily bad debt (all assets summed per day), over
 *     days and seeds, quote currency
 * @param dailyBadDebtEs99 the mean of the worst 1 % of daily bad debt, quote currency
 * @param unprofitableDelaysPerSeed liquidation-hours lost because the bonus did not cover the cost
 * @param topUpsPerSeed borrower top-ups per seed
 * @param parameterInducedPerSeed positions made liquidatable by a threshold change alone (not by a
 *     price move), per seed ({@link AssetRun#parameterInducedLiquidatable()})
 */
public record PolicyMetrics(
    String policy,
    String kind,
    double borrowedQuote,
    double badDebtShare,
    double liquidationsPerSeed,
    double liquidatedShare,
    double penaltyShare,
    double partialShare,
    double timeAvgLtv,
    double largestDailyLtChange,
    int cascadeDepth,
    double cliffShare,
    double dailyBadDebtVar95,
    double dailyBadDebtEs99,
    double unprofitableDelaysPerSeed,
    double topUpsPerSeed,
    double parameterInducedPerSeed) {

  private static final long DAY_MS = 86_400_000L;

  /** The metrics of {@code policy} over its runs on {@code symbols} (null: all). */
  public static PolicyMetrics of(
      Backtest.Result result,
      PolicyRun policy,
      List<AssetHistory> histories,
      List<String> symbols) {
    List<AssetRun> runs = new ArrayList<>();
    for (AssetRun r : result.runs().get(policy.name())) {
      if (symbols == null || symbols.contains(r.symbol())) {
        runs.add(r);
      }
    }
    int seeds = result.seeds().size();
    Totals t = Totals.of(runs);
    double[] pooled = pooledDailyBadDebt(runs);
    double borrowed = t.borrowed;
    return new PolicyMetrics(
        policy.name(),
        policy.kind(),
        borrowed / seeds,
        borrowed > 0 ? t.bad / borrowed : 0,
        (double) t.liquidations / seeds,
        borrowed > 0 ? t.liquidated / borrowed : 0,
        borrowed > 0 ? t.penalty / borrowed : 0,
        t.liquidations > 0 ? (double) t.partial / t.liquidations : 0,
        t.ltvN == 0 ? Double.NaN : t.ltv / t.ltvN,
        largestDailyLtChange(result, policy, histories, symbols),
        t.cascade,
        t.cliffN == 0 ? Double.NaN : t.cliff / t.cliffN,
        percentile(pooled, 0.95),
        tailMean(pooled, 0.01),
        (double) t.delays / seeds,
        (double) t.topUps / seeds,
        (double) t.parameterInduced / seeds);
  }

  /** Sums, counts and maxima over a policy's runs, before they are divided into metrics. */
  private static final class Totals {
    double borrowed;
    double bad;
    double liquidated;
    double penalty;
    long liquidations;
    long partial;
    long delays;
    long topUps;
    long parameterInduced;
    double ltv;
    int ltvN;
    double cliff;
    int cliffN;
    int cascade;

    static Totals of(List<AssetRun> runs) {
      Totals t = new Totals();
      for (AssetRun r : runs) {
        t.borrowed += r.borrowedQuote();
        t.bad += r.badDebtQuote();
        t.liquidated += r.liquidatedQuote();
        t.penalty += r.penaltyQuote();
        t.liquidations += r.liquidations();
        t.partial += r.partialLiquidations();
        t.delays += r.unprofitableDelays();
        t.topUps += r.topUps();
        t.parameterInduced += r.parameterInducedLiquidatable();
        if (!Double.isNaN(r.timeAvgLtv())) {
          t.ltv += r.timeAvgLtv();
          t.ltvN++;
        }
        if (!Double.isNaN(r.cliffShare())) {
          t.cliff += r.cliffShare();
          t.cliffN++;
        }
        t.cascade = Math.max(t.cascade, r.cascadeDepth());
      }
      return t;
    }
  }

  /**
   * Daily bad debt of all assets together (summed per UTC day), one series per seed, the series
   * pooled and sorted: the sample of the daily VaR and ES.
   */
  private static double[] pooledDailyBadDebt(List<AssetRun> runs) {
    long start = Long.MAX_VALUE;
    for (AssetRun r : runs) {
      start = Math.min(start, r.startMs() / DAY_MS);
    }
    int days = 0;
    for (AssetRun r : runs) {
      days = (int) Math.max(days, r.startMs() / DAY_MS - start + r.dailyBadDebtQuote().size());
    }
    Map<Long, double[]> perSeed = new LinkedHashMap<>();
    for (AssetRun r : runs) {
      final int n = Math.max(1, days);
      double[] d = perSeed.computeIfAbsent(r.seed(), k -> new double[n]);
      int offset = (int) (r.startMs() / DAY_MS - start);
      List<Double> src = r.dailyBadDebtQuote();
      for (int i = 0; i < src.size(); i++) {
        d[offset + i] += src.get(i);
      }
    }
    double[] pooled = perSeed.values().stream().flatMapToDouble(Arrays::stream).toArray();
    Arrays.sort(pooled);
    return pooled;
  }

  /** The largest change of LT within 24 h over the simulated windows of the assets (max). */
  private static double largestDailyLtChange(
      Backtest.Result result,
      PolicyRun policy,
      List<AssetHistory> histories,
      List<String> symbols) {
    double largestChange = 0;
    for (AssetHistory h : histories) {
      Backtest.Window w = result.windows().get(h.symbol());
      if (w == null || (symbols != null && !symbols.contains(h.symbol()))) {
        continue;
      }
      largestChange =
          Math.max(
              largestChange,
              policy.schedules().get(h.symbol()).largestDailyLtChange(h.series(), w.from()));
    }
    return largestChange;
  }

  /** The q-quantile of sorted values ({@link Quantiles}, Hyndman–Fan type 7); 0 when empty. */
  static double percentile(double[] sorted, double q) {
    return sorted.length == 0 ? 0 : Quantiles.ofSorted(sorted, q);
  }

  /** The mean of the largest {@code share} of sorted values (at least one value). */
  static double tailMean(double[] sorted, double share) {
    if (sorted.length == 0) {
      return 0;
    }
    int k = Math.max(1, (int) Math.ceil(share * sorted.length));
    double sum = 0;
    for (int i = sorted.length - k; i < sorted.length; i++) {
      sum += sorted[i];
    }
    return sum / k;
  }

  /**
   * One episode's figures for a policy, per seed: bad debt (share of the policy's borrowed volume
   * over the whole run, and in quote), liquidations and their volume.
   */
  public record EpisodeMetrics(
      String episode,
      String policy,
      double badDebtQuote,
      double liquidations,
      double liquidatedQuote) {

    static EpisodeMetrics of(Episode e, Backtest.Result result, PolicyRun policy) {
      double bad = 0;
      double count = 0;
      double volume = 0;
      for (AssetRun r : result.runs().get(policy.name())) {
        AssetRun.Events ev = r.events();
        for (int i = 0; i < ev.size(); i++) {
          if (e.contains(ev.timeMs(i))) {
            count++;
            volume += ev.repayQuote(i);
          }
        }
        List<Double> d = r.dailyBadDebtQuote();
        for (int i = 0; i < d.size(); i++) {
          if (e.contains(r.startMs() + i * DAY_MS)) {
            bad += d.get(i);
          }
        }
      }
      int seeds = result.seeds().size();
      return new EpisodeMetrics(
          e.name(), policy.name(), bad / seeds, count / seeds, volume / seeds);
    }
  }
}

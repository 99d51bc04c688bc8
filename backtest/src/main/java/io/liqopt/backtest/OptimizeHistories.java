package io.liqopt.backtest;

import io.liqopt.core.forecast.AssetHistory;
import io.liqopt.core.forecast.Forecaster;
import io.liqopt.core.forecast.baseline.GarchTParams;
import io.liqopt.core.market.BarSeries;
import io.liqopt.core.simulation.HistorySimulator;
import io.liqopt.core.stats.DayBlockBootstrap.Interval;
import io.liqopt.core.stats.Quantiles;
import io.liqopt.report.RunReport;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * {@code liqopt optimize --simulated-histories N}: the whole optimisation recipe ({@link
 * OptimizeJob}: forecasts, the walk-forward choices, the out-of-sample evaluation against the
 * static families) replayed on N market histories drawn by {@link HistorySimulator}, so that the
 * result is a distribution over histories instead of one number. Each history gets its own report
 * under the run's folder; the run's page gathers, per history, the optimised policy against the
 * static frontier at its own LTV, and pools them.
 *
 * <p>Pooled ratio: Σ over histories of the optimised policy's bad debt per borrowed / Σ of the
 * frontier's at the same LTV (the frontier's being the policy's less the paired difference), with a
 * percentile interval from resampling the histories (2 000 resamples, seeded): defined even when
 * some histories have no bad debt on the frontier.
 */
public final class OptimizeHistories {
  /** Resamples of the histories for the pooled interval. */
  static final int RESAMPLES = 2_000;

  private OptimizeHistories() {}

  /**
   * What to run.
   *
   * @param optimize the optimisation of each history
   * @param histories how many histories, 1..100
   * @param blockHours the simulator's block
   * @param seed the first history's seed (history i draws with seed + i)
   */
  public record Options(OptimizeJob.Options optimize, int histories, int blockHours, long seed) {
    public Options {
      if (histories < 1 || histories > 100) {
        throw new IllegalArgumentException("histories must be in 1..100, was " + histories);
      }
      if (blockHours < 1 || blockHours > 24 * 365) {
        throw new IllegalArgumentException("the block must be 1 h .. a year, was " + blockHours);
      }
    }
  }

  /**
   * One history's outcome.
   *
   * @param history its number, from 1
   * @param seed its seed
   * @param recommended the candidate chosen on all of it
   * @param ltv the optimised policy's time-averaged LTV (out of sample)
   * @param badDebtShare its bad debt per borrowed
   * @param frontierBadDebtShare the static frontier's at the same LTV
   * @param ratio the bad-debt ratio to the frontier with its paired day-block interval
   * @param liquidationsPerSeedDifference the optimised policy's liquidations per seed − the
   *     frontier's
   * @param budgetLtv the budget policy's time-averaged LTV
   * @param budgetBadDebtShare the budget policy's bad debt per borrowed
   * @param report the history's report, relative to the run's folder
   */
  public record Row(
      int history,
      long seed,
      String recommended,
      double ltv,
      double badDebtShare,
      double frontierBadDebtShare,
      Interval ratio,
      double liquidationsPerSeedDifference,
      double budgetLtv,
      double budgetBadDebtShare,
      String report)
      implements java.io.Serializable {}

  /** One history to optimise: its number, from 1, and its seed. */
  public record HistoryTask(int history, long seed) implements java.io.Serializable {}

  /**
   * Where the histories' optimisations run: in this JVM one after the other ({@link #run}'s
   * default), or spread over a cluster's workers, each calling {@link #history}.
   */
  @FunctionalInterface
  public interface HistoryRunner {
    /** Every task's row, in any order, each history's report written under {@code runDir}. */
    List<Row> runAll(List<HistoryTask> tasks, Path runDir) throws IOException;
  }

  /**
   * The histories pooled.
   *
   * @param pooledRatio Σ bad debt per borrowed / Σ the frontier's
   * @param pooledLower its lower 2.5 % over resampled histories
   * @param pooledUpper its upper 97.5 %
   * @param medianRatio the median of the per-history ratios (NaN ones left out)
   * @param historiesNotWorse histories whose ratio is at most 1
   * @param meanLtv the mean time-averaged LTV of the optimised policy
   * @param meanBudgetLtv the budget policy's
   */
  public record Pooled(
      double pooledRatio,
      double pooledLower,
      double pooledUpper,
      double medianRatio,
      int historiesNotWorse,
      double meanLtv,
      double meanBudgetLtv) {}

  /** What metrics.json holds. */
  public record Metrics(
      String method,
      int histories,
      int blockHours,
      long seed,
      Map<String, GarchTParams> garch,
      List<Row> rows,
      Pooled pooled) {}

  /** The outcome: metrics and the page. */
  public record Result(Metrics metrics, Path index) {}

  /**
   * Runs every history on {@code runner} (null: here, one after the other), given the run's folder;
   * {@code progress} gets every history's line once all are back.
   *
   * @param market every series to simulate, the factor among them
   * @param assets the symbols to optimise (the factor may be one)
   * @param factor the market factor's symbol
   * @param cacheDir the forecast cache (null: none)
   * @param progress a line per history and the optimiser's notes
   */
  public static Result run(
      Options o,
      List<BarSeries> market,
      List<String> assets,
      String factor,
      Forecaster model,
      Path cacheDir,
      Consumer<String> progress,
      Instant now,
      HistoryRunner runner)
      throws IOException {
    BacktestJob.Options b = o.optimize().backtest();
    RunReport report = RunReport.create(b.reportsDir(), "optimize-histories", now);
    progress.accept("fitting GARCH(1,1)-t to " + market.size() + " series");
    HistorySimulator sim = HistorySimulator.fit(market);
    Map<String, GarchTParams> garch = new java.util.LinkedHashMap<>();
    for (int a = 0; a < sim.symbols().size(); a++) {
      garch.put(sim.symbols().get(a), sim.params().get(a));
    }
    List<HistoryTask> tasks = new ArrayList<>();
    for (int i = 1; i <= o.histories(); i++) {
      tasks.add(new HistoryTask(i, o.seed() + i - 1));
    }
    List<Row> rows = new ArrayList<>();
    if (runner == null) {
      for (HistoryTask t : tasks) {
        Row row = history(t, o, sim, assets, factor, model, cacheDir, report.dir(), now);
        rows.add(row);
        progress.accept(HistoriesPage.line(row, o.histories()));
      }
    } else {
      rows.addAll(runner.runAll(tasks, report.dir()));
      rows.sort(java.util.Comparator.comparingInt(Row::history));
      rows.forEach(row -> progress.accept(HistoriesPage.line(row, o.histories())));
    }
    Metrics m =
        new Metrics(
            HistoriesPage.method(o.blockHours()),
            o.histories(),
            o.blockHours(),
            o.seed(),
            garch,
            rows,
            pool(rows, o.seed()));
    report.writeMetrics(m);
    Path index = HistoriesPage.write(report, m, o.optimize().budget());
    return new Result(m, index);
  }

  /**
   * One history: drawn from {@code sim} with its seed, forecast walk-forward by {@code model} (read
   * from the cache when there), optimised, its report written under {@code runDir}.
   */
  public static Row history(
      HistoryTask t,
      Options o,
      HistorySimulator sim,
      List<String> assets,
      String factor,
      Forecaster model,
      Path cacheDir,
      Path runDir,
      Instant now)
      throws IOException {
    List<BarSeries> drawn = sim.draw(o.blockHours(), t.seed());
    BarSeries f = drawn.get(sim.symbols().indexOf(factor));
    List<AssetHistory> histories = new ArrayList<>();
    for (BarSeries s : drawn) {
      if (assets.contains(s.symbol())) {
        histories.add(AssetHistory.of(s, f));
      }
    }
    WalkForwardForecasts forecasts =
        ForecastCache.computeOrRead(cacheDir, model, o.optimize().backtest(), histories, x -> {});
    Path dir = runDir.resolve(String.format(java.util.Locale.ROOT, "history-%02d", t.history()));
    OptimizeJob.Result r =
        OptimizeJob.run(
            withReports(o.optimize(), dir),
            histories,
            forecasts,
            OptimizeJob.Listener.SILENT,
            x -> {},
            now);
    return row(t.history(), t.seed(), r, o.optimize().budget(), runDir);
  }

  /** One history's row from its optimisation. */
  static Row row(int n, long seed, OptimizeJob.Result r, String budget, Path runDir) {
    Bootstrap.PolicyIntervals opt = null;
    Bootstrap.PolicyIntervals bud = null;
    for (Bootstrap.PolicyIntervals p : r.metrics().evaluation().intervals().policies()) {
      if (p.policy().equals("optimised")) {
        opt = p;
      } else if (p.policy().equals(budget)) {
        bud = p;
      }
    }
    if (opt == null || opt.vsFrontier() == null) {
      throw new IllegalStateException("history " + n + ": no frontier comparison of the policy");
    }
    Bootstrap.FrontierComparison vs = opt.vsFrontier();
    double share = opt.badDebtShare().estimate();
    return new Row(
        n,
        seed,
        r.metrics().recommended(),
        opt.timeAvgLtv().estimate(),
        share,
        share - vs.badDebtShareDifference().estimate(),
        vs.badDebtRatio(),
        vs.liquidationsPerSeedDifference().estimate(),
        bud == null ? Double.NaN : bud.timeAvgLtv().estimate(),
        bud == null ? Double.NaN : bud.badDebtShare().estimate(),
        runDir.relativize(r.index()).toString());
  }

  /** The histories pooled, the interval from resampling them. */
  static Pooled pool(List<Row> rows, long seed) {
    int n = rows.size();
    double[] own = new double[n];
    double[] frontier = new double[n];
    List<Double> ratios = new ArrayList<>();
    int notWorse = 0;
    double ltv = 0;
    double budgetLtv = 0;
    for (int i = 0; i < n; i++) {
      Row r = rows.get(i);
      own[i] = r.badDebtShare();
      frontier[i] = r.frontierBadDebtShare();
      double q = r.ratio().estimate();
      if (!Double.isNaN(q)) {
        ratios.add(q);
        notWorse += q <= 1 ? 1 : 0;
      }
      ltv += r.ltv() / n;
      budgetLtv += r.budgetLtv() / n;
    }
    double[] resampled = new double[RESAMPLES];
    SplittableRandom rng = new SplittableRandom(seed);
    for (int k = 0; k < RESAMPLES; k++) {
      double a = 0;
      double f = 0;
      for (int j = 0; j < n; j++) {
        int pick = rng.nextInt(n);
        a += own[pick];
        f += frontier[pick];
      }
      resampled[k] = ratio(a, f);
    }
    double[] sortedRatios = ratios.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return new Pooled(
        ratio(sum(own), sum(frontier)),
        Quantiles.ofUnsorted(resampled, RESAMPLES, 0.025),
        Quantiles.ofUnsorted(resampled, RESAMPLES, 0.975),
        sortedRatios.length == 0 ? Double.NaN : Quantiles.ofSorted(sortedRatios, 0.5),
        notWorse,
        ltv,
        budgetLtv);
  }

  /** a / f: 1 when both are 0, +∞ when only f is. */
  private static double ratio(double a, double f) {
    if (f > 0) {
      return a / f;
    }
    return a > 0 ? Double.POSITIVE_INFINITY : 1;
  }

  private static double sum(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return s;
  }

  /** {@code o} writing its reports under {@code dir}. */
  private static OptimizeJob.Options withReports(OptimizeJob.Options o, Path dir) {
    return new OptimizeJob.Options(
        reportsUnder(o.backtest(), dir),
        o.space(),
        o.minHistoryDays(),
        o.periodDays(),
        o.maxEvaluations(),
        o.budget());
  }

  private static BacktestJob.Options reportsUnder(BacktestJob.Options b, Path dir) {
    return new BacktestJob.Options(
        b.policies(),
        b.risk(),
        b.fromMs(),
        b.toMs(),
        b.seeds(),
        b.walkForward(),
        b.simulation(),
        dir,
        b.stressLevel(),
        b.incentive(),
        b.bonusRules(),
        b.bonusLt(),
        b.sweepAlphas(),
        b.forecastCache(),
        b.quantileTrackingGamma());
  }
}

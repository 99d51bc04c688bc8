package io.liqopt.cli;

import io.liqopt.backtest.BacktestJob;
import io.liqopt.backtest.ForecastCache;
import io.liqopt.backtest.HistoriesPage;
import io.liqopt.backtest.OptimizeHistories;
import io.liqopt.backtest.OptimizeJob;
import io.liqopt.backtest.OptimizeSweep;
import io.liqopt.backtest.PolicyOptimizer;
import io.liqopt.backtest.WalkForwardForecasts;
import io.liqopt.core.forecast.AssetHistory;
import io.liqopt.core.forecast.Forecaster;
import io.liqopt.core.market.BarSeries;
import io.liqopt.training.distributed.Engine;
import io.liqopt.training.distributed.MarketSource;
import io.liqopt.training.walkforward.Forecasters;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code liqopt optimize}: the capped adaptive policy's parameters, chosen walk-forward. */
@Command(
    name = "optimize",
    mixinStandardHelpOptions = true,
    description = {
      "Choose the capped adaptive policy (the forecast through the governor, under a per-asset LT"
          + " ceiling set from each asset's own history) walk-forward: every candidate of the grid"
          + " is simulated once over the whole span; at each decision the candidate that lent the"
          + " most debt-hours with bad debt per borrowed at most the --budget policy's, on the"
          + " days before the decision only, runs until the next. The policy those choices make is"
          + " then simulated against the static grid, the per-asset static LTs and the presets on"
          + " the hours after the first decision, with the backtest's bootstrap intervals.",
      "Walk-forward forecasts are cached under --cache, keyed by the data and the recipe.",
      "Writes reports/optimize/<run-id>/ (metrics.json, index.html, PNG charts, and policy.json:"
          + " the candidate chosen on all the data, for serve --config)."
    })
final class OptimizeCommand implements Callable<Integer> {
  /** The historical-simulation baseline's look-back, as serve's. */
  static final int HS_LOOKBACK_DAYS =
      io.liqopt.core.forecast.baseline.HistoricalSimulationForecaster.DEFAULT_LOOKBACK_DAYS;

  @Mixin DataDirOption data;

  @Mixin SeriesSelection selection;

  @Mixin ReportsDirOption reports;

  @Mixin BacktestOptions run;

  @Option(
      names = "--ceiling-levels",
      split = ",",
      defaultValue = "0.95,0.975,0.99,0.995,none",
      paramLabel = "A,...",
      description =
          "Quantile levels α_c of the per-asset LT ceiling; 'none' for an uncapped candidate"
              + " (default: ${DEFAULT-VALUE}).")
  List<String> ceilingLevels;

  @Option(
      names = "--alphas",
      split = ",",
      defaultValue = "0.9,0.95,0.975,0.99,0.995",
      paramLabel = "A,...",
      description = "Forecast quantile levels α (default: ${DEFAULT-VALUE}).")
  List<Double> alphas;

  @Option(
      names = "--stressed-weights",
      split = ",",
      defaultValue = "0,0.25",
      paramLabel = "W,...",
      description = "Governor stressed weights (default: ${DEFAULT-VALUE}).")
  List<Double> stressedWeights;

  @Option(
      names = "--loosen-per-day",
      split = ",",
      defaultValue = "0.02,0.005",
      paramLabel = "R,...",
      description = "Governor loosening limits, LT points a day (default: ${DEFAULT-VALUE}).")
  List<Double> loosen;

  @Option(
      names = "--min-history-days",
      defaultValue = "365",
      paramLabel = "D",
      description = "Simulated days before the first decision (default: ${DEFAULT-VALUE}).")
  int minHistoryDays;

  @Option(
      names = "--period-days",
      defaultValue = "182",
      paramLabel = "D",
      description = "Days between decisions (default: ${DEFAULT-VALUE}).")
  int periodDays;

  @Option(
      names = "--max-evaluations",
      defaultValue = "100",
      paramLabel = "N",
      description =
          "Evaluation budget: the most candidates simulated; a larger grid is refused "
              + "(default: ${DEFAULT-VALUE}).")
  int maxEvaluations;

  @Option(
      names = "--forecaster",
      defaultValue = "ewma",
      paramLabel = "NAME",
      description =
          "The forecasts behind the adaptive candidates: ewma, garch, har, hs, har-cal,"
              + " garch-cal, har-garch or ml, or any of"
              + " them +paths (adverse-move quantiles from simulated paths); serve runs the same"
              + " with --baseline NAME (ml: a bundle, with the quantile source it chose per"
              + " horizon) (default: ${DEFAULT-VALUE}).")
  String forecaster;

  @Option(
      names = "--budget",
      defaultValue = OptimizeJob.Options.DEFAULT_BUDGET,
      paramLabel = "POLICY",
      description =
          "The risk budget: a candidate is chosen only if its bad debt per borrowed is at most"
              + " this policy's on the same days: aave-v3-style, morpho-style-86 or static-<LT %%>"
              + " under the run's incentive rule, e.g. static-80 (default: ${DEFAULT-VALUE}).")
  String budget;

  @Option(
      names = "--cache",
      paramLabel = "DIR",
      description = "Forecast cache folder (default: DATA/cache/forecasts).")
  Path cache;

  @Option(names = "--no-cache", description = "Neither read nor write the forecast cache.")
  boolean noCache;

  @Option(
      names = "--simulated-histories",
      defaultValue = "0",
      paramLabel = "N",
      description =
          "Replay the whole optimisation on N market histories drawn by joint filtered historical"
              + " simulation (GARCH(1,1)-t per asset, blocks of the same hours for every asset)"
              + " instead of the real one; writes reports/optimize-histories/<run-id>/ with a"
              + " report per history (default: ${DEFAULT-VALUE}, the real history).")
  int simulatedHistories;

  @Option(
      names = "--history-block-hours",
      defaultValue = "168",
      paramLabel = "H",
      description =
          "The simulated histories' bootstrap block, hours (default: ${DEFAULT-VALUE}, a week:"
              + " a crash that unfolds over days stays whole).")
  int historyBlockHours;

  @Option(
      names = "--history-seed",
      defaultValue = "1",
      paramLabel = "S",
      description = "The first simulated history's seed; history i uses S + i − 1 (default: 1).")
  long historySeed;

  @Mixin EngineOption engine;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    engine.validate();
    OptimizeJob.Options o = options();
    EvaluateCommand.Loaded loaded =
        EvaluateCommand.load(data.store(), selection.symbols, selection.market);
    List<AssetHistory> histories = new ArrayList<>();
    for (BarSeries s : loaded.series()) {
      histories.add(AssetHistory.of(s, loaded.factor()));
    }
    BacktestJob.Options b = o.backtest();
    out.printf(
        Locale.ROOT,
        "optimize: %d assets, %d candidates, %d seeds, decisions every %d days after %d days%n",
        histories.size(),
        o.space().grid().size(),
        b.seeds().size(),
        o.periodDays(),
        o.minHistoryDays());
    out.flush();
    Forecaster model;
    try {
      model = Forecasters.named(List.of(forecaster), HS_LOOKBACK_DAYS).get(0);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--forecaster: " + e.getMessage());
    }
    if (simulatedHistories > 0) {
      return histories(out, o, loaded, model);
    }
    print(out, real(out, o, loaded, histories), histories.size(), b.seeds().size());
    return 0;
  }

  /** The optimisation on the stored history. */
  private OptimizeJob.Result real(
      PrintWriter out,
      OptimizeJob.Options o,
      EvaluateCommand.Loaded loaded,
      List<AssetHistory> histories)
      throws IOException {
    if (cacheDir() == null && !engine.engine.equals("local")) {
      throw new UsageException(
          "--engine spark: the workers read the forecasts from the cache, drop --no-cache");
    }
    WalkForwardForecasts forecasts;
    List<String> cacheLines = new ArrayList<>();
    OptimizeJob.Result r;
    MarketSource source = loaded.source(data.dir, selection);
    List<String> args = TaskArgs.of(spec);
    try (Engine e = engine.start(out)) {
      String name = forecaster;
      try (Progress p = Progress.start("walk-forward", 1);
          Forecaster f =
              EngineForecaster.on(
                  e, source, () -> Forecasters.named(List.of(name), HS_LOOKBACK_DAYS).get(0))) {
        forecasts =
            ForecastCache.computeOrRead(
                cacheDir(),
                f,
                o.backtest(),
                histories,
                line -> {
                  p.note(line);
                  if (!line.contains(": fit ") && !line.contains(" groups of fits done")) {
                    cacheLines.add(line); // where the forecasts came from or went
                  }
                });
        p.step();
      }
      cacheLines.forEach(out::println);
      OptimizeSweep.Prepared prepared = OptimizeSweep.Prepared.of(o, histories, forecasts);
      try (Progress p = Progress.start("candidates", o.space().grid().size())) {
        r =
            OptimizeJob.run(
                prepared,
                e == null ? null : OptimizeCandidateTasks.on(e, args, source, prepared),
                EngineSimulations.on(e, source, histories),
                new OptimizeJob.Listener() {
                  @Override
                  public void note(String line) {
                    p.note(line);
                  }

                  @Override
                  public void evaluated(int done, int total) {
                    p.stepTo(done);
                  }
                },
                n -> {},
                Instant.now());
      } finally {
        OptimizeCandidateTasks.forget();
      }
    }
    return r;
  }

  /**
   * {@code --simulated-histories}: the optimisation on each drawn history, then the pooled page.
   */
  private int histories(
      PrintWriter out, OptimizeJob.Options o, EvaluateCommand.Loaded loaded, Forecaster model)
      throws IOException {
    if (forecaster.startsWith("ml")) {
      throw new UsageException(
          "--simulated-histories runs the baselines (ewma, garch, har, hs, har-cal, garch-cal,"
              + " har-garch): the ML forecaster"
              + " would be retrained on every history");
    }
    OptimizeHistories.Options h;
    try {
      h = new OptimizeHistories.Options(o, simulatedHistories, historyBlockHours, historySeed);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    List<BarSeries> market = OptimizeHistoryTasks.simulated(loaded);
    List<String> assets = loaded.series().stream().map(BarSeries::symbol).toList();
    OptimizeHistories.Result r;
    Instant now = Instant.now();
    List<String> args = TaskArgs.of(spec);
    MarketSource source = loaded.source(data.dir, selection);
    try (Engine e = engine.start(out);
        Progress p = Progress.start("histories", simulatedHistories)) {
      r =
          OptimizeHistories.run(
              h,
              market,
              assets,
              loaded.factor().symbol(),
              model,
              cacheDir(),
              line -> {
                p.note(line);
                if (e == null && line.startsWith("history ")) {
                  p.step();
                }
              },
              now,
              e == null ? null : OptimizeHistoryTasks.on(e, args, source, now, p::step));
    }
    OptimizeHistories.Pooled pooled = r.metrics().pooled();
    r.metrics().rows().forEach(row -> out.println(HistoriesPage.line(row, simulatedHistories)));
    out.printf(
        Locale.ROOT,
        "pooled over %d histories: bad debt %s of the static frontier's at equal LTV"
            + " [%s, %s]; median history %s; %d not worse%n",
        simulatedHistories,
        HistoriesPage.percent(pooled.pooledRatio()),
        HistoriesPage.percent(pooled.pooledLower()),
        HistoriesPage.percent(pooled.pooledUpper()),
        HistoriesPage.percent(pooled.medianRatio()),
        pooled.historiesNotWorse());
    out.println("report: " + r.index().toAbsolutePath().normalize());
    out.flush();
    return 0;
  }

  /** The forecast cache: --cache, else DATA/cache/forecasts; null with --no-cache. */
  Path cacheDir() {
    return noCache ? null : cache != null ? cache : data.dir.resolve("cache/forecasts");
  }

  /** The evaluation table, the sweep's cost, the episodes and where the files are. */
  private static void print(PrintWriter out, OptimizeJob.Result r, int assets, int seeds) {
    BacktestCommand.printTable(out, r.metrics().evaluation());
    io.liqopt.backtest.OptimizeMetrics.Timing t = r.metrics().timing();
    out.printf(
        Locale.ROOT,
        "%nfrontier point (one candidate, %d assets x %d seeds): %.2f s = thresholds from the"
            + " cached forecasts %.2f s + simulation %.2f s; a static rule's simulation on the"
            + " same windows %.2f s (%.1fx)%n",
        assets,
        seeds,
        t.perCandidate(),
        t.schedulePerCandidate(),
        t.simulationPerCandidate(),
        t.staticSimulation(),
        t.perCandidate() / t.staticSimulation());
    out.println();
    io.liqopt.backtest.EpisodeFrontier.sentences("optimised", r.metrics().episodes())
        .forEach(l -> out.println("- " + l));
    out.println("policy: " + r.policyFile().toAbsolutePath().normalize());
    out.println("report: " + r.index().toAbsolutePath().normalize());
    out.flush();
  }

  OptimizeJob.Options options() throws IOException {
    List<Double> levels = new ArrayList<>();
    for (String s : ceilingLevels) {
      if (s.equalsIgnoreCase("none")) {
        levels.add(Double.NaN);
        continue;
      }
      try {
        double v = Double.parseDouble(s);
        if (!(v > 0.5 && v < 1)) {
          throw new UsageException("--ceiling-levels: " + s + " is not in (0.5, 1)");
        }
        levels.add(v);
      } catch (NumberFormatException e) {
        throw new UsageException("--ceiling-levels: '" + s + "' is not a number or 'none'");
      }
    }
    try {
      return new OptimizeJob.Options(
          run.options(List.of("static", "per-asset", "aave", "morpho"), reports.dir),
          new PolicyOptimizer.Space(levels, alphas, stressedWeights, loosen),
          minHistoryDays,
          periodDays,
          maxEvaluations,
          budget);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }
}

package io.liqopt.cli;

import io.liqopt.backtest.Backtest;
import io.liqopt.backtest.BacktestJob;
import io.liqopt.backtest.BacktestReport;
import io.liqopt.backtest.PolicyRun;
import io.liqopt.core.forecast.AssetHistory;
import io.liqopt.core.forecast.Forecaster;
import io.liqopt.core.market.BarSeries;
import io.liqopt.training.distributed.Engine;
import io.liqopt.training.distributed.MarketSource;
import io.liqopt.training.ml.MlForecaster;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code liqopt backtest}: adaptive thresholds against static rules on the stored history. */
@Command(
    name = "backtest",
    mixinStandardHelpOptions = true,
    description = {
      "Replay the stored hourly history through threshold policies with a simulated borrower"
          + " population, liquidators with latency and price impact (cascades), and compare bad"
          + " debt, liquidations and capital efficiency: the static-rule frontier against the"
          + " adaptive policies. Forecast policies are refitted walk-forward (no look-ahead).",
      "Writes reports/backtest/<run-id>/ (metrics.json, index.html, PNG charts)."
    })
final class BacktestCommand implements Callable<Integer> {
  static final String ALL_POLICIES = BacktestJob.FAMILIES;

  @Mixin DataDirOption data;

  @Mixin SeriesSelection selection;

  @Mixin ReportsDirOption reports;

  @Option(
      names = "--policies",
      defaultValue = ALL_POLICIES,
      split = ",",
      paramLabel = "P,...",
      description =
          "Among static (the LT grid: the frontier, extended until its time-averaged LTV passes"
              + " 65 %%), per-asset (one LT per asset from its first training window, frozen),"
              + " aave, morpho (venue presets with their own bonus), ewma, ml, oracle "
              + "(default: ${DEFAULT-VALUE}); ewma and ml each add their ungoverned ablation.")
  List<String> policies;

  @Mixin BacktestOptions run;

  @Option(
      names = "--sweep-alphas",
      split = ",",
      paramLabel = "A,...",
      description =
          "One governed EWMA policy per α from the same walk-forward forecasts (e.g."
              + " 0.9,0.95,0.975,0.99,0.995,0.999; named ewma-a<α>, kind sweep): the ewma family,"
              + " compared with the static frontier curve to curve at LTV 45..65 %% (default:"
              + " none).")
  List<Double> sweepAlphas = new ArrayList<>();

  @Option(
      names = "--cache",
      paramLabel = "DIR",
      description = "Forecast cache folder of the ewma family (default: DATA/cache/forecasts).")
  Path cache;

  @Option(names = "--no-cache", description = "Neither read nor write the forecast cache.")
  boolean noCache;

  @Mixin EngineOption engine;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    engine.validate();
    BacktestJob.Options o = options();
    EvaluateCommand.Loaded loaded =
        EvaluateCommand.load(data.store(), selection.symbols, selection.market);
    try (Engine e = engine.start(out)) {
      MarketSource source = loaded.source(data.dir, selection);
      run(
          out,
          loaded,
          o,
          () -> EngineForecaster.on(e, source, BacktestCommand::mlForecaster),
          histories -> EngineSimulations.on(e, source, histories));
    }
    return 0;
  }

  /** The ML policy's forecaster, refitted every 90 days of the walk-forward. */
  static Forecaster mlForecaster() {
    return new MlForecaster(MlForecaster.Options.walkForward());
  }

  BacktestJob.Options options() throws IOException {
    for (String p : policies) {
      if (!List.of(ALL_POLICIES.split(",")).contains(p)) {
        throw new UsageException("unknown policy '" + p + "'; known: " + ALL_POLICIES);
      }
    }
    try {
      return run.options(policies, reports.dir)
          .withSweep(
              sweepAlphas,
              noCache ? null : cache != null ? cache : data.dir.resolve("cache/forecasts"));
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  /** Builds the policies' schedules, simulates, writes the report; returns index.html. */
  static Path run(PrintWriter out, EvaluateCommand.Loaded loaded, BacktestJob.Options o)
      throws IOException {
    return run(out, loaded, o, BacktestCommand::mlForecaster, histories -> Backtest.HERE);
  }

  /**
   * As above, the ML policy's forecaster from {@code ml}, the simulations where {@code simulations}
   * says for the backtest's histories.
   */
  static Path run(
      PrintWriter out,
      EvaluateCommand.Loaded loaded,
      BacktestJob.Options o,
      Supplier<? extends Forecaster> ml,
      Function<List<AssetHistory>, Backtest.Simulations> simulations)
      throws IOException {
    List<AssetHistory> histories = new ArrayList<>();
    for (BarSeries s : loaded.series()) {
      histories.add(AssetHistory.of(s, loaded.factor()));
    }
    out.printf(
        "backtest: %d assets, policies %s, %d seeds, walk-forward refit every %d days "
            + "after %d days (embargo %d h)%n",
        histories.size(),
        String.join(",", o.policies()),
        o.seeds().size(),
        o.walkForward().refitDays(),
        o.walkForward().minTrainDays(),
        o.walkForward().embargoHours());
    out.flush();
    List<PolicyRun> runs;
    try (Progress p = Progress.start("policies", o.policies().size())) {
      runs = BacktestJob.policies(o, histories, ml, progress(p));
    }
    BacktestJob.Result done;
    try (Progress p = Progress.start("simulate", BacktestJob.taskCount(o, histories, runs))) {
      done =
          BacktestJob.simulate(
              o, histories, runs, p::stepTo, Instant.now(), simulations.apply(histories));
    }
    BacktestReport.Summary s = done.summary();
    printTable(out, s);
    out.printf(
        "%nsimulated %,d position-hours in %.1f s (%.1f M position-hours/s)%n",
        s.positionHours(), s.simulationSeconds(), s.positionHoursPerSecond() / 1e6);
    out.println("report: " + done.index().toAbsolutePath().normalize());
    out.flush();
    return done.index();
  }

  /** The policy families' progress on the bar: the family beside it, fits as notes. */
  private static BacktestJob.PolicyProgress progress(Progress p) {
    return new BacktestJob.PolicyProgress() {
      @Override
      public void started(String name) {
        p.extra(name);
      }

      @Override
      public void note(String line) {
        p.note(line);
      }

      @Override
      public void finished(String name) {
        p.step();
      }
    };
  }

  static void printTable(PrintWriter out, BacktestReport.Summary s) {
    out.printf(
        "%n%-20s %-7s %9s %12s %12s %9s %11s %10s %9s %8s%n",
        "policy",
        "kind",
        "avg LTV",
        "bad debt/bor",
        "penalty/bor",
        "liq/seed",
        "max 1d dLT",
        "param liq",
        "cascade",
        "VaR95/d");
    for (var m : s.pooled()) {
      out.printf(
          Locale.ROOT,
          "%-20s %-7s %8.1f%% %11.4f%% %11.4f%% %9.0f %9.1fpt %10.0f %9d %8.0f%n",
          m.policy(),
          m.kind(),
          100 * m.timeAvgLtv(),
          100 * m.badDebtShare(),
          100 * m.penaltyShare(),
          m.liquidationsPerSeed(),
          100 * m.largestDailyLtChange(),
          m.parameterInducedPerSeed(),
          m.cascadeDepth(),
          m.dailyBadDebtVar95());
    }
    BacktestIntervalsTable.print(out, s.intervals());
    out.println();
    for (String f : s.findings()) {
      out.println("- " + f);
    }
  }
}

package io.liqopt.cli;

import io.liqopt.backtest.BacktestJob;
import io.liqopt.backtest.BacktestReport;
import io.liqopt.backtest.Policies;
import io.liqopt.backtest.PolicyRun;
import io.liqopt.backtest.SimulationConfig;
import io.liqopt.core.forecast.AssetHistory;
import io.liqopt.core.market.BarSeries;
import io.liqopt.core.policy.PolicyConfig;
import io.liqopt.training.ml.MlForecaster;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
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

  @Mixin StressLevelOption stress;

  @Mixin DataDirOption data;

  @Mixin SeriesSelection selection;

  @Mixin ReportsDirOption reports;

  @Option(
      names = "--from",
      paramLabel = "YYYY-MM-DD",
      description = "First day simulated (default: as early as every policy has thresholds).")
  String from;

  @Option(
      names = "--to",
      paramLabel = "YYYY-MM-DD",
      description = "Day after the last simulated (default: the end of the data).")
  String to;

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

  @Option(
      names = "--seed",
      defaultValue = "42",
      paramLabel = "S",
      description = "First seed of the borrower and liquidator draws (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--seeds",
      defaultValue = "3",
      paramLabel = "N",
      description = "Seeds per policy and asset, for the tail figures (default: ${DEFAULT-VALUE}).")
  int seeds;

  @Option(
      names = "--policy",
      paramLabel = "FILE",
      description = "Risk configuration of the adaptive policies (JSON; default: built-in).")
  Path policyFile;

  @Option(
      names = "--min-train-days",
      defaultValue = "180",
      paramLabel = "D",
      description = "History before the first forecast fit (default: ${DEFAULT-VALUE}).")
  int minTrainDays;

  @Option(
      names = "--refit-days",
      defaultValue = "90",
      paramLabel = "D",
      description = "Forecast policies are refitted every D days (default: ${DEFAULT-VALUE}).")
  int refitDays;

  @Option(
      names = "--embargo-hours",
      defaultValue = "24",
      paramLabel = "H",
      description =
          "Gap between a fit's last bar and the hours it forecasts (default: "
              + "${DEFAULT-VALUE}).")
  int embargoHours;

  @Option(
      names = "--arrivals-per-day",
      paramLabel = "N",
      description = "New borrowers per asset per day (default: 12).")
  Double arrivalsPerDay;

  @Option(
      names = "--latency-hours",
      paramLabel = "H",
      description = "Liquidator latency (default: 1).")
  Integer latencyHours;

  @Option(
      names = "--simulation",
      paramLabel = "FILE",
      description =
          "Borrower and liquidator settings (JSON object; any field of "
              + "SimulationConfig, e.g. {\"meanHoldHours\": 240, \"reactProbability\": 0.5}); "
              + "the options above override it.")
  Path simulationFile;

  @Option(
      names = "--liquidator-cost",
      paramLabel = "Q",
      description =
          "A liquidator's fixed cost per liquidation, quote currency: it liquidates only "
              + "when the bonus covers this and the expected slippage (default: 50).")
  Double liquidatorCost;

  @Mixin IncentiveOptions incentives;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    EvaluateCommand.Loaded loaded =
        EvaluateCommand.load(data.store(), selection.symbols, selection.market);
    BacktestJob.Options o = options();
    run(out, loaded, o);
    return 0;
  }

  BacktestJob.Options options() throws IOException {
    for (String p : policies) {
      if (!List.of(ALL_POLICIES.split(",")).contains(p)) {
        throw new UsageException("unknown policy '" + p + "'; known: " + ALL_POLICIES);
      }
    }
    if (seeds < 1 || seeds > 100) {
      throw new UsageException("--seeds must be in 1..100");
    }
    List<Long> s = new ArrayList<>();
    for (int i = 0; i < seeds; i++) {
      s.add(seed + i);
    }
    SimulationConfig d = simulationDefaults(simulationFile);
    try {
      SimulationConfig sim =
          new SimulationConfig(
              arrivalsPerDay != null ? arrivalsPerDay : d.arrivalsPerDay(),
              d.medianSizeQuote(),
              d.sizeLogSigma(),
              d.maxSizeShareOfDailyVolume(),
              d.openLtvShareMin(),
              d.openLtvShareMax(),
              d.meanHoldHours(),
              d.warningHealthFactor(),
              d.reactProbability(),
              d.maxReactionDelayHours(),
              d.topUpHealthFactor(),
              latencyHours != null ? latencyHours : d.liquidatorLatencyHours(),
              liquidatorCost != null ? liquidatorCost : d.liquidatorFixedCostQuote(),
              d.permanentImpactShare(),
              d.impactHalfLifeHours());
      return new BacktestJob.Options(
          policies,
          (policyFile == null ? PolicyConfig.defaults() : PolicyConfig.load(policyFile)).resolve(),
          day(from, "--from", Long.MIN_VALUE),
          day(to, "--to", Long.MAX_VALUE),
          s,
          new Policies.WalkForward(minTrainDays, refitDays, embargoHours),
          sim,
          reports.dir,
          stress.level(),
          incentives.incentive(sim),
          incentives.rules(sim),
          incentives.bonusLt);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  /** The defaults, with the fields of {@code file} (a JSON object) over them. */
  static SimulationConfig simulationDefaults(Path file) throws IOException {
    if (file == null) {
      return SimulationConfig.defaults();
    }
    com.fasterxml.jackson.databind.ObjectMapper json =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .enable(
                com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    Map<String, Object> merged =
        json.convertValue(
            SimulationConfig.defaults(),
            new com.fasterxml.jackson.core.type.TypeReference<LinkedHashMap<String, Object>>() {});
    Map<String, Object> given;
    try {
      given =
          json.readValue(
              file.toFile(),
              new com.fasterxml.jackson.core.type.TypeReference<
                  LinkedHashMap<String, Object>>() {});
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UsageException(file + ": not a JSON object: " + e.getOriginalMessage());
    }
    for (String k : given.keySet()) {
      if (!merged.containsKey(k)) {
        throw new UsageException(
            file + ": unknown field '" + k + "' (known: " + merged.keySet() + ")");
      }
    }
    merged.putAll(given);
    try {
      return json.convertValue(merged, SimulationConfig.class);
    } catch (IllegalArgumentException e) {
      Throwable c =
          e.getCause() != null && e.getCause().getCause() != null ? e.getCause().getCause() : e;
      throw new UsageException(file + ": " + c.getMessage());
    }
  }

  private static long day(String d, String option, long otherwise) {
    return d == null ? otherwise : CliDates.startOfDayUtc(d, option);
  }

  /** Builds the policies' schedules, simulates, writes the report; returns index.html. */
  static Path run(PrintWriter out, EvaluateCommand.Loaded loaded, BacktestJob.Options o)
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
      runs =
          BacktestJob.policies(
              o,
              histories,
              () -> new MlForecaster(MlForecaster.Options.walkForward()),
              progress(p));
    }
    BacktestJob.Result done;
    try (Progress p = Progress.start("simulate", BacktestJob.taskCount(o, histories, runs))) {
      done = BacktestJob.simulate(o, histories, runs, p::stepTo, Instant.now());
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

  private static void printTable(PrintWriter out, BacktestReport.Summary s) {
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

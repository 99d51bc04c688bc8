package io.liqopt.backtest;

import io.liqopt.core.forecast.AssetHistory;
import io.liqopt.core.forecast.Forecaster;
import io.liqopt.core.forecast.baseline.EwmaForecaster;
import io.liqopt.core.policy.ResolvedPolicy;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * A whole backtest in two steps, each with its own progress: {@link #policies} builds the named
 * policy families' schedules (the forecast policies refitted walk-forward), {@link #simulate} runs
 * them, computes the figures and writes the report. The command line only parses and prints.
 */
public final class BacktestJob {
  /** Every policy family, in the order they are built and reported. */
  public static final String FAMILIES = "static,aave,morpho,ewma,ml,oracle";

  /** The seed of the forecast policies' fits. */
  private static final long FIT_SEED = 42;

  private BacktestJob() {}

  /**
   * What a backtest runs.
   *
   * @param policies the families, among {@link #FAMILIES}
   * @param risk the adaptive policies' risk configuration and every policy's liquidation rules
   * @param fromMs first hour simulated (at the earliest, when every policy has thresholds)
   * @param toMs end of the simulated hours, exclusive
   * @param seeds the borrower and liquidator seeds
   * @param walkForward when the forecast policies are refitted
   * @param simulation the simulated borrowers and liquidators
   * @param reportsDir where the report goes
   * @param stressLevel the forecasts' stress quantile level
   */
  public record Options(
      List<String> policies,
      ResolvedPolicy risk,
      long fromMs,
      long toMs,
      List<Long> seeds,
      Policies.WalkForward walkForward,
      SimulationConfig simulation,
      Path reportsDir,
      double stressLevel) {

    public Options {
      policies = List.copyOf(policies);
      seeds = List.copyOf(seeds);
      for (String p : policies) {
        if (!List.of(FAMILIES.split(",")).contains(p)) {
          throw new IllegalArgumentException("unknown policy '" + p + "'; known: " + FAMILIES);
        }
      }
    }
  }

  /** Receives the progress of {@link #policies}. */
  public interface PolicyProgress {
    /** Family {@code name} is being built. */
    void started(String name);

    /** A line about a fit of the family being built (started, failed). */
    void note(String line);

    /** The family is built. */
    void finished(String name);
  }

  /** The outcome: the figures (as in metrics.json) and the report's index.html. */
  public record Result(BacktestReport.Summary summary, Path index) {}

  /**
   * The schedules of every family of {@code o.policies()}: the static frontier (LT 55..90 %), the
   * venue presets, the EWMA and ML policies with their ungoverned ablations, and the oracle (from
   * the governed EWMA policy, built silently if not asked for).
   *
   * @param ml the ML forecaster, asked for only when the ML family is
   */
  public static List<PolicyRun> policies(
      Options o,
      List<AssetHistory> histories,
      Supplier<? extends Forecaster> ml,
      PolicyProgress progress) {
    List<PolicyRun> runs = new ArrayList<>();
    PolicyRun ewmaGoverned = null;
    for (String name : o.policies()) {
      progress.started(name);
      switch (name) {
        case "static" ->
            runs.addAll(
                Policies.staticGrid(
                    new double[] {0.55, 0.60, 0.65, 0.70, 0.75, 0.80, 0.85, 0.90},
                    0.05,
                    0.05,
                    0.5,
                    histories));
        case "aave" -> runs.add(Policies.aaveV3Style(histories));
        case "morpho" -> runs.add(Policies.morphoStyle(0.86, histories));
        case "ewma" -> {
          List<PolicyRun> e = ewma(o, histories, progress::note);
          ewmaGoverned = e.get(0);
          runs.addAll(e);
        }
        case "ml" ->
            runs.addAll(
                Policies.forecast(
                    "ml",
                    "the ML models (XGBoost variance and "
                        + "stress, DJL quantile network) through the threshold policy",
                    ml.get(),
                    o.risk(),
                    o.stressLevel(),
                    o.walkForward(),
                    histories,
                    FIT_SEED,
                    o.fromMs(),
                    progress::note));
        case "oracle" -> {}
        default -> throw new IllegalStateException(name);
      }
      progress.finished(name);
    }
    if (o.policies().contains("oracle")) {
      PolicyRun reference = ewmaGoverned;
      if (reference == null) {
        reference = ewma(o, histories, line -> {}).get(0);
      }
      runs.add(Policies.oracle(reference, histories));
    }
    return runs;
  }

  /** The EWMA policy, governed then ungoverned. */
  private static List<PolicyRun> ewma(
      Options o, List<AssetHistory> histories, Consumer<String> note) {
    return Policies.forecast(
        "ewma",
        "RiskMetrics EWMA forecasts through the " + "threshold policy",
        new EwmaForecaster(),
        o.risk(),
        o.stressLevel(),
        o.walkForward(),
        histories,
        FIT_SEED,
        o.fromMs(),
        note);
  }

  /** Simulation tasks {@link #simulate} runs (for a progress bar). */
  public static int taskCount(Options o, List<AssetHistory> histories, List<PolicyRun> runs) {
    return Backtest.taskCount(histories, runs, o.seeds());
  }

  /**
   * Simulates {@code runs}, computes the figures and writes the report under {@code
   * o.reportsDir()}, its run id from {@code now}.
   *
   * @param progress receives the count of finished simulation tasks
   */
  public static Result simulate(
      Options o,
      List<AssetHistory> histories,
      List<PolicyRun> runs,
      IntConsumer progress,
      Instant now)
      throws IOException {
    Backtest.Result result =
        Backtest.run(histories, runs, o.simulation(), o.seeds(), o.fromMs(), o.toMs(), progress);
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("policies", o.policies());
    config.put("seeds", o.seeds());
    config.put("walkForward", o.walkForward());
    config.put("simulation", o.simulation());
    config.put("risk", o.risk());
    config.put("windows", result.windows());
    BacktestReport.Summary s = BacktestReport.summarise(result, histories, config);
    Path index = BacktestReport.write(o.reportsDir(), now, s, result, histories);
    return new Result(s, index);
  }
}

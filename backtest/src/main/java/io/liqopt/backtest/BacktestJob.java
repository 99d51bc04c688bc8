package io.liqopt.backtest;

import io.liqopt.core.forecast.AssetHistory;
import io.liqopt.core.forecast.Forecaster;
import io.liqopt.core.forecast.baseline.EwmaForecaster;
import io.liqopt.core.policy.AssetRiskConfig;
import io.liqopt.core.policy.ResolvedPolicy;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
  public static final String FAMILIES = "static,per-asset,aave,morpho,ewma,ml,oracle";

  /** The static grid is extended until its time-averaged LTV passes this. */
  public static final double GRID_LTV_GOAL = 0.65;

  /** Max LTV is this far below LT in the static grid and the bonus experiment. */
  static final double STATIC_MARGIN = 0.05;

  /**
   * The seed of the forecast policies' fits, shared by {@code optimize} so that both commands key
   * the same cached forecasts.
   */
  public static final long FIT_SEED = 42;

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
   * @param incentive the incentive rule of the thresholds experiment: every policy but the presets
   * @param bonusRules the bonus experiment: each rule at the same static LT {@code bonusLt}
   * @param bonusLt the LT of the bonus experiment
   * @param sweepAlphas the α, in (0.5, 1), of each point of the swept EWMA family (empty: no sweep;
   *     needs the {@code ewma} family)
   * @param forecastCache the folder of the walk-forward forecast cache ({@link ForecastCache}), or
   *     null for none
   * @param quantileTrackingGamma γ of the quantile tracking of the forecast policies' quantiles, as
   *     the service tracks them ({@link io.liqopt.core.forecast.QuantileTracking}); 0: none
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
      double stressLevel,
      Incentive incentive,
      List<Incentive> bonusRules,
      double bonusLt,
      List<Double> sweepAlphas,
      Path forecastCache,
      double quantileTrackingGamma) {

    public Options {
      policies = List.copyOf(policies);
      seeds = List.copyOf(seeds);
      bonusRules = List.copyOf(bonusRules);
      sweepAlphas = List.copyOf(sweepAlphas);
      for (double a : sweepAlphas) {
        if (!(a > 0.5 && a < 1)) {
          throw new IllegalArgumentException("a swept alpha must be in (0.5, 1): " + a);
        }
      }
      if (new java.util.HashSet<>(sweepAlphas).size() < sweepAlphas.size()) {
        throw new IllegalArgumentException("the swept alphas must differ: " + sweepAlphas);
      }
      if (!sweepAlphas.isEmpty() && !policies.contains("ewma")) {
        throw new IllegalArgumentException("an alpha sweep needs the ewma policy family");
      }
      if (!(bonusLt > STATIC_MARGIN && bonusLt < 1)) {
        throw new IllegalArgumentException("bonus experiment LT must be in (0.05, 1)");
      }
      for (String p : policies) {
        if (!List.of(FAMILIES.split(",")).contains(p)) {
          throw new IllegalArgumentException("unknown policy '" + p + "'; known: " + FAMILIES);
        }
      }
    }

    /** Without a sweep or a forecast cache. */
    public Options(
        List<String> policies,
        ResolvedPolicy risk,
        long fromMs,
        long toMs,
        List<Long> seeds,
        Policies.WalkForward walkForward,
        SimulationConfig simulation,
        Path reportsDir,
        double stressLevel,
        Incentive incentive,
        List<Incentive> bonusRules,
        double bonusLt) {
      this(
          policies,
          risk,
          fromMs,
          toMs,
          seeds,
          walkForward,
          simulation,
          reportsDir,
          stressLevel,
          incentive,
          bonusRules,
          bonusLt,
          List.of(),
          null,
          0);
    }

    /** These options with an α sweep and a forecast cache folder (null: none). */
    public Options withSweep(List<Double> alphas, Path cacheDir) {
      return with(alphas, cacheDir, quantileTrackingGamma);
    }

    /** These options with quantile tracking of step {@code gamma} (0: none). */
    public Options withQuantileTracking(double gamma) {
      return with(sweepAlphas, forecastCache, gamma);
    }

    private Options with(List<Double> alphas, Path cacheDir, double gamma) {
      return new Options(
          policies,
          risk,
          fromMs,
          toMs,
          seeds,
          walkForward,
          simulation,
          reportsDir,
          stressLevel,
          incentive,
          bonusRules,
          bonusLt,
          alphas,
          cacheDir,
          gamma);
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
   * The schedules of every family of {@code o.policies()}: the static frontier (LT 55..90 %,
   * extended in {@link #simulate}), the per-asset static LTs, the venue presets, the EWMA and ML
   * policies with their ungoverned ablations, and the oracle (from the governed EWMA policy, built
   * silently if not asked for).
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
                StaticPolicies.grid(
                    StaticPolicies.BASE_GRID, STATIC_MARGIN, o.incentive(), o.risk(), histories));
        case "per-asset" ->
            runs.add(StaticPolicies.perAsset(o.risk(), o.incentive(), o.walkForward(), histories));
        case "aave" -> runs.add(StaticPolicies.aaveV3Style(o.risk(), histories));
        case "morpho" -> runs.add(StaticPolicies.morphoStyle(0.86, o.risk(), histories));
        case "ewma" -> {
          List<PolicyRun> e = ewma(o, histories, progress::note);
          ewmaGoverned = e.get(0); // then the ablation, then the sweep's points
          runs.addAll(e);
        }
        case "ml" -> {
          try (Forecaster f = ml.get()) { // frees the last model the walk-forward kept
            runs.addAll(
                liquidating(
                    o,
                    Policies.forecast(
                        "ml",
                        "the ML models (XGBoost variance and "
                            + "stress, DJL quantile network) through the threshold policy",
                        f,
                        o.incentive().thresholds(o.risk()),
                        o.stressLevel(),
                        o.quantileTrackingGamma(),
                        o.walkForward(),
                        histories,
                        FIT_SEED,
                        o.fromMs(),
                        progress::note)));
          }
        }
        case "oracle" -> {}
        default -> throw new IllegalStateException(name);
      }
      progress.finished(name);
    }
    for (Incentive rule : o.bonusRules()) {
      runs.add(
          StaticPolicies.rule(
              "bonus-" + rule.name(),
              "bonus",
              String.format(
                  java.util.Locale.ROOT,
                  "LT %.0f %%, max LTV %.0f %%: %s",
                  100 * o.bonusLt(),
                  100 * (o.bonusLt() - STATIC_MARGIN),
                  rule.description()),
              o.bonusLt(),
              o.bonusLt() - STATIC_MARGIN,
              rule,
              o.risk(),
              histories));
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

  /**
   * The EWMA policy, governed then ungoverned, then one governed policy per swept α (kind {@code
   * sweep}, family {@code ewma}), all from the same walk-forward forecasts (read from the cache or
   * fitted once).
   */
  private static List<PolicyRun> ewma(
      Options o, List<AssetHistory> histories, Consumer<String> note) {
    ResolvedPolicy thresholds = o.incentive().thresholds(o.risk());
    WalkForwardForecasts forecasts =
        ForecastCache.computeOrRead(o.forecastCache(), new EwmaForecaster(), o, histories, note);
    List<PolicyRun> out =
        new ArrayList<>(
            Policies.fromForecasts(
                "ewma",
                "RiskMetrics EWMA forecasts through the threshold policy",
                forecasts,
                thresholds,
                histories));
    for (double alpha : o.sweepAlphas()) {
      PolicyRun governed =
          Policies.fromForecasts(
                  sweepName("ewma", alpha),
                  String.format(
                      Locale.ROOT,
                      "RiskMetrics EWMA forecasts through the threshold policy at α = %s",
                      alpha),
                  forecasts,
                  withAlpha(thresholds, alpha),
                  histories)
              .get(0);
      out.add(
          new PolicyRun(
              governed.name(),
              "sweep",
              governed.description(),
              governed.risk(),
              governed.schedules()));
    }
    return liquidating(o, out);
  }

  /** The name of the point at {@code alpha} of the swept {@code family}: {@code ewma-a0.95}. */
  static String sweepName(String family, double alpha) {
    return family + "-a" + alpha;
  }

  /** {@code risk} with α = {@code alpha} for the defaults and every asset. */
  static ResolvedPolicy withAlpha(ResolvedPolicy risk, double alpha) {
    Map<String, AssetRiskConfig> assets = new LinkedHashMap<>();
    risk.assets().forEach((symbol, c) -> assets.put(symbol, c.withAlpha(alpha)));
    return new ResolvedPolicy(risk.defaults().withAlpha(alpha), assets);
  }

  /**
   * Forecast policies with the incentive rule's liquidation rules (their thresholds were computed
   * with the bonus pinned at the rule's b, see {@link Incentive#thresholds}).
   */
  private static List<PolicyRun> liquidating(Options o, List<PolicyRun> runs) {
    ResolvedPolicy rules = o.incentive().liquidation(o.risk());
    List<PolicyRun> out = new ArrayList<>();
    for (PolicyRun r : runs) {
      out.add(r.withRisk(rules));
    }
    return out;
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
   * @param simulations where the simulations run ({@link Backtest#HERE}: this JVM)
   */
  public static Result simulate(
      Options o,
      List<AssetHistory> histories,
      List<PolicyRun> runs,
      IntConsumer progress,
      Instant now,
      Backtest.Simulations simulations)
      throws IOException {
    Backtest.Result result =
        Backtest.run(
            histories,
            runs,
            o.simulation(),
            o.seeds(),
            Backtest.windows(histories, runs, o.fromMs(), o.toMs()),
            progress,
            simulations);
    if (o.policies().contains("static")) {
      result = StaticPolicies.extendGrid(o, histories, result, simulations);
    }
    BacktestConfiguration config =
        new BacktestConfiguration(
            o.policies(),
            o.seeds(),
            o.walkForward(),
            o.simulation(),
            o.risk(),
            o.incentive(),
            o.bonusRules(),
            o.bonusLt(),
            result.windows());
    BacktestReport.Summary s = BacktestReport.summarise(result, histories, config);
    Path index = BacktestReport.write(o.reportsDir(), now, s, result, histories);
    return new Result(s, index);
  }
}

package io.liqopt.cli;

import io.liqopt.backtest.BacktestJob;
import io.liqopt.backtest.Policies;
import io.liqopt.backtest.SimulationConfig;
import io.liqopt.core.policy.PolicyConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options {@code backtest} and {@code optimize} share: the simulated span, seeds, the adaptive
 * policies' risk configuration, the walk-forward schedule, the simulated borrowers and liquidators,
 * the incentive rule and the stress level.
 */
final class BacktestOptions {
  @Mixin StressLevelOption stress;

  @Mixin QuantileTrackingOption tracking;

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

  /** The options of a run of {@code policies} writing its report under {@code reportsDir}. */
  BacktestJob.Options options(List<String> policies, Path reportsDir) throws IOException {
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
              (policyFile == null ? PolicyConfig.defaults() : PolicyConfig.load(policyFile))
                  .resolve(),
              day(from, "--from", Long.MIN_VALUE),
              day(to, "--to", Long.MAX_VALUE),
              s,
              new Policies.WalkForward(minTrainDays, refitDays, embargoHours),
              sim,
              reportsDir,
              stress.level(),
              incentives.incentive(sim),
              incentives.rules(sim),
              incentives.bonusLt)
          .withQuantileTracking(tracking.gamma());
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
}

package io.liqopt.cli;

import io.liqopt.core.forecast.Forecaster;
import io.liqopt.core.market.BarSeries;
import io.liqopt.core.policy.PolicyConfig;
import io.liqopt.core.policy.ResolvedPolicy;
import io.liqopt.core.simulation.SimulationInputs;
import io.liqopt.training.walkforward.Forecasters;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** The options both {@code simulate} commands share: how paths are drawn and priced. */
final class PathModelOptions {
  @Option(
      names = "--block-hours",
      defaultValue = "24",
      paramLabel = "H",
      description = "Bootstrap block length (default: ${DEFAULT-VALUE}).")
  int blockHours;

  @Option(
      names = "--model",
      defaultValue = "garch",
      paramLabel = "NAME",
      description =
          "Forecaster of the current volatility: garch, ewma, har, hs, har-cal, garch-cal or"
              + " har-garch "
              + "(default: ${DEFAULT-VALUE}).")
  String model;

  @Option(
      names = "--policy",
      paramLabel = "FILE",
      description = "Risk configuration (JSON, see config/policy.example.json; default: built-in).")
  Path policyFile;

  @Option(
      names = "--seed",
      defaultValue = "42",
      paramLabel = "S",
      description = "Seed of the path draws (default: ${DEFAULT-VALUE}).")
  long seed;

  /** The forecaster {@code --model} names, as a usage error when unknown. */
  Forecaster forecaster() {
    try {
      return Forecasters.named(List.of(model), 365).get(0);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  /** The policy of {@code --policy}, or the built-in one, resolved. */
  ResolvedPolicy policy() throws IOException {
    return (policyFile == null ? PolicyConfig.defaults() : PolicyConfig.load(policyFile)).resolve();
  }

  /** The cut-off of {@code --as-of}: the start (UTC) of that day, or after the last stored bar. */
  static long cutoff(String asOf, List<BarSeries> series) {
    return asOf == null
        ? SimulationInputs.afterLastBar(series)
        : CliDates.startOfDayUtc(asOf, "--as-of");
  }
}

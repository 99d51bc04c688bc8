package io.liqopt.cli;

import io.liqopt.core.forecast.ForecastSpec;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code --horizons}, {@code --stress-level} and {@code --seed}: what is forecast, the same on
 * every modelling command.
 */
final class ForecastSpecOptions {
  @Option(
      names = "--horizons",
      split = ",",
      defaultValue = "1,24",
      paramLabel = "H[,H...]",
      description =
          "Forecast horizons in hours; 24 is always included for the stress event "
              + "(default: ${DEFAULT-VALUE}).")
  List<Integer> horizons;

  @Mixin StressLevelOption stress;

  @Option(names = "--seed", defaultValue = "42", description = "Seed (default: ${DEFAULT-VALUE}).")
  long seed;

  /** The forecast spec; a bad horizon or level is a usage error. */
  ForecastSpec spec() {
    try {
      return ForecastSpec.of(horizons, stress.level());
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }
}

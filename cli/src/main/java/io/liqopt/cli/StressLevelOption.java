package io.liqopt.cli;

import io.liqopt.core.forecast.ForecastSpec;
import picocli.CommandLine.Option;

/**
 * {@code --stress-level}: L of the stress event for the commands that fit a forecaster themselves
 * (a bundle brings its own, recorded in its manifest). One default, {@link ForecastSpec}'s.
 */
final class StressLevelOption {
  @Option(
      names = "--stress-level",
      defaultValue = ForecastSpec.DEFAULT_STRESS_LEVEL_TEXT,
      paramLabel = "L",
      description =
          "Stress event: a drop of more than L within 24 h, for "
              + "the forecasters fitted here; a model bundle brings its own, from its manifest "
              + "(default: ${DEFAULT-VALUE}).")
  double stressLevel;
}

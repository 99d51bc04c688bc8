package io.liqopt.cli;

import io.liqopt.core.forecast.ForecastSpec;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --stress-level}: L of the stress event for the commands that fit a forecaster themselves
 * (a bundle brings its own, recorded in its manifest). One default, {@link ForecastSpec}'s; checked
 * as {@link ForecastSpec} checks it while the command line is parsed, so a bad one is a usage error
 * (exit 2) before any work.
 */
final class StressLevelOption {
  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  private double stressLevel = ForecastSpec.DEFAULT_STRESS_LEVEL;

  @Option(
      names = "--stress-level",
      defaultValue = ForecastSpec.DEFAULT_STRESS_LEVEL_TEXT,
      paramLabel = "L",
      description =
          "Stress event: a drop of more than L within 24 h, for "
              + "the forecasters fitted here; a model bundle brings its own, from its manifest "
              + "(default: ${DEFAULT-VALUE}).")
  void stressLevel(double level) {
    try {
      stressLevel = ForecastSpec.of(List.of(1), level).stressLevel();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(mixee.commandLine(), "--stress-level: " + e.getMessage());
    }
  }

  /** L. */
  double level() {
    return stressLevel;
  }
}

package io.liqopt.cli;

import io.liqopt.core.forecast.QuantileTracking;
import io.liqopt.training.Recipe;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --quantile-tracking GAMMA}: the step of the quantile tracking of the served adverse-move
 * quantiles ({@link QuantileTracking}), for the commands that fit or run a forecaster themselves; a
 * bundle brings its own, from its manifest. One default, the recipe's. Checked while the command
 * line is parsed, so a bad one is a usage error (exit 2) before any work.
 */
final class QuantileTrackingOption {
  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  private Double gamma;

  @Option(
      names = "--quantile-tracking",
      paramLabel = "GAMMA",
      description =
          "Quantile tracking of the adverse-move quantiles (adaptive conformal inference: each "
              + "closed window moves a log offset by GAMMA*(hit - (1 - level))); 0: none "
              + "(default: the recipe's). For the forecasters fitted here: a model bundle brings "
              + "its own, from its manifest.")
  void gamma(double value) {
    try {
      gamma = new QuantileTracking(value).gamma();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(mixee.commandLine(), "--quantile-tracking: " + e.getMessage());
    }
  }

  /** {@code f} with the γ given applied, recorded in {@code overrides}; {@code f} when none is. */
  Recipe.Forecast apply(Recipe.Forecast f, Recipe.Overrides overrides) {
    if (gamma == null) {
      return f;
    }
    overrides.add("--quantile-tracking", gamma);
    return new Recipe.Forecast(f.horizonsHours(), f.stressLevel(), f.seed(), gamma);
  }

  /** The γ given, else the embedded recipe's. */
  double gamma() {
    return gamma != null ? gamma : Recipe.embedded().recipe().forecast().quantileTrackingGamma();
  }
}

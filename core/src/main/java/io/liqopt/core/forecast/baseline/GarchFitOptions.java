package io.liqopt.core.forecast.baseline;

import io.liqopt.core.Checks;

/**
 * How {@link GarchT#fit} estimates a GARCH(1,1)-t model.
 *
 * @param estimateMean whether the mean return μ is estimated; when {@code false} (the default) μ is
 *     fixed at 0, the usual choice for hourly crypto returns, whose mean (a few basis points a day)
 *     is far below its own standard error over a 30-day window and would only add noise
 * @param maxEvaluationsPerStart the most likelihood evaluations the optimiser may spend from each
 *     starting point; a start that runs out is abandoned
 */
public record GarchFitOptions(boolean estimateMean, int maxEvaluationsPerStart) {
  /** μ fixed at 0, at most 2 000 evaluations per start (a converged fit takes a few hundred). */
  public static final GarchFitOptions DEFAULT = new GarchFitOptions(false, 2_000);

  public GarchFitOptions {
    Checks.positive(maxEvaluationsPerStart, "maxEvaluationsPerStart");
  }

  /** These options with μ estimated. */
  public GarchFitOptions withEstimatedMean() {
    return new GarchFitOptions(true, maxEvaluationsPerStart);
  }
}

package io.liqopt.cli;

import io.liqopt.core.forecast.Forecaster;
import io.liqopt.core.forecast.baseline.Baselines;
import io.liqopt.core.market.BarInterval;
import java.util.List;

/** The bars {@code evaluate --interval} accepts. */
final class EvaluationInterval {
  private EvaluationInterval() {}

  /**
   * Refuses, as a usage error, bars that neither are hourly nor divide an hour, and models other
   * than the baselines on bars shorter than an hour (the ML recipe is fitted on hourly bars).
   */
  static void check(BarInterval interval, List<Forecaster> forecasters) {
    if (interval == BarInterval.H1) {
      return;
    }
    if (interval.millis() > BarInterval.H1.millis()
        || BarInterval.H1.millis() % interval.millis() != 0) {
      throw new UsageException(
          "--interval: the evaluation takes hourly bars or bars that divide an hour, not "
              + interval);
    }
    for (Forecaster f : forecasters) {
      if (!Baselines.NAMES.contains(f.name())) {
        throw new UsageException(
            "--interval "
                + interval
                + ": only the baselines are evaluated on bars shorter than an hour, not "
                + f.name()
                + " (give --models baselines)");
      }
    }
  }
}

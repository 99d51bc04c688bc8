package io.liqopt.core.forecast.baseline;

import io.liqopt.core.forecast.Forecaster;
import io.liqopt.core.forecast.baseline.CalibratedVarianceForecaster.Kind;
import java.util.List;
import java.util.Optional;

/** The baseline forecasters by the names users give them, one table for every command. */
public final class Baselines {
  /** Every baseline's name, in report order (historical simulation, the static rule, first). */
  public static final List<String> NAMES =
      List.of("hs", "ewma", "garch", "har", "har-cal", "garch-cal", "har-garch");

  private Baselines() {}

  /**
   * The baseline called {@code name}, or empty when no baseline is.
   *
   * @param hsLookbackDays the look-back of historical simulation
   */
  public static Optional<Forecaster> named(String name, int hsLookbackDays) {
    return Optional.ofNullable(
        switch (name) {
          case "hs" -> new HistoricalSimulationForecaster(hsLookbackDays);
          case "ewma" -> new EwmaForecaster();
          case "garch" -> new GarchForecaster();
          case "har" -> new HarForecaster();
          case "har-cal" -> new CalibratedVarianceForecaster(Kind.HAR_CAL);
          case "garch-cal" -> new CalibratedVarianceForecaster(Kind.GARCH_CAL);
          case "har-garch" -> new CalibratedVarianceForecaster(Kind.HAR_GARCH);
          default -> null;
        });
  }
}

package io.liqopt.core.forecast.baseline;

import io.liqopt.core.Checks;
import java.util.List;
import java.util.OptionalInt;

/**
 * Where a {@link CalibratedVarianceForecaster} takes its blocks from its training data, as the ML
 * model takes its own: the calibration block is the last {@code calibrationDays} days (ending at
 * the last row whose targets of every horizon are defined); the base models see only the bars
 * before the start of the ML model's selection block ({@code selectionDays} before the calibration
 * block) less an embargo, the span the ML model fits its GARCH and trees on.
 *
 * @param calibrationDays length of the calibration block, days (ML: 60)
 * @param selectionDays days before the calibration block that the base models do not see, the ML
 *     model's selection block (ML: 30; 0 fits the base models up to the embargo before the
 *     calibration block)
 * @param embargoHours the gap between the base models' data and the next block, hours; empty: the
 *     longest horizon (as the ML model)
 */
public record CalibrationLayout(int calibrationDays, int selectionDays, OptionalInt embargoHours) {
  /** The ML model's: 60 calibration days, 30 selection days, the longest horizon as embargo. */
  public static final CalibrationLayout ML_DEFAULTS =
      new CalibrationLayout(60, 30, OptionalInt.empty());

  public CalibrationLayout {
    Checks.positive(calibrationDays, "calibrationDays");
    if (selectionDays < 0) {
      throw new IllegalArgumentException("selectionDays must be >= 0, was " + selectionDays);
    }
    if (embargoHours.isPresent() && embargoHours.getAsInt() < 0) {
      throw new IllegalArgumentException(
          "embargoHours must be >= 0, was " + embargoHours.getAsInt());
    }
  }

  /** The embargo in hours for forecasts of {@code horizonsHours}. */
  int embargoHours(List<Integer> horizonsHours) {
    return embargoHours.orElse(horizonsHours.stream().mapToInt(Integer::intValue).max().orElse(0));
  }
}

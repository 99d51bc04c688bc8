package io.liqopt.core.forecast;

import io.liqopt.core.Checks;
import java.util.Objects;

/**
 * What one forecaster expects over the next {@code horizonHours} bars of one asset.
 *
 * @param horizonHours the horizon H in hours (bars of 1 h), at least 1
 * @param variance the forecast realised variance over the horizon: the expected sum of squared
 *     hourly log returns of the next H bars (not annualised; its square root is the H-hour
 *     volatility as a fraction)
 * @param longAdverseMove quantiles of the maximum adverse excursion of a long position, {@code
 *     MAE_H = 1 − min(low over the next H bars) / close now}, as a fraction in [0, 1)
 * @param shortAdverseMove quantiles of the mirror for a short position, {@code max(high over the
 *     next H bars) / close now − 1}, as a fraction ≥ 0
 */
public record HorizonForecast(
    int horizonHours,
    double variance,
    QuantileCurve longAdverseMove,
    QuantileCurve shortAdverseMove) {

  public HorizonForecast {
    Checks.positive(horizonHours, "horizonHours");
    Checks.positiveFinite(variance, "variance");
    Objects.requireNonNull(longAdverseMove, "longAdverseMove");
    Objects.requireNonNull(shortAdverseMove, "shortAdverseMove");
    if (longAdverseMove.value(longAdverseMove.size() - 1) >= 1) {
      throw new IllegalArgumentException(
          "a long position cannot lose 100 % or more of its value: " + longAdverseMove);
    }
  }

  /** The volatility over the horizon, {@code sqrt(variance)}, as a fraction. */
  public double volatility() {
    return Math.sqrt(variance);
  }

  /** The volatility of one hour, {@code sqrt(variance / horizonHours)}, as a fraction. */
  public double hourlyVolatility() {
    return Math.sqrt(variance / horizonHours);
  }
}

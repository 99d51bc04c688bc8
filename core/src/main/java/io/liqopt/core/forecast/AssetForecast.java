package io.liqopt.core.forecast;

import io.liqopt.core.Checks;
import java.util.List;

/**
 * Everything one forecaster says about one asset at one time.
 *
 * @param symbol the asset
 * @param asOfEpochMs the open time of the last bar the forecast used (UTC epoch ms): the forecast
 *     is about the bars after it
 * @param modelVersion the forecaster or bundle that produced it (e.g. {@code "ewma"} or a bundle
 *     id)
 * @param horizons one forecast per horizon, distinct horizons, in increasing order of hours
 * @param stressLevel the adverse-move level L of the stress event, a fraction (0.10 = 10 %)
 * @param stressHorizonHours the horizon of the stress event (24 by default)
 * @param stressProbability P(MAE over the stress horizon &gt; L), in [0, 1]
 */
public record AssetForecast(
    String symbol,
    long asOfEpochMs,
    String modelVersion,
    List<HorizonForecast> horizons,
    double stressLevel,
    int stressHorizonHours,
    double stressProbability) {

  public AssetForecast {
    Checks.notBlank(symbol, "symbol");
    Checks.notBlank(modelVersion, "modelVersion");
    horizons = List.copyOf(horizons);
    if (horizons.isEmpty()) {
      throw new IllegalArgumentException("a forecast of " + symbol + " needs at least one horizon");
    }
    for (int i = 1; i < horizons.size(); i++) {
      if (horizons.get(i).horizonHours() <= horizons.get(i - 1).horizonHours()) {
        throw new IllegalArgumentException(
            "horizons of " + symbol + " must be distinct and in increasing order of hours");
      }
    }
    Checks.inRange(stressLevel, Double.MIN_VALUE, 1, "stressLevel");
    Checks.positive(stressHorizonHours, "stressHorizonHours");
    Checks.inRange(stressProbability, 0, 1, "stressProbability");
  }

  /**
   * The forecast for exactly {@code horizonHours}.
   *
   * @throws IllegalArgumentException if this forecast has no such horizon
   */
  public HorizonForecast horizon(int horizonHours) {
    for (HorizonForecast h : horizons) {
      if (h.horizonHours() == horizonHours) {
        return h;
      }
    }
    throw new IllegalArgumentException(
        "the forecast of "
            + symbol
            + " by "
            + modelVersion
            + " has no "
            + horizonHours
            + " h horizon (it has "
            + horizonList()
            + ")");
  }

  /**
   * σ_hour, the volatility of one hour that the path engine rescales to: from the 24 h horizon,
   * {@code sqrt(variance_24h / 24)}, or from the shortest horizon when there is no 24 h one.
   */
  public double hourlyVolatility() {
    return (hasHorizon(24) ? horizon(24) : horizons.get(0)).hourlyVolatility();
  }

  /** True if this forecast covers {@code horizonHours}. */
  public boolean hasHorizon(int horizonHours) {
    return horizons.stream().anyMatch(h -> h.horizonHours() == horizonHours);
  }

  private String horizonList() {
    StringBuilder sb = new StringBuilder();
    for (HorizonForecast h : horizons) {
      sb.append(sb.length() == 0 ? "" : ", ").append(h.horizonHours()).append(" h");
    }
    return sb.toString();
  }
}

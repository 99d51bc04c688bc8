package io.liqopt.ml;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Where a bundle's long adverse-move quantiles of one horizon come from, as training chose it on
 * the selection block ({@link MlCalibration#quantileSources()}). Written in JSON as {@code model}
 * or {@code paths}.
 */
public enum QuantileSource {
  /** The model's own: the quantile network at the quantile horizon, FHS on its volatility else. */
  MODEL,
  /** The path engine at the model's variance ({@code PathQuantileForecaster}). */
  PATHS,
  /**
   * The network's quantiles with split-conformal offsets per volatility bucket ({@link
   * ConformalBuckets}, in {@link MlCalibration#conformalBuckets()}); the quantile horizon only.
   */
  CONFORMAL;

  /** The JSON and manifest name. */
  @JsonValue
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The source of a JSON name.
   *
   * @throws IllegalArgumentException naming the known sources
   */
  @JsonCreator
  public static QuantileSource of(String name) {
    for (QuantileSource s : values()) {
      if (s.jsonName().equals(name)) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "quantile source must be model, paths or conformal, was " + name);
  }
}

package io.liqopt.core.forecast;

import io.liqopt.core.Checks;
import java.util.ArrayList;
import java.util.List;

/**
 * What a forecaster is asked to forecast.
 *
 * @param horizonsHours the horizons H in hours, distinct, increasing; must include the stress
 *     horizon
 * @param levels the quantile levels of the adverse-move curves, strictly increasing in (0, 1)
 * @param stressLevel L of the stress event {@code MAE_stressHorizon > L}, a fraction (0.10 = 10 %)
 * @param stressHorizonHours the horizon of the stress event
 * @param quantileTrackingGamma the step γ of the quantile tracking of the served long adverse-move
 *     quantiles ({@link QuantileTracking}), in [0, {@link QuantileTracking#MAX_GAMMA}]; 0: none.
 *     Forecasters ignore it: it is applied to their forecasts, with a state, by the service, the
 *     backtest and the evaluation
 */
public record ForecastSpec(
    List<Integer> horizonsHours,
    List<Double> levels,
    double stressLevel,
    int stressHorizonHours,
    double quantileTrackingGamma)
    implements java.io.Serializable {
  /**
   * The stress level L when none is configured: a drop of more than 10 % within the stress horizon.
   * Every command without a bundle takes it from here (or from its {@code --stress-level}); a
   * command with a bundle takes the one recorded in the bundle's manifest.
   */
  public static final double DEFAULT_STRESS_LEVEL = 0.10;

  /** {@link #DEFAULT_STRESS_LEVEL} as text, for option defaults (annotations need a constant). */
  public static final String DEFAULT_STRESS_LEVEL_TEXT = "0.10";

  public ForecastSpec {
    horizonsHours = List.copyOf(horizonsHours);
    if (horizonsHours.isEmpty()) {
      throw new IllegalArgumentException("at least one horizon is needed");
    }
    for (int i = 0; i < horizonsHours.size(); i++) {
      Checks.positive(horizonsHours.get(i), "horizon");
      if (i > 0 && horizonsHours.get(i) <= horizonsHours.get(i - 1)) {
        throw new IllegalArgumentException(
            "horizons must be distinct and increasing: " + horizonsHours);
      }
    }
    levels = List.copyOf(levels);
    double[] l = toArray(levels);
    QuantileCurve.of(l, new double[l.length]); // validates the levels
    Checks.inRange(stressLevel, Double.MIN_VALUE, 0.999, "stressLevel");
    new QuantileTracking(quantileTrackingGamma); // validates it
    if (!horizonsHours.contains(stressHorizonHours)) {
      throw new IllegalArgumentException(
          "the stress horizon ("
              + stressHorizonHours
              + " h) must be one of the horizons "
              + horizonsHours);
    }
  }

  /**
   * Horizons 1 h and 24 h, the standard levels, stress = a 10 % drop within 24 h, quantile tracking
   * at Gibbs and Candès's step ({@link QuantileTracking#DEFAULT_GAMMA}): the reviewed recipe's.
   */
  public static ForecastSpec defaults() {
    return of(List.of(1, 24), DEFAULT_STRESS_LEVEL)
        .withQuantileTracking(QuantileTracking.DEFAULT_GAMMA);
  }

  /**
   * The given horizons (sorted, made distinct, 24 h added for stress), standard levels, no quantile
   * tracking.
   */
  public static ForecastSpec of(List<Integer> horizons, double stressLevel) {
    List<Integer> h = new ArrayList<>(new java.util.TreeSet<>(horizons));
    if (!h.contains(24)) {
      h.add(24);
      h.sort(null);
    }
    return new ForecastSpec(h, QuantileCurve.standardLevels(), stressLevel, 24);
  }

  /** A spec with levels given as an array (copied), without quantile tracking. */
  public ForecastSpec(
      List<Integer> horizonsHours, double[] levels, double stressLevel, int stressHorizonHours) {
    this(horizonsHours, boxed(levels), stressLevel, stressHorizonHours, 0);
  }

  /** A spec without quantile tracking. */
  public ForecastSpec(
      List<Integer> horizonsHours,
      List<Double> levels,
      double stressLevel,
      int stressHorizonHours) {
    this(horizonsHours, levels, stressLevel, stressHorizonHours, 0);
  }

  /** This spec with quantile tracking of step {@code gamma} (0: none). */
  public ForecastSpec withQuantileTracking(double gamma) {
    return new ForecastSpec(horizonsHours, levels, stressLevel, stressHorizonHours, gamma);
  }

  /** The quantile tracking of the served quantiles. */
  public QuantileTracking quantileTracking() {
    return new QuantileTracking(quantileTrackingGamma);
  }

  /** The quantile levels as a new array, for the curve and scoring code that reads arrays. */
  public double[] levelArray() {
    return toArray(levels);
  }

  private static List<Double> boxed(double[] values) {
    List<Double> out = new ArrayList<>(values.length);
    for (double v : values) {
      out.add(v);
    }
    return out;
  }

  private static double[] toArray(List<Double> values) {
    double[] out = new double[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i);
    }
    return out;
  }

  @Override
  public String toString() {
    return "ForecastSpec[horizons="
        + horizonsHours
        + ", levels="
        + levels
        + ", stress=MAE_"
        + stressHorizonHours
        + "h>"
        + stressLevel
        + (quantileTrackingGamma > 0 ? ", tracking γ=" + quantileTrackingGamma : "")
        + "]";
  }
}

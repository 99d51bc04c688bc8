package io.liqopt.core.forecast;

import java.util.Arrays;

/**
 * Forecast quantiles of a non-negative quantity (an adverse price move, as a fraction of the
 * current close: 0.07 is a 7 % drop) at a fixed set of probability levels, with linear
 * interpolation between the levels.
 *
 * <p>Invariants: levels strictly increasing in (0, 1); values finite, non-negative and
 * non-decreasing in the level (no quantile crossing). Asking for a level outside [{@code minLevel},
 * {@code maxLevel}] is refused rather than extrapolated: a tail quantile must be forecast, not
 * guessed.
 *
 * <p>Immutable and thread-safe.
 */
public final class QuantileCurve {
  /** The levels every forecaster produces unless asked for others. */
  private static final double[] STANDARD_LEVELS = {0.5, 0.75, 0.9, 0.95, 0.975, 0.99, 0.995, 0.999};

  /** Two levels closer than this are treated as the same level when looking one up. */
  private static final double LEVEL_TOLERANCE = 1e-12;

  private final double[] levels;
  private final double[] values;

  private QuantileCurve(double[] levels, double[] values) {
    this.levels = levels;
    this.values = values;
  }

  /** The standard levels: 0.5, 0.75, 0.9, 0.95, 0.975, 0.99, 0.995, 0.999. */
  public static double[] standardLevels() {
    return STANDARD_LEVELS.clone();
  }

  /**
   * Creates a curve, copying the arrays.
   *
   * @throws IllegalArgumentException if an invariant fails (crossing quantiles included)
   */
  public static QuantileCurve of(double[] levels, double[] values) {
    double[] l = levels.clone();
    double[] v = values.clone();
    validate(l, v);
    return new QuantileCurve(l, v);
  }

  /**
   * Creates a curve from quantile estimates that may cross (a network's raw output), by sorting the
   * values: the monotone rearrangement of Chernozhukov, Fernández-Val and Galichon (2010,
   * Econometrica 78(3)), which never increases the pinball loss. Negative estimates are floored at
   * zero, the least an adverse move can be.
   */
  public static QuantileCurve rearranged(double[] levels, double[] values) {
    double[] l = levels.clone();
    double[] v = values.clone();
    for (int i = 0; i < v.length; i++) {
      if (!Double.isFinite(v[i])) {
        throw new IllegalArgumentException("quantile at level " + l[i] + " is not finite: " + v[i]);
      }
      v[i] = Math.max(0d, v[i]);
    }
    Arrays.sort(v);
    validate(l, v);
    return new QuantileCurve(l, v);
  }

  private static void validate(double[] l, double[] v) {
    if (l.length == 0 || l.length != v.length) {
      throw new IllegalArgumentException(
          "a quantile curve needs as many values as levels (at least one), got "
              + l.length
              + " levels and "
              + v.length
              + " values");
    }
    for (int i = 0; i < l.length; i++) {
      if (!(l[i] > 0 && l[i] < 1)) {
        throw new IllegalArgumentException("quantile level must be in (0, 1), was " + l[i]);
      }
      if (i > 0 && !(l[i] > l[i - 1])) {
        throw new IllegalArgumentException(
            "quantile levels must be strictly increasing, " + l[i - 1] + " then " + l[i]);
      }
      if (!(v[i] >= 0) || !Double.isFinite(v[i])) {
        throw new IllegalArgumentException(
            "quantile at level " + l[i] + " must be finite and non-negative, was " + v[i]);
      }
      if (i > 0 && v[i] < v[i - 1]) {
        throw new IllegalArgumentException(
            "quantiles cross: "
                + v[i - 1]
                + " at level "
                + l[i - 1]
                + " exceeds "
                + v[i]
                + " at level "
                + l[i]);
      }
    }
  }

  /**
   * The quantile at {@code alpha}, linearly interpolated between the two neighbouring levels.
   *
   * @throws IllegalArgumentException if alpha lies outside the curve's levels
   */
  public double quantile(double alpha) {
    if (!(alpha >= levels[0] - LEVEL_TOLERANCE
        && alpha <= levels[levels.length - 1] + LEVEL_TOLERANCE)) {
      throw new IllegalArgumentException(
          "no forecast for quantile level "
              + alpha
              + ": this curve covers ["
              + levels[0]
              + ", "
              + levels[levels.length - 1]
              + "]");
    }
    int i = Arrays.binarySearch(levels, alpha);
    if (i >= 0) {
      return values[i];
    }
    int hi = -i - 1;
    if (hi == 0) {
      return values[0];
    }
    if (hi == levels.length) {
      return values[levels.length - 1];
    }
    int lo = hi - 1;
    double w = (alpha - levels[lo]) / (levels[hi] - levels[lo]);
    return values[lo] + w * (values[hi] - values[lo]);
  }

  /** The number of levels. */
  public int size() {
    return levels.length;
  }

  /** The i-th level. */
  public double level(int i) {
    return levels[i];
  }

  /** The quantile at the i-th level. */
  public double value(int i) {
    return values[i];
  }

  /** A copy of the levels. */
  public double[] levels() {
    return levels.clone();
  }

  /** A copy of the values. */
  public double[] values() {
    return values.clone();
  }

  /** The lowest level covered. */
  public double minLevel() {
    return levels[0];
  }

  /** The highest level covered. */
  public double maxLevel() {
    return levels[levels.length - 1];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof QuantileCurve other
        && Arrays.equals(levels, other.levels)
        && Arrays.equals(values, other.values);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(levels) + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("QuantileCurve[");
    for (int i = 0; i < levels.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(levels[i]).append('=').append(values[i]);
    }
    return sb.append(']').toString();
  }
}

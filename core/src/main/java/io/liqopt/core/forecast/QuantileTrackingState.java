package io.liqopt.core.forecast;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What {@link QuantileTracking} remembers about one asset between forecasts: the offsets, and the
 * forecasts whose windows have not closed yet. Immutable (the arrays are never changed after
 * construction); round-trips through Jackson JSON so the service can persist it with the governor's
 * state.
 *
 * @param lastAsOfEpochMs the {@link AssetForecast#asOfEpochMs()} of the last forecast tracked
 * @param offsets per horizon, the offset s of each level of its long adverse-move quantiles
 * @param pending the forecasts issued whose windows have not closed, in issue order
 */
public record QuantileTrackingState(
    long lastAsOfEpochMs, List<Offsets> offsets, List<Issued> pending) {

  public QuantileTrackingState {
    offsets = List.copyOf(Objects.requireNonNull(offsets, "offsets"));
    pending = List.copyOf(Objects.requireNonNull(pending, "pending"));
    for (int i = 1; i < pending.size(); i++) {
      if (pending.get(i).asOfEpochMs() < pending.get(i - 1).asOfEpochMs()) {
        throw new IllegalArgumentException("quantile tracking: pending forecasts out of order");
      }
    }
  }

  /** The offsets of {@code horizonHours}, or null when none are kept for it. */
  public Offsets offsetsOf(int horizonHours) {
    for (Offsets o : offsets) {
      if (o.horizonHours() == horizonHours) {
        return o;
      }
    }
    return null;
  }

  /**
   * The offsets of one horizon.
   *
   * @param horizonHours the horizon
   * @param levels the quantile levels, increasing
   * @param values the offset s of each level, finite
   */
  public record Offsets(int horizonHours, double[] levels, double[] values) {
    public Offsets {
      if (levels.length != values.length) {
        throw new IllegalArgumentException("quantile tracking: one offset per level is needed");
      }
      for (double v : values) {
        if (!Double.isFinite(v)) {
          throw new IllegalArgumentException("quantile tracking: an offset is not finite: " + v);
        }
      }
    }

    /** Whether these are the offsets of exactly these levels. */
    boolean hasLevels(double[] others) {
      return Arrays.equals(levels, others);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Offsets x
          && x.horizonHours == horizonHours
          && Arrays.equals(x.levels, levels)
          && Arrays.equals(x.values, values);
    }

    @Override
    public int hashCode() {
      return Objects.hash(horizonHours, Arrays.hashCode(levels), Arrays.hashCode(values));
    }

    @Override
    public String toString() {
      return horizonHours + " h " + Arrays.toString(values);
    }
  }

  /**
   * A forecast issued and not yet judged.
   *
   * @param asOfEpochMs its {@link AssetForecast#asOfEpochMs()}
   * @param horizonHours the horizon of its window
   * @param levels the levels of its quantiles
   * @param tracked the tracked quantiles it was issued with, one per level
   */
  public record Issued(long asOfEpochMs, int horizonHours, double[] levels, double[] tracked) {
    public Issued {
      if (levels.length != tracked.length) {
        throw new IllegalArgumentException("quantile tracking: one quantile per level is needed");
      }
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Issued x
          && x.asOfEpochMs == asOfEpochMs
          && x.horizonHours == horizonHours
          && Arrays.equals(x.levels, levels)
          && Arrays.equals(x.tracked, tracked);
    }

    @Override
    public int hashCode() {
      return Objects.hash(
          asOfEpochMs, horizonHours, Arrays.hashCode(levels), Arrays.hashCode(tracked));
    }

    @Override
    public String toString() {
      return asOfEpochMs + " " + horizonHours + " h " + Arrays.toString(tracked);
    }
  }
}

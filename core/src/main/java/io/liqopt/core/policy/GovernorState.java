package io.liqopt.core.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.liqopt.core.Checks;
import io.liqopt.core.forecast.QuantileTracking;
import io.liqopt.core.forecast.QuantileTrackingState;
import java.util.List;

/**
 * What {@link ThresholdGovernor} remembers about one asset between steps. Immutable; round-trips
 * through Jackson JSON so the service can persist it and the backtest replay it.
 *
 * @param symbol the asset
 * @param lt the published LT after the last step, in (0, 1): the governed LT, or with a ramp the
 *     ramped LT that judges existing positions
 * @param updatedAtEpochMs the time of the last step (UTC epoch ms), positive (a missing value would
 *     otherwise read as 1970 and lift the rate limit)
 * @param history the lowest fresh (not stale) target LT of each recent UTC day, days strictly
 *     increasing, at most the configured look-back long; empty when no fresh target was seen in the
 *     window; required
 * @param stressMode whether the governor is in stress mode (entered when the stress probability
 *     reaches the trigger, left only when it falls below {@link
 *     ThresholdGovernor#STRESS_EXIT_FRACTION} of it); {@code false} when absent from older JSON
 * @param pacedLt while a ramp runs ({@link GovernorConfig#ltRampHours()}), the governed LT before
 *     the ramp, at most {@code lt}, from which the next step's rate limit moves; else null ({@code
 *     lt} is then the paced LT)
 * @param rampFromLt while a ramp runs, the LT in force when the tightening began; else null
 * @param rampStartEpochMs while a ramp runs, when the tightening began (positive); else null
 * @param tracking the quantile tracking of the asset's forecasts ({@link QuantileTracking}), which
 *     the service keeps here so that it is saved with the governor's memory; the governor itself
 *     neither reads nor carries it. Null without tracking, and in older JSON
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GovernorState(
    String symbol,
    double lt,
    long updatedAtEpochMs,
    List<DailyTarget> history,
    boolean stressMode,
    Double pacedLt,
    Double rampFromLt,
    Long rampStartEpochMs,
    QuantileTrackingState tracking) {

  public GovernorState {
    Checks.notBlank(symbol, "symbol");
    if (!(lt > 0 && lt < 1)) {
      throw new IllegalArgumentException(
          "governed lt of " + symbol + " must be in (0, 1), was " + lt);
    }
    if (updatedAtEpochMs <= 0) {
      throw new IllegalArgumentException(
          "governor state of "
              + symbol
              + ": updatedAtEpochMs must be a positive epoch time (missing?), was "
              + updatedAtEpochMs);
    }
    if (history == null) {
      throw new IllegalArgumentException(
          "governor state of " + symbol + ": history is missing (use [] for none)");
    }
    if (history != LAST_CHECKED.get()) {
      for (DailyTarget d : history) {
        if (d == null) {
          throw new IllegalArgumentException(
              "governor state of " + symbol + ": history has a null entry");
        }
      }
      history = List.copyOf(history);
      for (int i = 1; i < history.size(); i++) {
        if (history.get(i).epochDay() <= history.get(i - 1).epochDay()) {
          throw new IllegalArgumentException(
              "governor history of " + symbol + " must have strictly increasing days");
        }
      }
      LAST_CHECKED.set(history);
    }
    if (pacedLt != null && !(pacedLt > 0 && pacedLt <= lt)) {
      throw new IllegalArgumentException(
          "governor state of " + symbol + ": pacedLt must be in (0, lt], was " + pacedLt);
    }
    if ((rampFromLt == null) != (rampStartEpochMs == null)) {
      throw new IllegalArgumentException(
          "governor state of " + symbol + ": rampFromLt and rampStartEpochMs go together");
    }
    if (rampFromLt != null && (!(rampFromLt >= lt && rampFromLt <= 1) || rampStartEpochMs <= 0)) {
      throw new IllegalArgumentException(
          "governor state of "
              + symbol
              + ": a ramp starts from an LT in [lt, 1] at a positive time, was "
              + rampFromLt
              + " at "
              + rampStartEpochMs);
    }
  }

  /** A state without quantile tracking. */
  public GovernorState(
      String symbol,
      double lt,
      long updatedAtEpochMs,
      List<DailyTarget> history,
      boolean stressMode,
      Double pacedLt,
      Double rampFromLt,
      Long rampStartEpochMs) {
    this(
        symbol,
        lt,
        updatedAtEpochMs,
        history,
        stressMode,
        pacedLt,
        rampFromLt,
        rampStartEpochMs,
        null);
  }

  /** This state with the quantile tracking's state {@code t} (null: none). */
  public GovernorState withTracking(QuantileTrackingState t) {
    return new GovernorState(
        symbol,
        lt,
        updatedAtEpochMs,
        history,
        stressMode,
        pacedLt,
        rampFromLt,
        rampStartEpochMs,
        t);
  }

  /** A state without a ramp. */
  public GovernorState(
      String symbol, double lt, long updatedAtEpochMs, List<DailyTarget> history, boolean stress) {
    this(symbol, lt, updatedAtEpochMs, history, stress, null, null, null);
  }

  /**
   * The LT the next step's rate limit moves from: {@link #pacedLt} with a ramp, else {@link #lt}.
   */
  public double pacedOrLt() {
    return pacedLt != null ? pacedLt : lt;
  }

  /**
   * The last history this thread checked, an immutable copy: the governor hands the previous
   * state's history to the next state on most hourly steps, which then need no second pass.
   */
  private static final ThreadLocal<List<DailyTarget>> LAST_CHECKED = new ThreadLocal<>();

  /** A state outside stress mode (the form before stress-mode hysteresis). */
  public GovernorState(String symbol, double lt, long updatedAtEpochMs, List<DailyTarget> history) {
    this(symbol, lt, updatedAtEpochMs, history, false);
  }

  /** The lowest daily target in the history (1 when it is empty). */
  public double lowestDailyTargetLt() {
    double m = 1;
    for (DailyTarget d : history) {
      m = Math.min(m, d.minTargetLt());
    }
    return m;
  }

  /**
   * The stressed LT the governor uses: {@link ThresholdGovernor#stressedLt} of the history at the
   * quantile level {@code stressedQuantile} ({@link GovernorConfig#stressedQuantile()}).
   */
  public double stressedLt(double stressedQuantile) {
    return ThresholdGovernor.stressedLt(history, stressedQuantile);
  }
}

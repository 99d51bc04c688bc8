package io.liqopt.core.policy;

import io.liqopt.core.Checks;
import java.util.List;

/**
 * What {@link ThresholdGovernor} remembers about one asset between steps. Immutable; round-trips
 * through Jackson JSON so the service can persist it and the backtest replay it.
 *
 * @param symbol the asset
 * @param lt the governed LT after the last step, in (0, 1)
 * @param updatedAtEpochMs the time of the last step (UTC epoch ms)
 * @param history the lowest target LT of each recent UTC day, days strictly increasing, at most
 *     the configured look-back long
 */
public record GovernorState(String symbol, double lt, long updatedAtEpochMs,
    List<DailyTarget> history) {

  public GovernorState {
    Checks.notBlank(symbol, "symbol");
    if (!(lt > 0 && lt < 1)) {
      throw new IllegalArgumentException("governed lt must be in (0, 1), was " + lt);
    }
    history = List.copyOf(history);
    if (history.isEmpty()) {
      throw new IllegalArgumentException("governor history of " + symbol + " must not be empty");
    }
    for (int i = 1; i < history.size(); i++) {
      if (history.get(i).epochDay() <= history.get(i - 1).epochDay()) {
        throw new IllegalArgumentException("governor history of " + symbol
            + " must have strictly increasing days");
      }
    }
  }

  /** The stressed LT: the lowest daily target in the history. */
  public double stressedLt() {
    double m = 1;
    for (DailyTarget d : history) {
      m = Math.min(m, d.minTargetLt());
    }
    return m;
  }
}

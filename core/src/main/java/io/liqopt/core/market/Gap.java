package io.liqopt.core.market;

import java.time.Instant;

/**
 * A hole in a series: bars missing between two consecutive bars. Gaps are recorded, never filled.
 *
 * @param afterOpenTimeMs open time of the last bar before the hole (UTC epoch ms)
 * @param nextOpenTimeMs open time of the first bar after the hole (UTC epoch ms)
 * @param missingBars number of bars missing, at least 1
 */
public record Gap(long afterOpenTimeMs, long nextOpenTimeMs, long missingBars) {
  public Gap {
    if (nextOpenTimeMs <= afterOpenTimeMs || missingBars < 1) {
      throw new IllegalArgumentException("not a gap: " + afterOpenTimeMs + " -> " + nextOpenTimeMs);
    }
  }

  @Override
  public String toString() {
    return Instant.ofEpochMilli(afterOpenTimeMs)
        + " -> "
        + Instant.ofEpochMilli(nextOpenTimeMs)
        + " ("
        + missingBars
        + " missing)";
  }
}

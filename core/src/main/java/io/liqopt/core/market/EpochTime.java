package io.liqopt.core.market;

/**
 * Converts epoch timestamps of unknown unit to milliseconds, by magnitude: Binance's archives
 * switched from ms to µs in 2025, and other tools write ns. Epoch ms stay below 1e14 until the year
 * 5138, µs below 1e17 and ns below 1e20, so the ranges cannot be confused for real dates.
 */
public final class EpochTime {
  /** Values at or above this are microseconds (or nanoseconds). */
  public static final long MICROS_THRESHOLD = 100_000_000_000_000L;

  /** Values at or above this are nanoseconds. */
  public static final long NANOS_THRESHOLD = 100_000_000_000_000_000L;

  /** 1990-01-01T00:00Z: nothing earlier is market data we can use. */
  public static final long MIN_PLAUSIBLE_MS = 631_152_000_000L;

  /** 2200-01-01T00:00Z. */
  public static final long MAX_PLAUSIBLE_MS = 7_258_118_400_000L;

  private EpochTime() {}

  /** The value in epoch ms, whatever its unit (ms, µs or ns, told apart by magnitude). */
  public static long toMillis(long epoch) {
    if (epoch >= NANOS_THRESHOLD) {
      return Math.floorDiv(epoch, 1_000_000L);
    }
    return epoch >= MICROS_THRESHOLD ? Math.floorDiv(epoch, 1_000L) : epoch;
  }

  /** True if an epoch-ms time lies in [1990, 2200). */
  public static boolean plausibleMillis(long ms) {
    return ms >= MIN_PLAUSIBLE_MS && ms < MAX_PLAUSIBLE_MS;
  }
}

package io.liqopt.serving.feeds;

import io.liqopt.core.policy.LivePriceGuard;
import java.util.List;
import java.util.function.Function;

/**
 * Live prices in the service: the guard's settings, how long an hour's assembled bar waits for the
 * last candle's volumes, and the feeds to start (each made for the held symbols). With no feeds,
 * quotes come only through {@code POST /v1/market/prices}.
 *
 * @param guard the guard of every asset
 * @param barGraceMs how long after an hour's end its bar waits, ms
 * @param feeds makes each feed for the held symbols
 * @param sweepMs how often, wall time, sources and prices without quotes are aged and ended hours
 *     made into bars
 */
public record LiveOptions(
    LivePriceGuard.Settings guard,
    long barGraceMs,
    List<Function<List<String>, PriceFeed>> feeds,
    long sweepMs) {
  /** The defaults of the guard, a 10 s grace, and no feed (the push route alone). */
  public static final LiveOptions PUSH_ONLY =
      new LiveOptions(LivePriceGuard.Settings.DEFAULTS, 10_000, List.of());

  /** The default sweep, once a second. */
  public static final long DEFAULT_SWEEP_MS = 1_000;

  /** Options with the default sweep. */
  public LiveOptions(
      LivePriceGuard.Settings guard,
      long barGraceMs,
      List<Function<List<String>, PriceFeed>> feeds) {
    this(guard, barGraceMs, feeds, DEFAULT_SWEEP_MS);
  }

  public LiveOptions {
    java.util.Objects.requireNonNull(guard, "guard");
    if (sweepMs < 1) {
      throw new IllegalArgumentException("sweepMs must be at least 1, was " + sweepMs);
    }
    if (barGraceMs < 0) {
      throw new IllegalArgumentException("barGraceMs must be at least 0, was " + barGraceMs);
    }
    feeds = List.copyOf(feeds);
  }
}

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
 */
public record LiveOptions(
    LivePriceGuard.Settings guard, long barGraceMs, List<Function<List<String>, PriceFeed>> feeds) {
  /** The defaults of the guard, a 10 s grace, and no feed (the push route alone). */
  public static final LiveOptions PUSH_ONLY =
      new LiveOptions(LivePriceGuard.Settings.DEFAULTS, 10_000, List.of());

  public LiveOptions {
    java.util.Objects.requireNonNull(guard, "guard");
    if (barGraceMs < 0) {
      throw new IllegalArgumentException("barGraceMs must be at least 0, was " + barGraceMs);
    }
    feeds = List.copyOf(feeds);
  }
}

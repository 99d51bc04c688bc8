package io.liqopt.cli;

import io.liqopt.core.policy.LivePriceGuard;
import io.liqopt.serving.feeds.LiveOptions;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code serve}'s live prices: on or off, and the guard's settings. */
final class LivePriceOptions {
  @Option(
      names = "--live-prices",
      description =
          "Keep a live guarded price per held asset: quotes pushed to POST /v1/market/prices"
              + " (token), each through the price guard; an asset without enough healthy agreeing"
              + " sources is stale and its thresholds conservative. GET /v1/market/prices shows"
              + " them.")
  boolean on;

  @Option(
      names = "--price-max-age-seconds",
      defaultValue = "60",
      paramLabel = "S",
      description = "A source (and a price) older than this is stale (default: ${DEFAULT-VALUE}).")
  int maxAgeSeconds;

  @Option(
      names = "--price-sources",
      defaultValue = "2",
      paramLabel = "N",
      description = "The fewest healthy agreeing sources for a price (default: ${DEFAULT-VALUE}).")
  int minSources;

  @Option(
      names = "--price-band",
      defaultValue = "0.02",
      paramLabel = "F",
      description =
          "A source further than this from the median is dropped (default: ${DEFAULT-VALUE}).")
  double band;

  @Option(
      names = "--price-freeze-repeats",
      defaultValue = "120",
      paramLabel = "N",
      description =
          "A source repeating one price this many times in a row is frozen (default:"
              + " ${DEFAULT-VALUE}).")
  int freezeRepeats;

  @Option(
      names = "--twap-band",
      defaultValue = "0.25",
      paramLabel = "F",
      description =
          "A median further than this from the TWAP of the medians is refused (default:"
              + " ${DEFAULT-VALUE}).")
  double twapBand;

  @Option(
      names = "--twap-minutes",
      defaultValue = "60",
      paramLabel = "M",
      description = "The TWAP's window (default: ${DEFAULT-VALUE}).")
  int twapMinutes;

  /**
   * The live options, or null when off.
   *
   * @throws UsageException naming a setting out of range
   */
  LiveOptions options() {
    if (!on) {
      return null;
    }
    try {
      LivePriceGuard.Settings guard =
          new LivePriceGuard.Settings(
              band,
              minSources,
              maxAgeSeconds * 1_000L,
              freezeRepeats,
              twapBand,
              twapMinutes * 60_000L);
      return new LiveOptions(guard, LiveOptions.PUSH_ONLY.barGraceMs(), List.of());
    } catch (IllegalArgumentException e) {
      throw new UsageException("live prices: " + e.getMessage());
    }
  }
}

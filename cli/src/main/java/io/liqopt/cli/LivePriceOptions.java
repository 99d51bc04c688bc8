package io.liqopt.cli;

import io.liqopt.core.policy.LivePriceGuard;
import io.liqopt.serving.feeds.BinanceKlineFeed;
import io.liqopt.serving.feeds.LiveOptions;
import io.liqopt.serving.feeds.PriceFeed;
import io.liqopt.serving.feeds.ReplayFeed;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
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
      names = "--price-feed",
      paramLabel = "[NAME=]KIND:WHERE",
      description =
          "A feed of live quotes (implies --live-prices; repeatable): binance:URL, Binance's public"
              + " kline stream at base URL (e.g. wss://stream.binance.com:9443), or"
              + " replay:FILE[,SPEED], a CSV of time_ms,symbol,source,price replayed at SPEED times"
              + " its own pace (default as fast as possible) and stamped on arrival. NAME names the"
              + " source (default: the kind).")
  List<String> feeds = new ArrayList<>();

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
    if (!on && feeds.isEmpty()) {
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
      List<Function<List<String>, PriceFeed>> made = new ArrayList<>();
      for (String spec : feeds) {
        made.add(feed(spec));
      }
      return new LiveOptions(guard, LiveOptions.PUSH_ONLY.barGraceMs(), made);
    } catch (IllegalArgumentException e) {
      throw new UsageException("live prices: " + e.getMessage());
    }
  }

  /** The feed a {@code --price-feed} names, made for the held symbols. */
  static Function<List<String>, PriceFeed> feed(String spec) {
    int eq = spec.indexOf('=');
    int colon = spec.indexOf(':', eq + 1);
    if (colon < 0) {
      throw new UsageException(
          "--price-feed must be [NAME=]binance:URL or [NAME=]replay:FILE[,SPEED], was " + spec);
    }
    String kind = spec.substring(eq + 1, colon);
    String name = eq > 0 ? spec.substring(0, eq) : kind;
    String where = spec.substring(colon + 1);
    switch (kind) {
      case "binance":
        return symbols ->
            new BinanceKlineFeed(BinanceKlineFeed.Settings.of(where, symbols).withName(name));
      case "replay":
        int comma = where.lastIndexOf(',');
        double speed;
        try {
          speed =
              comma < 0 ? Double.POSITIVE_INFINITY : Double.parseDouble(where.substring(comma + 1));
        } catch (NumberFormatException e) {
          throw new UsageException("--price-feed replay speed must be a number: " + spec);
        }
        Path file = Path.of(comma < 0 ? where : where.substring(0, comma));
        return symbols ->
            new ReplayFeed(name, file, speed, true, System::currentTimeMillis, Thread::sleep);
      default:
        throw new UsageException("--price-feed kind must be binance or replay, was " + kind);
    }
  }
}

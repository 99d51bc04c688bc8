package io.liqopt.serving.feeds;

/** A source of live quotes, started once, closed once; it reconnects on its own. */
public interface PriceFeed extends AutoCloseable {
  /** The source name its quotes carry (e.g. {@code binance}). */
  String name();

  /** Starts delivering to {@code sink} (returns at once; the feed runs on its own threads). */
  void start(QuoteSink sink);

  /** Its connection and message counters now. */
  FeedStatus status();

  /** Stops it and its threads; idempotent. */
  @Override
  void close();
}

package io.liqopt.serving.feeds;

/**
 * A feed's state and counters.
 *
 * @param name the source name
 * @param state {@code connecting}, {@code connected}, {@code backoff}, {@code finished} or {@code
 *     closed}
 * @param connects successful connections
 * @param failures failed connections and dropped streams
 * @param messages messages read
 * @param malformed messages that could not be read (counted, skipped)
 * @param lastError the last failure's one-line message, or null
 */
public record FeedStatus(
    String name,
    String state,
    long connects,
    long failures,
    long messages,
    long malformed,
    String lastError) {}

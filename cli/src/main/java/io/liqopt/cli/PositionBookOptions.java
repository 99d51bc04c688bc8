package io.liqopt.cli;

import io.liqopt.serving.book.BookOptions;
import picocli.CommandLine.Option;

/** {@code serve}'s position book: on or off, and its capacity. */
final class PositionBookOptions {
  @Option(
      names = "--book",
      description =
          "Keep a position book: PUT/DELETE /v1/book/positions/{id} (token), each position's"
              + " health now at the live prices (or last closes) and served thresholds, and GET"
              + " /v1/book (buckets and the liquidation cliff); persisted in DATA/state/book/.")
  boolean on;

  @Option(
      names = "--book-max-positions",
      defaultValue = "2000000",
      paramLabel = "N",
      description = "The most positions the book holds (default: ${DEFAULT-VALUE}).")
  int maxPositions;

  /**
   * The book's options, or null when off.
   *
   * @throws UsageException naming a setting out of range
   */
  BookOptions options() {
    if (!on) {
      return null;
    }
    try {
      return BookOptions.DEFAULTS.withMaxPositions(maxPositions);
    } catch (IllegalArgumentException e) {
      throw new UsageException("position book: " + e.getMessage());
    }
  }
}

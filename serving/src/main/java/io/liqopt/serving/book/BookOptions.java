package io.liqopt.serving.book;

import java.time.Duration;
import java.util.Objects;

/**
 * The position book in the service.
 *
 * @param maxPositions the most positions the book holds (a PUT of a new one beyond is refused)
 * @param snapshotLogBytes a snapshot is taken once the log since the last one exceeds this
 * @param snapshotEvery a snapshot is taken this often when the log holds anything
 */
public record BookOptions(int maxPositions, long snapshotLogBytes, Duration snapshotEvery) {
  /** The default of {@link #maxPositions}. */
  public static final int DEFAULT_MAX_POSITIONS = 2_000_000;

  /** 2 000 000 positions, a snapshot every 64 MiB of log or 10 minutes. */
  public static final BookOptions DEFAULTS =
      new BookOptions(DEFAULT_MAX_POSITIONS, 64L << 20, Duration.ofMinutes(10));

  public BookOptions {
    Objects.requireNonNull(snapshotEvery, "snapshotEvery");
    if (maxPositions < 1 || snapshotLogBytes < 1 || snapshotEvery.toMillis() < 1) {
      throw new IllegalArgumentException(
          "book options must be positive: maxPositions "
              + maxPositions
              + ", snapshotLogBytes "
              + snapshotLogBytes
              + ", snapshotEvery "
              + snapshotEvery);
    }
  }

  /** These options with another capacity. */
  public BookOptions withMaxPositions(int max) {
    return new BookOptions(max, snapshotLogBytes, snapshotEvery);
  }
}

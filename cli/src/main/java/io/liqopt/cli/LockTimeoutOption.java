package io.liqopt.cli;

import io.liqopt.store.MarketStore;
import io.liqopt.store.StoreLock;
import java.time.Duration;
import picocli.CommandLine.Option;

/** {@code --lock-timeout S}, the same on every command that writes the market store. */
final class LockTimeoutOption {
  /** A day: longer is a mistake, not a wait. */
  private static final double MAX_SECONDS = 86_400;

  @Option(
      names = "--lock-timeout",
      paramLabel = "S",
      defaultValue = "30",
      description =
          "Seconds to wait for the market store's lock (DATA/"
              + StoreLock.FILE_NAME
              + ") while another writer holds it: another 'liqopt data' command, or a running"
              + " 'liqopt serve' compacting its log. Past it: exit 1, nothing written (default:"
              + " ${DEFAULT-VALUE}).")
  double seconds;

  /**
   * The store in {@code data}'s folder whose writes wait up to {@code --lock-timeout}.
   *
   * @throws UsageException when the timeout is negative, not a number or over a day
   */
  MarketStore store(DataDirOption data) {
    if (!(seconds >= 0 && seconds <= MAX_SECONDS)) {
      throw new UsageException(
          "--lock-timeout must be in 0.." + (long) MAX_SECONDS + " seconds, was " + seconds);
    }
    return new MarketStore(data.dir, Duration.ofMillis(Math.round(seconds * 1000)));
  }
}

package io.liqopt.cli;

import io.liqopt.store.MarketStore;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --data DIR}, the same on every command that reads or writes market data. */
final class DataDirOption {
  @Option(
      names = "--data",
      paramLabel = "DIR",
      defaultValue = "data",
      description =
          "Data folder; market data lives in DIR/market/<interval>/<SYMBOL>.parquet "
              + "(default: ${DEFAULT-VALUE}).")
  Path dir;

  MarketStore store() {
    return new MarketStore(dir);
  }
}

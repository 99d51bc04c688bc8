package io.liqopt.cli;

import io.liqopt.ml.BundleStore;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --models DIR}, the same on every command that reads or writes model bundles. */
final class ModelsDirOption {
  @Option(
      names = "--models",
      paramLabel = "DIR",
      defaultValue = "models",
      description =
          "Model bundles folder: DIR/<bundle-id>/ and DIR/LATEST (default: ${DEFAULT-VALUE}).")
  Path dir;

  BundleStore store() {
    return new BundleStore(dir);
  }
}

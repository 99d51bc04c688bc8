package io.liqopt.cli;

import io.liqopt.core.policy.PolicyConfig;
import io.liqopt.core.policy.ResolvedPolicy;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --config FILE} (alias {@code --policy}): the risk configuration a service runs. */
final class PolicyFileOption {
  @Option(
      names = {"--config", "--policy"},
      paramLabel = "FILE",
      description = "Risk configuration (JSON, see config/policy.example.json; default: built-in).")
  Path config;

  /** The configuration in the file, or the built-in one. */
  ResolvedPolicy resolve() throws IOException {
    return (config == null ? PolicyConfig.defaults() : PolicyConfig.load(config)).resolve();
  }
}

package io.liqopt.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options both {@code simulate} commands share: how paths are drawn and priced. */
final class PathModelOptions {
  @Option(
      names = "--block-hours",
      defaultValue = "24",
      paramLabel = "H",
      description = "Bootstrap block length (default: ${DEFAULT-VALUE}).")
  int blockHours;

  @Option(
      names = "--model",
      defaultValue = "garch",
      paramLabel = "NAME",
      description =
          "Forecaster of the current volatility: garch, ewma, har or hs "
              + "(default: ${DEFAULT-VALUE}).")
  String model;

  @Option(
      names = "--policy",
      paramLabel = "FILE",
      description = "Risk configuration (JSON, see config/policy.example.json; default: built-in).")
  Path policyFile;

  @Option(
      names = "--seed",
      defaultValue = "42",
      paramLabel = "S",
      description = "Seed of the path draws (default: ${DEFAULT-VALUE}).")
  long seed;
}

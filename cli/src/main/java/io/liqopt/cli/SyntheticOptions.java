package io.liqopt.cli;

import picocli.CommandLine.Option;

/** The synthetic market's options, shared by {@code data generate} and {@code quickstart}. */
final class SyntheticOptions {
  @Option(
      names = "--symbols",
      paramLabel = "N",
      defaultValue = "4",
      description =
          "Number of assets, 1..1000: the 8 of the universe, then variations of them "
              + "(default: ${DEFAULT-VALUE}).")
  int symbols;

  @Option(
      names = "--years",
      paramLabel = "Y",
      defaultValue = "3",
      description = "Years of hourly history from 2021-01-01 (default: ${DEFAULT-VALUE}).")
  double years;

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "42",
      description =
          "Random seed; the same seed gives byte-identical files (default: ${DEFAULT-VALUE}).")
  long seed;
}

package io.liqopt.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code liqopt bench ...}: the project's own benchmarks. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Benchmarks; results go to reports/bench-<name>/<run-id>/.",
    subcommands = {BenchDataCommand.class})
final class BenchCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "a benchmark is required (data)");
  }
}

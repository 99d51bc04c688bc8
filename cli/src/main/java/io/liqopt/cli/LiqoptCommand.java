package io.liqopt.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The root command: only sub-commands do work. */
@Command(
    name = "liqopt",
    mixinStandardHelpOptions = true,
    version = "liqopt 0.1.0",
    description = "Predictive liquidation-threshold engine.",
    subcommands = {
      QuickstartCommand.class,
      DataCommand.class,
      EvaluateCommand.class,
      ThresholdsCommand.class,
      TrainCommand.class,
      ModelsCommand.class,
      ServeCommand.class,
      BacktestCommand.class,
      OptimizeCommand.class,
      SimulateCommand.class,
      ReplayCommand.class
    },
    footer = {"", "Exit codes: 0 ok, 1 failure, 2 usage error."})
public final class LiqoptCommand implements Runnable {
  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "Print stack traces with errors.")
  boolean verbose;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "a command is required (quickstart, data, bench)");
  }
}

package io.liqopt.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code liqopt simulate ...}: stochastic calibration on simulated and historical paths. */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description =
        "Stochastic calibration: LT at an insolvency tolerance from simulated price paths "
            + "(lt), and the stress distribution of a cross-margin position (portfolio).",
    subcommands = {SimulateLtCommand.class, SimulatePortfolioCommand.class})
final class SimulateCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "a sub-command is required (lt, portfolio)");
  }
}

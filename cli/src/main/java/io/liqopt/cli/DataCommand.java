package io.liqopt.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code liqopt data ...}: market-data management. */
@Command(
    name = "data",
    mixinStandardHelpOptions = true,
    description = "Generate, import, download and inspect market data (Parquet store).",
    subcommands = {
      DataGenerateCommand.class,
      DataImportCommand.class,
      DataDownloadCommand.class,
      DataInfoCommand.class
    })
final class DataCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(), "a sub-command is required (generate, import, download, info)");
  }
}

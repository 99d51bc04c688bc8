package io.liqopt.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --reports DIR}, the same on every command that writes a report. */
final class ReportsDirOption {
  @Option(
      names = "--reports",
      paramLabel = "DIR",
      defaultValue = "reports",
      description =
          "Reports folder; a run writes DIR/<command>/<run-id>/ (default: ${DEFAULT-VALUE}).")
  Path dir;
}

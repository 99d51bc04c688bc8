package io.liqopt.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * A command's arguments as a distributed task carries them: the worker parses them again, so it
 * builds its options with the command's own code.
 */
final class TaskArgs {
  private TaskArgs() {}

  /**
   * {@code args} with every value of a path option made absolute against this process's working
   * folder: a worker resolves relative paths against its own.
   */
  static List<String> absolutePaths(CommandLine.Model.CommandSpec spec, List<String> args) {
    java.util.Set<String> pathOptions = new java.util.HashSet<>();
    for (CommandLine.Model.OptionSpec o : spec.options()) {
      if (o.type() == Path.class) {
        pathOptions.addAll(List.of(o.names()));
      }
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      int eq = a.indexOf('=');
      if (a.startsWith("--") && eq > 0 && pathOptions.contains(a.substring(0, eq))) {
        out.add(a.substring(0, eq + 1) + Path.of(a.substring(eq + 1)).toAbsolutePath());
      } else if (pathOptions.contains(a) && i + 1 < args.size()) {
        out.add(a);
        out.add(Path.of(args.get(++i)).toAbsolutePath().toString());
      } else {
        out.add(a);
      }
    }
    return List.copyOf(out);
  }

  /** The command {@code args} give, parsed where a task runs. */
  static <T> T command(List<String> args, Class<T> type) {
    CommandLine.ParseResult pr = Main.newCommandLine().parseArgs(args.toArray(String[]::new));
    while (pr.hasSubcommand()) {
      pr = pr.subcommand();
    }
    return type.cast(pr.commandSpec().userObject());
  }

  /**
   * This command's arguments, their paths made absolute ({@link #absolutePaths}), then every path
   * option left to its default with that default made absolute: a worker's working folder is not
   * the driver's.
   */
  static List<String> of(CommandLine.Model.CommandSpec spec) {
    CommandLine.ParseResult pr = spec.commandLine().getParseResult();
    List<String> args = new ArrayList<>(absolutePaths(spec, pr.originalArgs()));
    for (CommandLine.Model.OptionSpec o : spec.options()) {
      if (o.type() == Path.class && !pr.hasMatchedOption(o) && o.getValue() != null) {
        args.add(o.longestName());
        args.add(((Path) o.getValue()).toAbsolutePath().toString());
      }
    }
    return List.copyOf(args);
  }
}

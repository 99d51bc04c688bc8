package io.liqopt.cli;

import picocli.CommandLine;

/** Entry point of {@code bin/liqopt}: exit 0 ok, 1 failure, 2 usage error. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns the exit code (used by tests, which must not exit). */
  public static int run(String... args) {
    return newCommandLine().execute(args);
  }

  /** The configured command line: one-line errors, stack traces only with --verbose. */
  public static CommandLine newCommandLine() {
    CommandLine cl = new CommandLine(new LiqoptCommand());
    cl.setParameterExceptionHandler(
        (ex, args) -> {
          CommandLine c = ex.getCommandLine();
          c.getErr().println("liqopt: " + ex.getMessage());
          c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help'.");
          return 2;
        });
    cl.setExecutionExceptionHandler(
        (ex, c, parseResult) -> {
          LiqoptCommand root = c.getCommandSpec().root().commandLine().getCommand();
          if (root.verbose) {
            ex.printStackTrace(c.getErr());
          }
          c.getErr().println("liqopt: error: " + oneLine(ex));
          return ex instanceof UsageException ? 2 : 1;
        });
    return cl;
  }

  /** The message of an exception, falling back to its class, on one line. */
  static String oneLine(Throwable ex) {
    String msg = ex.getMessage();
    if (msg == null || msg.isBlank()) {
      msg = ex.getClass().getSimpleName();
      if (ex.getCause() != null && ex.getCause().getMessage() != null) {
        msg += ": " + ex.getCause().getMessage();
      }
    }
    return msg.replaceAll("\\s*\\R\\s*", " ");
  }
}

package io.liqopt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liqopt.store.HourlyMarket;
import io.liqopt.store.MarketStore;
import io.liqopt.training.distributed.MarketSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * What a distributed task gets of its command: the arguments with every path absolute, defaults
 * included, parsed again into the same command; and an optimiser task that cannot read the forecast
 * cache fails in one line instead of fitting the walk-forward again.
 */
class TaskArgsTest {
  @TempDir Path dir;

  @Test
  void pathsMadeAbsolute_defaultsIncluded_parsedBackIntoTheCommand() {
    List<String> args = args("optimize", "--seeds", "1", "--cache", "rel/cache");
    assertTrue(args.containsAll(List.of("optimize", "--seeds", "1")), args.toString());
    assertEquals(Path.of("rel/cache").toAbsolutePath().toString(), after(args, "--cache"));
    assertEquals(Path.of("data").toAbsolutePath().toString(), after(args, "--data")); // default
    OptimizeCommand c = TaskArgs.command(args, OptimizeCommand.class);
    assertEquals(Path.of("rel/cache").toAbsolutePath(), c.cacheDir());
    assertTrue(c.data.dir.isAbsolute());
  }

  @Test
  void optimizeTask_cacheUnreadableWhereItRuns_oneLineFailure() throws Exception {
    Path data = dir.resolve("data");
    assertEquals(
        0,
        CliRun.of("data", "generate", "--data", data.toString(), "--symbols", "1", "--years", "1")
            .exitCode());
    Path empty = Files.createDirectories(dir.resolve("empty-cache"));
    List<String> args =
        args("optimize", "--data", data.toString(), "--cache", empty.toString(), "--seeds", "1");
    MarketSource source =
        MarketSource.of(
            data, List.of(), null, HourlyMarket.load(new MarketStore(data), List.of(), null));
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> OptimizeCandidateTasks.prepared(args, source));
    String line = e.getMessage();
    assertTrue(line.contains("--cache must be a folder every worker sees"), line);
    assertEquals(1, e.getMessage().lines().count());
  }

  /** {@code argv} parsed as the command line parses it, then as a task carries it. */
  private static List<String> args(String... argv) {
    CommandLine cl = Main.newCommandLine();
    CommandLine.ParseResult pr = cl.parseArgs(argv);
    while (pr.hasSubcommand()) {
      pr = pr.subcommand();
    }
    return TaskArgs.of(pr.commandSpec());
  }

  private static String after(List<String> args, String option) {
    return args.get(args.indexOf(option) + 1);
  }
}

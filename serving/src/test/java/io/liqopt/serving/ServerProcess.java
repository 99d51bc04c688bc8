package io.liqopt.serving;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server in its own JVM, for the crash tests: {@code ServerProcess DATA_DIR PORT_FILE
 * [COMPACT_MS]} starts the service (baseline EWMA, data clock, the test token; the log compacted
 * every COMPACT_MS, default an hour; a position book with {@value #BOOK_PROPERTY}), writes its port
 * to PORT_FILE and serves until killed.
 */
public final class ServerProcess {
  /** With {@code -Dliqopt.test.book=true} the server keeps a position book ({@link #BOOK}). */
  static final String BOOK_PROPERTY = "liqopt.test.book";

  /** A small book snapshotted often: every 4 KiB of log or 300 ms, so kills land in snapshots. */
  static final io.liqopt.serving.book.BookOptions BOOK =
      new io.liqopt.serving.book.BookOptions(10_000, 4_096, java.time.Duration.ofMillis(300));

  private ServerProcess() {}

  public static void main(String[] args) throws Exception {
    Path data = Path.of(args[0]);
    Server.Options o = TestService.options(data, data.resolve("models"), "ewma", TestService.TOKEN);
    if (args.length > 2) {
      o =
          new Server.Options(
              o.host(),
              o.port(),
              o.settings(),
              o.limits(),
              o.token(),
              o.refresh(),
              java.time.Duration.ofMillis(Long.parseLong(args[2])),
              o.drainTimeout());
    }
    if (Boolean.getBoolean(BOOK_PROPERTY)) {
      o = o.withBook(BOOK);
    }
    Server server = TestService.start(o);
    Path tmp = Path.of(args[1] + ".tmp");
    Files.writeString(tmp, Integer.toString(server.port()));
    Files.move(tmp, Path.of(args[1]));
    Thread.currentThread().join();
  }

  /**
   * Starts {@code ServerProcess DATA PORT_FILE [args]} in a new JVM on this class path, its output
   * to {@code log}.
   */
  static Process launch(Path data, Path portFile, Path log, String... args) throws IOException {
    return launch(List.of(), data, portFile, log, args);
  }

  /** As {@link #launch(Path, Path, Path, String...)}, with options for the JVM ({@code -D...}). */
  static Process launch(List<String> jvmOptions, Path data, Path portFile, Path log, String... args)
      throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java));
    command.addAll(jvmOptions);
    command.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            ServerProcess.class.getName(),
            data.toString(),
            portFile.toString()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  /** The port the process wrote, once it is ready; fails when it dies or takes over 60 s. */
  static int awaitPort(Process p, Path portFile) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (Files.exists(portFile)) {
        return Integer.parseInt(Files.readString(portFile).strip());
      }
      assertTrue(p.isAlive(), "the server process died; see its log");
      Thread.sleep(20);
    }
    throw new AssertionError("the server process did not start in 60 s");
  }
}

package io.liqopt.serving;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A server in its own JVM, for the crash test: {@code ServerProcess DATA_DIR PORT_FILE} starts the
 * service (baseline EWMA, data clock, the test token), writes its port to PORT_FILE and serves
 * until killed.
 */
public final class ServerProcess {
  private ServerProcess() {}

  public static void main(String[] args) throws Exception {
    Path data = Path.of(args[0]);
    Server server =
        TestService.start(
            TestService.options(data, data.resolve("models"), "ewma", TestService.TOKEN));
    Path tmp = Path.of(args[1] + ".tmp");
    Files.writeString(tmp, Integer.toString(server.port()));
    Files.move(tmp, Path.of(args[1]));
    Thread.currentThread().join();
  }
}

package io.liqopt.serving;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A server in its own JVM, for the crash tests: {@code ServerProcess DATA_DIR PORT_FILE
 * [COMPACT_MS]} starts the service (baseline EWMA, data clock, the test token; the log compacted
 * every COMPACT_MS, default an hour), writes its port to PORT_FILE and serves until killed.
 */
public final class ServerProcess {
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
    Server server = TestService.start(o);
    Path tmp = Path.of(args[1] + ".tmp");
    Files.writeString(tmp, Integer.toString(server.port()));
    Files.move(tmp, Path.of(args[1]));
    Thread.currentThread().join();
  }
}

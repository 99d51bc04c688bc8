package io.liqopt.store;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Another process holding a store's write lock, for the tests of the lock between processes: {@code
 * LockHolderProcess DATA_DIR} takes the lock of the store in DATA_DIR, prints {@value #LOCKED} and
 * holds it until its standard input is closed.
 */
public final class LockHolderProcess implements AutoCloseable {
  /** The line the child prints once it holds the lock. */
  static final String LOCKED = "locked";

  private final Process process;

  private LockHolderProcess(Process process) {
    this.process = process;
  }

  /** Starts a child JVM and returns once it holds the lock of the store in {@code dataDir}. */
  public static LockHolderProcess start(Path dataDir) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                LockHolderProcess.class.getName(),
                dataDir.toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine(); // blocks until the child holds the lock, or dies
    if (!LOCKED.equals(line)) {
      p.destroyForcibly();
      throw new IOException("the lock holder did not start: it printed " + line);
    }
    return new LockHolderProcess(p);
  }

  /** The child's process id, which the lock file names. */
  public long pid() {
    return process.pid();
  }

  /** Closes the child's input, so it releases the lock and exits; waits for the exit. */
  @Override
  public void close() throws IOException {
    process.getOutputStream().close();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException("the lock holder did not exit within 60 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  public static void main(String[] args) throws IOException {
    new MarketStore(Path.of(args[0]), Duration.ZERO)
        .locked(
            () -> {
              System.out.println(LOCKED);
              System.out.flush();
              while (System.in.read() >= 0) {
                // holds the lock until the parent closes our input
              }
              return null;
            });
  }
}

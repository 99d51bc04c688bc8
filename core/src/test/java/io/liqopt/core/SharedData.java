package io.liqopt.core;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the real market history in {@code ../shared/data} beside the checkout. Tests that need it
 * call {@link #dirOrSkip()}, which skips them with a visible reason on a machine without it.
 */
public final class SharedData {
  private SharedData() {}

  /** The folder, from the {@code liqopt.sharedData} property (set by the build) or the env. */
  public static Path dir() {
    String p = System.getProperty("liqopt.sharedData", System.getenv("LIQOPT_SHARED_DATA"));
    if (p != null) {
      return Path.of(p).normalize();
    }
    // run from an IDE: look beside the checkout
    Path here = Path.of("").toAbsolutePath();
    for (Path d = here; d != null; d = d.getParent()) {
      Path candidate = d.resolveSibling("shared").resolve("data");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    return here.resolve("../shared/data").normalize();
  }

  /** The folder, or skips the calling test when it is absent. */
  public static Path dirOrSkip() {
    Path d = dir();
    assumeTrue(
        Files.isRegularFile(d.resolve("BTCUSDT_1h.csv.gz")),
        "real market data not found at " + d + " (../shared/data beside the checkout); skipped");
    return d;
  }

  /** One file of the shared data, or skips. */
  public static Path fileOrSkip(String name) {
    Path f = dirOrSkip().resolve(name);
    assumeTrue(Files.isRegularFile(f), f + " not found; skipped");
    return f;
  }
}

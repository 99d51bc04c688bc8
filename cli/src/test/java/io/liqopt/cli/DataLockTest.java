package io.liqopt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liqopt.core.market.BarInterval;
import io.liqopt.store.LockHolderProcess;
import io.liqopt.store.LockHolderThread;
import io.liqopt.store.MarketStore;
import io.liqopt.store.StoreLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands that write the market store wait for its lock while another writer holds it, and
 * past {@code --lock-timeout} exit 1 with a one-line error naming the lock file, nothing written.
 */
class DataLockTest {
  @TempDir Path dir;

  private Path data() {
    return dir.resolve("data");
  }

  private String lockFile() {
    return data().resolve(StoreLock.FILE_NAME).toAbsolutePath().normalize().toString();
  }

  /** Asserts the run failed with exit 1 and one line: the lock error. */
  private void assertLockedError(CliRun r, String holder) {
    assertEquals(1, r.exitCode(), r.err());
    String err = r.err().strip();
    assertEquals(1, err.lines().count(), err);
    assertTrue(
        err.startsWith("liqopt: error: the market store is locked by " + holder + ": "), err);
    assertTrue(err.contains(lockFile()) && err.contains("retry when it has finished"), err);
  }

  @Test
  void import_lockHeldByAnotherProcess_exit1_oneLine_nothingWritten() throws IOException {
    Path csv = dir.resolve("AAAUSDT_1h.csv");
    Files.writeString(
        csv,
        "ts,open,high,low,close,volume,quote_volume\n"
            + "1704067200000,1,2,0.5,1.5,3,4\n"
            + "1704070800000,1.5,2,1,1.2,3,4\n");
    String[] args = {"data", "import", "--data", data().toString(), csv.toString()};
    try (LockHolderProcess other = LockHolderProcess.start(data())) {
      CliRun r =
          CliRun.of(
              "data",
              "import",
              "--data",
              data().toString(),
              "--lock-timeout",
              "0.2",
              csv.toString());
      assertLockedError(r, "another writer (pid " + other.pid() + ")");
      assertFalse(new MarketStore(data()).contains("AAAUSDT", BarInterval.H1));
    }
    CliRun after = CliRun.of(args);
    assertEquals(0, after.exitCode(), after.err());
    assertEquals(2, new MarketStore(data()).read("AAAUSDT", BarInterval.H1).size());
  }

  @Test
  void generate_lockHeldByAnotherThread_exit1_oneLine_nothingWritten() throws Exception {
    try (LockHolderThread other = LockHolderThread.start(new MarketStore(data()))) {
      CliRun r =
          CliRun.of(
              "data",
              "generate",
              "--data",
              data().toString(),
              "--symbols",
              "1",
              "--years",
              "0.1",
              "--lock-timeout",
              "0");
      assertLockedError(r, "another thread of this process");
      assertTrue(new MarketStore(data()).list().isEmpty(), "nothing was written");
    }
  }

  @Test
  void lockTimeout_negativeOrNotANumber_usageError_exit2() {
    for (String bad : new String[] {"-1", "NaN", "86401"}) {
      CliRun r = CliRun.of("data", "generate", "--data", data().toString(), "--lock-timeout", bad);
      assertEquals(2, r.exitCode(), bad + ": " + r.err());
      assertTrue(r.err().contains("--lock-timeout must be in 0..86400 seconds"), r.err());
    }
  }
}

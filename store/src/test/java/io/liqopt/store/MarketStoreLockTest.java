package io.liqopt.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liqopt.core.market.BarInterval;
import io.liqopt.core.market.BarSeries;
import io.liqopt.core.market.Bars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every write of the store holds its lock: a second writer, in another thread or another process,
 * waits up to its timeout and then fails naming the lock file, with nothing written; the lock is
 * released after a write that failed; concurrent read-modify-writes lose no bar.
 */
class MarketStoreLockTest {
  /** Short enough for a quick test; the assertions on time are only lower bounds. */
  private static final Duration SHORT = Duration.ofMillis(300);

  private static final long WAIT_SECONDS = 60;

  @TempDir Path dir;

  private final ExecutorService pool = Executors.newCachedThreadPool();

  @AfterEach
  void stopPool() {
    pool.shutdownNow();
  }

  /** Hours [fromHour, toHour) of one fixed hourly series, so overlapping windows agree. */
  private static BarSeries window(String symbol, int fromHour, int toHour) {
    return Bars.hourly(symbol, 200).slice(Bars.T0 + fromHour * Bars.H, Bars.T0 + toHour * Bars.H);
  }

  private Path lockFile() {
    return dir.resolve(StoreLock.FILE_NAME).toAbsolutePath().normalize();
  }

  /** Writes {@code series} into {@code store} from a pool thread. */
  private Future<Object> writeInOtherThread(MarketStore store, BarSeries series, String source) {
    return pool.submit(
        () -> {
          store.write(series, source);
          return null;
        });
  }

  @Test
  void write_lockHeldByAnotherThread_waitsTheTimeoutThenFailsNamingTheLockFile() throws Exception {
    try (LockHolderThread other = LockHolderThread.start(new MarketStore(dir))) {
      MarketStore second = new MarketStore(dir, SHORT);
      long start = System.nanoTime();
      StoreLockedException e =
          assertThrows(
              StoreLockedException.class, () -> second.write(window("BTCUSDT", 0, 5), "second"));
      assertTrue(System.nanoTime() - start >= SHORT.toNanos(), "gave up before the timeout");
      String m = e.getMessage();
      assertTrue(m.contains(lockFile().toString()), m);
      assertTrue(m.contains("another thread of this process"), m);
      assertTrue(m.contains("gave up after 0.3 s") && m.contains("retry when it has finished"), m);
      assertFalse(m.contains("\n"), m);
      assertFalse(second.contains("BTCUSDT", BarInterval.H1), "nothing was written");
    }
    new MarketStore(dir, Duration.ZERO).write(window("BTCUSDT", 0, 5), "after");
  }

  @Test
  void write_lockHeldByAnotherProcess_failsNamingIt_thenWorksOnceItIsReleased() throws Exception {
    Future<?> waiter;
    try (LockHolderProcess other = LockHolderProcess.start(dir)) {
      long start = System.nanoTime();
      StoreLockedException e =
          assertThrows(
              StoreLockedException.class,
              () -> new MarketStore(dir, SHORT).merge(window("BTCUSDT", 0, 5), "second"));
      assertTrue(System.nanoTime() - start >= SHORT.toNanos(), "gave up before the timeout");
      String m = e.getMessage();
      assertTrue(m.contains(lockFile().toString()), m);
      assertTrue(m.contains("(pid " + other.pid() + ")"), m);
      assertFalse(new MarketStore(dir).contains("BTCUSDT", BarInterval.H1));
      // a writer that waits long enough gets the lock once the other process lets it go
      waiter =
          pool.submit(
              () ->
                  new MarketStore(dir, Duration.ofSeconds(WAIT_SECONDS))
                      .merge(window("BTCUSDT", 0, 5), "waiter"));
    }
    waiter.get(WAIT_SECONDS, TimeUnit.SECONDS);
    assertEquals(5, new MarketStore(dir).read("BTCUSDT", BarInterval.H1).size());
  }

  @Test
  void write_fails_lockReleasedForThreadsAndProcesses() throws Exception {
    MarketStore store = new MarketStore(dir, Duration.ZERO);
    Files.writeString(dir.resolve("market"), "a file where the store's folder belongs");
    assertThrows(IOException.class, () -> store.write(window("BTCUSDT", 0, 5), "fails"));
    IOException thrown = new IOException("injected failure");
    assertEquals(
        thrown,
        assertThrows(
            IOException.class,
            () ->
                store.locked(
                    () -> {
                      throw thrown;
                    })));
    Files.delete(dir.resolve("market"));
    // zero timeout: any hold left behind would fail these at once
    writeInOtherThread(store, window("BTCUSDT", 0, 5), "other thread")
        .get(WAIT_SECONDS, TimeUnit.SECONDS);
    try (LockHolderProcess other = LockHolderProcess.start(dir)) {
      assertTrue(other.pid() > 0);
    }
    store.write(window("BTCUSDT", 0, 6), "this thread");
  }

  @Test
  void locked_nestedWrites_runAtOnceAndReleaseOnlyAtTheOutermost() throws Exception {
    MarketStore store = new MarketStore(dir, Duration.ZERO);
    store.locked(
        () -> {
          store.write(window("BTCUSDT", 0, 5), "first");
          store.merge(window("BTCUSDT", 5, 8), "second");
          // still held: another thread cannot have it
          Future<?> other = writeInOtherThread(store, window("ETHUSDT", 0, 1), "other");
          Exception e =
              assertThrows(Exception.class, () -> other.get(WAIT_SECONDS, TimeUnit.SECONDS));
          assertTrue(e.getCause() instanceof StoreLockedException, e.toString());
          return null;
        });
    assertEquals(8, store.read("BTCUSDT", BarInterval.H1).size());
    writeInOtherThread(store, window("ETHUSDT", 0, 1), "other").get(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  @Test
  void merge_concurrentWritersOfOneSeries_noBarLost() throws Exception {
    int writers = 4;
    int mergesEach = 5;
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      int first = w * mergesEach;
      done.add(
          pool.submit(
              () -> {
                start.await();
                // each writer its own store object: the lock is per data folder, not per object
                MarketStore store = new MarketStore(dir, Duration.ofSeconds(WAIT_SECONDS));
                for (int k = first; k < first + mergesEach; k++) {
                  store.merge(window("BTCUSDT", 2 * k, 2 * k + 2), "writer " + first);
                }
                return null;
              }));
    }
    start.countDown();
    for (Future<?> f : done) {
      f.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }
    BarSeries stored = new MarketStore(dir).read("BTCUSDT", BarInterval.H1);
    assertTrue(stored.contentEquals(window("BTCUSDT", 0, 2 * writers * mergesEach)));
  }

  @Test
  void negativeTimeout_refused() {
    assertThrows(IllegalArgumentException.class, () -> new MarketStore(dir, Duration.ofMillis(-1)));
  }
}

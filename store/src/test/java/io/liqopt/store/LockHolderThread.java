package io.liqopt.store;

import java.io.InterruptedIOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Another thread of this process holding a store's write lock until {@link #close}. */
public final class LockHolderThread implements AutoCloseable {
  private static final long WAIT_SECONDS = 60;

  private final CountDownLatch release = new CountDownLatch(1);
  private final ExecutorService thread = Executors.newSingleThreadExecutor();
  private final Future<Object> holding;

  private LockHolderThread(MarketStore store, CountDownLatch held) {
    holding =
        thread.submit(
            () ->
                store.locked(
                    () -> {
                      held.countDown();
                      try {
                        release.await();
                      } catch (InterruptedException e) {
                        throw new InterruptedIOException("lock holder interrupted");
                      }
                      return null;
                    }));
  }

  /** Starts the thread and returns once it holds the lock of {@code store}. */
  public static LockHolderThread start(MarketStore store) throws Exception {
    CountDownLatch held = new CountDownLatch(1);
    LockHolderThread t = new LockHolderThread(store, held);
    if (!held.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
      t.close();
      throw new AssertionError("the lock holder did not get the lock in " + WAIT_SECONDS + " s");
    }
    return t;
  }

  /** Releases the lock and waits for the thread to finish (rethrowing what it threw). */
  @Override
  public void close() throws Exception {
    release.countDown();
    try {
      holding.get(WAIT_SECONDS, TimeUnit.SECONDS);
    } finally {
      thread.shutdownNow();
    }
  }
}

package io.liqopt.serving.book;

import io.liqopt.core.position.PositionBook;
import io.liqopt.core.position.RebasePlan;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The book's rebases, run on a thread of their own ({@link RebasePlan}) rather than on the path of
 * the tick or the threshold change that made one due: at 1 000 000 positions a rebase takes a few
 * hundred milliseconds, which every price update would otherwise wait for behind the book's lock.
 * The plan's copy takes the lock {@value #CHUNK} slots at a time, its build none, its install a
 * pass over the liquidatable positions. Meanwhile the book stays exact on its older index. One
 * rebase at a time; a finished one starts the next when the prices drifted on meanwhile.
 */
final class BookRebases implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BookRebases.class);

  /** Slots copied per hold of the lock (a tenth of a millisecond or so). */
  static final int CHUNK = 65_536;

  /** After a failed rebase, none is tried again for this long (the book stays exact meanwhile). */
  static final long RETRY_NANOS = 30_000_000_000L;

  private final PositionBook book;
  private final Object lock;
  private final ExecutorService thread =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "liqopt-book-rebase");
            t.setDaemon(true);
            return t;
          });
  private boolean running; // guarded by lock
  private boolean closed; // guarded by lock
  private long retryAt = System.nanoTime(); // guarded by lock: none is started before it
  private long installed; // guarded by lock
  private long nanos; // guarded by lock: the installed rebases' time, start to install

  /** The rebases of {@code book}, whose owner changes it under {@code lock}; defers its rebases. */
  BookRebases(PositionBook book, Object lock) {
    this.book = book;
    this.lock = lock;
    synchronized (lock) {
      book.deferRebases();
    }
  }

  /**
   * Starts a rebase when one is due, none runs and none failed in the last {@link #RETRY_NANOS}.
   * Under the lock, after each change; never throws (the change it follows is done).
   */
  void whenDue() {
    if (running || closed || System.nanoTime() - retryAt < 0 || !book.rebaseDue()) {
      return;
    }
    try {
      RebasePlan plan = book.startRebase();
      thread.execute(() -> run(plan));
      running = true;
    } catch (RejectedExecutionException e) {
      closed = true; // the book is going away
    } catch (RuntimeException e) {
      LOG.error("the position book's rebase could not start: {}", e.toString());
    }
  }

  /** Rebases installed since the start, and their time from start to install in all (ns). */
  long[] installed() {
    synchronized (lock) {
      return new long[] {installed, nanos};
    }
  }

  private void run(RebasePlan plan) {
    long t0 = System.nanoTime();
    boolean ok = false;
    try {
      plan.prepare(); // the allocation, off the lock
      boolean copied = false;
      while (!copied && !Thread.currentThread().isInterrupted()) {
        synchronized (lock) {
          copied = plan.copy(book, CHUNK);
        }
      }
      if (copied) {
        plan.build();
        ok = !Thread.currentThread().isInterrupted(); // closed meanwhile: not installed
      }
    } catch (RuntimeException | OutOfMemoryError e) {
      // the book stays exact on its older index, each change evaluating more of it
      LOG.error(
          "the position book's rebase failed (tried again in {} s): {}",
          RETRY_NANOS / 1_000_000_000L,
          e.toString());
      synchronized (lock) {
        retryAt = System.nanoTime() + RETRY_NANOS;
      }
    } finally {
      synchronized (lock) {
        running = false;
        if (ok && !closed && book.install(plan)) {
          installed++;
          nanos += System.nanoTime() - t0;
          whenDue(); // the prices moved on while it ran
        } else {
          book.abandon(plan);
        }
      }
    }
  }

  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
    }
    thread.shutdownNow();
    try {
      if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
        LOG.warn("the position book's rebase did not stop within 5 s of the close");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

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

  /** Starts a rebase when one is due and none runs. Under the lock, after each change. */
  void whenDue() {
    if (running || !book.rebaseDue()) {
      return;
    }
    RebasePlan plan = book.startRebase();
    try {
      thread.execute(() -> run(plan));
      running = true;
    } catch (RejectedExecutionException e) {
      // closed: the book is going away
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
      boolean copied = false;
      while (!copied) {
        synchronized (lock) {
          copied = plan.copy(book, CHUNK);
        }
      }
      plan.build();
      ok = true;
    } catch (RuntimeException | OutOfMemoryError e) {
      // the book stays exact on its older index, each change evaluating more of it
      LOG.error("the position book's rebase failed (retried at the next change): {}", e.toString());
    } finally {
      synchronized (lock) {
        running = false;
        if (ok && book.install(plan)) {
          installed++;
          nanos += System.nanoTime() - t0;
          whenDue(); // the prices moved on while it ran
        }
      }
    }
  }

  @Override
  public void close() {
    thread.shutdownNow();
    try {
      thread.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

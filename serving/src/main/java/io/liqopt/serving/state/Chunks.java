package io.liqopt.serving.state;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Work over a large batch (a 10 000-position assessment) split into contiguous chunks that run on a
 * few helper threads and on the calling thread at once. The caller runs the first chunk, then every
 * chunk no helper has started, and waits only for the chunks a helper is running: a busy pool never
 * leaves a batch queued behind it, and a batch of fewer than {@code 2 × }{@value #MIN_CHUNK} items
 * runs on the caller alone.
 *
 * <p>The helpers are this class's own: one daemon thread per core beyond the first, none on one
 * core, with a short queue (a chunk it cannot take runs on the caller). A chunk the caller takes
 * back is removed from the queue, and a chunk's work and result are let go once read, so nothing of
 * a finished batch stays reachable from the pool. When a chunk fails, the chunks not started are
 * dropped and the call waits for those running before it throws: no work of a refused request goes
 * on after its answer.
 */
public final class Chunks {
  /**
   * The smallest chunk handed to another thread: below it the hand-over costs more than it saves.
   */
  public static final int MIN_CHUNK = 1024;

  /** Helper threads: one per core beyond the first. */
  static final int HELPERS = Math.max(0, Runtime.getRuntime().availableProcessors() - 1);

  private static final ThreadPoolExecutor POOL = HELPERS == 0 ? null : pool(HELPERS);

  // every chunk but a batch's first, by the thread that ran it: a helper, or the request thread
  // (which runs those no helper has started, and those the helpers' full queue refused)
  private static final LongAdder RAN_ON_HELPERS = new LongAdder();
  private static final LongAdder TAKEN_BACK = new LongAdder();

  private Chunks() {}

  /** The work on items {@code from} (inclusive) to {@code to} (exclusive). */
  @FunctionalInterface
  public interface Work<T> {
    /** Does the work on items {@code from..to − 1}. */
    T run(int from, int to);
  }

  /**
   * {@code work} over items {@code 0..n − 1}, in chunks: the chunks' results in item order. An
   * exception from any chunk is thrown as it was (a deadline's, a check's), once no chunk runs.
   */
  public static <T> List<T> map(int n, Work<T> work) {
    int parts = parts(n, HELPERS);
    if (parts <= 1) {
      return List.of(work.run(0, n));
    }
    AtomicBoolean failed = new AtomicBoolean();
    List<Chunk<T>> chunks = new ArrayList<>(parts - 1);
    for (int k = 1; k < parts; k++) {
      Chunk<T> c = new Chunk<>(work, bound(n, parts, k), bound(n, parts, k + 1), failed);
      chunks.add(c);
      try {
        POOL.execute(c);
      } catch (RejectedExecutionException e) {
        // the queue is full: the caller runs it below
      }
    }
    Throwable failure = null;
    T first = null;
    try {
      first = work.run(0, bound(n, parts, 1));
    } catch (RuntimeException | Error e) {
      failure = e;
      failed.set(true);
    }
    for (Chunk<T> c : chunks) {
      if (c.claim()) {
        POOL.remove(c);
        TAKEN_BACK.increment();
        c.runHere();
      }
    }
    List<T> out = new ArrayList<>(parts);
    out.add(first);
    for (Chunk<T> c : chunks) {
      c.awaitDone();
      if (failure == null && c.failure != null) {
        failure = c.failure;
      }
      out.add(c.result);
      c.release();
    }
    if (failure instanceof RuntimeException r) {
      throw r;
    }
    if (failure instanceof Error e) {
      throw e;
    }
    if (failure != null) {
      throw new IllegalStateException("a batch chunk failed", failure);
    }
    return out;
  }

  /**
   * The chunks handed to the helpers so far (every chunk of a batch but its first) that a helper
   * ran (or, after another chunk of its batch failed, dropped). With {@link #takenBack()}, this
   * says how much of the batches' work ran in parallel: a helper that cannot get a core leaves its
   * chunks to the request thread.
   */
  public static long ranOnHelpers() {
    return RAN_ON_HELPERS.sum();
  }

  /**
   * The chunks beyond a batch's first that the request thread ran itself so far: those no helper
   * had started, and those the helpers' full queue refused.
   */
  public static long takenBack() {
    return TAKEN_BACK.sum();
  }

  /** The chunks waiting in the helpers' queue now (none once every batch has returned). */
  static int queued() {
    return POOL == null ? 0 : POOL.getQueue().size();
  }

  /**
   * How many chunks {@code n} items make with {@code helpers} threads beside the caller: none under
   * {@value #MIN_CHUNK} items each, at most two per thread (so that the caller, once its own chunk
   * is done, still finds one not started when a helper is slow to wake).
   */
  static int parts(int n, int helpers) {
    if (helpers <= 0) {
      return 1;
    }
    return (int) Math.max(1, Math.min(2L * (helpers + 1), n / MIN_CHUNK));
  }

  /** The first item of chunk {@code k} of {@code parts} over {@code n} items. */
  static int bound(int n, int parts, int k) {
    return (int) ((long) n * k / parts);
  }

  private static ThreadPoolExecutor pool(int threads) {
    AtomicInteger seq = new AtomicInteger();
    ThreadPoolExecutor p =
        new ThreadPoolExecutor(
            threads,
            threads,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(4 * threads),
            r -> {
              Thread t = new Thread(r, "liqopt-chunk-" + seq.incrementAndGet());
              t.setDaemon(true);
              return t;
            },
            new ThreadPoolExecutor.AbortPolicy());
    return p;
  }

  /** One chunk: claimed once, by a helper or by the caller. */
  private static final class Chunk<T> implements Runnable {
    private static final int NEW = 0;
    private static final int CLAIMED = 1;
    private static final int DONE = 2;

    private final AtomicInteger state = new AtomicInteger(NEW);
    private final int from;
    private final int to;
    private final AtomicBoolean failed;
    private Work<T> work;
    private T result;
    private Throwable failure;

    Chunk(Work<T> work, int from, int to, AtomicBoolean failed) {
      this.work = work;
      this.from = from;
      this.to = to;
      this.failed = failed;
    }

    /** Whether this thread is the one to run (or drop) it. */
    boolean claim() {
      return state.compareAndSet(NEW, CLAIMED);
    }

    @Override
    public void run() {
      if (claim()) {
        RAN_ON_HELPERS.increment();
        runHere();
      }
    }

    /** Runs it, unless another chunk of the batch has failed: then it is dropped. */
    void runHere() {
      try {
        if (!failed.get()) {
          result = work.run(from, to);
        }
      } catch (Throwable t) {
        failure = t;
        failed.set(true);
      } finally {
        finish();
      }
    }

    private void finish() {
      work = null;
      synchronized (this) {
        state.set(DONE);
        notifyAll();
      }
    }

    /** Waits until it has run or was dropped; an interrupt is kept for later, not acted on. */
    void awaitDone() {
      boolean interrupted = false;
      synchronized (this) {
        while (state.get() != DONE) {
          try {
            wait();
          } catch (InterruptedException e) {
            interrupted = true;
          }
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }

    void release() {
      result = null;
      failure = null;
    }
  }
}

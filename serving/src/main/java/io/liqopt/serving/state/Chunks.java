package io.liqopt.serving.state;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.FutureTask;

/**
 * Work over a large batch (a 10 000-position assessment) split into contiguous chunks that run on
 * the common pool and on the calling thread at once. The caller runs the first chunk, then every
 * chunk no worker has started yet, and waits only for the chunks a worker is running: a busy pool
 * (another batch, a stress simulation) never leaves a batch queued behind it, and a batch of fewer
 * than {@code 2 × }{@value #MIN_CHUNK} items runs on the caller alone, as before.
 */
public final class Chunks {
  /**
   * The smallest chunk handed to another thread: below it the hand-over costs more than it saves.
   */
  public static final int MIN_CHUNK = 1024;

  private Chunks() {}

  /** The work on items {@code from} (inclusive) to {@code to} (exclusive). */
  @FunctionalInterface
  public interface Work<T> {
    /** Does the work on items {@code from..to − 1}. */
    T run(int from, int to);
  }

  /**
   * {@code work} over items {@code 0..n − 1}, in chunks: the chunks' results in item order. An
   * exception from any chunk is thrown as it was (a deadline's, a check's), after the chunks not
   * yet started are cancelled.
   */
  public static <T> List<T> map(int n, Work<T> work) {
    int parts = parts(n, ForkJoinPool.getCommonPoolParallelism());
    if (parts <= 1) {
      return List.of(work.run(0, n));
    }
    List<FutureTask<T>> tasks = new ArrayList<>(parts - 1);
    for (int k = 1; k < parts; k++) {
      int from = bound(n, parts, k);
      int to = bound(n, parts, k + 1);
      FutureTask<T> t = new FutureTask<>(() -> work.run(from, to));
      tasks.add(t);
      ForkJoinPool.commonPool().execute(t);
    }
    List<T> out = new ArrayList<>(parts);
    try {
      out.add(work.run(0, bound(n, parts, 1)));
      // a task already started (or done) by a worker makes run() return at once
      for (FutureTask<T> t : tasks) {
        t.run();
      }
      for (FutureTask<T> t : tasks) {
        out.add(t.get());
      }
      return out;
    } catch (ExecutionException e) {
      cancel(tasks);
      throw rethrown(e.getCause());
    } catch (InterruptedException e) {
      cancel(tasks);
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted while a batch's chunks ran");
    } catch (RuntimeException | Error e) {
      cancel(tasks);
      throw e;
    }
  }

  /**
   * How many chunks {@code n} items make with {@code workers} pool threads beside the caller: none
   * under {@value #MIN_CHUNK} items each, at most two per thread (so that the caller, once its own
   * chunk is done, still finds one not started when a worker is slow to wake).
   */
  static int parts(int n, int workers) {
    return (int) Math.max(1, Math.min(2L * (Math.max(0, workers) + 1), n / MIN_CHUNK));
  }

  /** The first item of chunk {@code k} of {@code parts} over {@code n} items. */
  static int bound(int n, int parts, int k) {
    return (int) ((long) n * k / parts);
  }

  private static void cancel(List<? extends FutureTask<?>> tasks) {
    for (FutureTask<?> t : tasks) {
      t.cancel(false);
    }
  }

  private static RuntimeException rethrown(Throwable cause) {
    if (cause instanceof RuntimeException r) {
      return r;
    }
    if (cause instanceof Error e) {
      throw e;
    }
    return new IllegalStateException("a batch chunk failed", cause);
  }
}

package io.liqopt.serving.api;

import io.micrometer.core.instrument.Counter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the background work so that no failure passes unseen: each periodic task runs through
 * {@link #run}, which catches every {@link Throwable} (so a scheduled task is never cancelled by
 * one), logs it under the task's name, counts it in {@code liqopt_task_failures_total} (the task
 * name, one of a fixed set, is the only label) and keeps per task the last success, the last
 * failure and the consecutive failures. It also keeps the state of the write-ahead log's appends.
 *
 * <p>{@link #unreadyReason} says when the service can no longer keep its promises: the log is
 * unusable (the last append failed and none succeeded since), or the threshold refresh failed
 * {@value #REFRESH_FAILURES_UNREADY} times in a row.
 */
public final class Supervisor {
  private static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);

  /** The periodic threshold refresh. */
  public static final String REFRESH = "refresh";

  /** The periodic write-ahead log compaction. */
  public static final String COMPACTION = "compaction";

  /** The thread that watches {@code models/LATEST}. */
  public static final String MODEL_WATCH = "model-watch";

  /** Consecutive refresh failures after which {@code /ready} answers 503. */
  public static final int REFRESH_FAILURES_UNREADY = 3;

  /** A task's body. */
  @FunctionalInterface
  public interface Task {
    void run() throws Exception;
  }

  /**
   * One task's state.
   *
   * @param name the task
   * @param lastSuccessMs when it last succeeded (epoch ms), or null when never
   * @param lastFailureMs when it last failed (epoch ms), or null when never
   * @param lastFailure the last failure's one-line message, or null when never
   * @param consecutiveFailures failures since the last success
   * @param failures failures in all
   */
  public record TaskState(
      String name,
      Long lastSuccessMs,
      Long lastFailureMs,
      String lastFailure,
      int consecutiveFailures,
      long failures) {}

  /**
   * The write-ahead log's appends.
   *
   * @param lastAppendOk whether the last append worked, or null when none was made
   * @param lastAppendMs when it was made (epoch ms), or null
   * @param lastError the last append's failure, or null when it worked
   */
  public record WalState(Boolean lastAppendOk, Long lastAppendMs, String lastError) {}

  private final LongSupplier clock;
  private final Map<String, TaskState> tasks = new LinkedHashMap<>();
  private final Map<String, Counter> counters = new LinkedHashMap<>();
  private WalState wal = new WalState(null, null, null);

  /**
   * @param metrics where the failure counters are registered
   * @param clock the wall clock (epoch ms)
   */
  Supervisor(Metrics metrics, LongSupplier clock) {
    this.clock = clock;
    for (String name : List.of(REFRESH, COMPACTION, MODEL_WATCH)) {
      tasks.put(name, new TaskState(name, null, null, null, 0, 0));
      counters.put(name, metrics.taskFailures(name));
    }
  }

  /** {@code task} made safe to schedule: it never throws, its outcome is recorded under name. */
  public Runnable supervised(String name, Task task) {
    check(name);
    return () -> run(name, task);
  }

  /** Runs {@code task} and records its outcome; never throws. */
  public void run(String name, Task task) {
    check(name);
    try {
      task.run();
    } catch (Throwable t) { // a scheduled task must survive even an Error
      if (t instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      failed(name, t);
      return;
    }
    succeeded(name);
  }

  /** Records a success of {@code name}. */
  public synchronized void succeeded(String name) {
    TaskState s = state(name);
    tasks.put(
        name,
        new TaskState(
            name, clock.getAsLong(), s.lastFailureMs(), s.lastFailure(), 0, s.failures()));
  }

  /** Records, logs and counts a failure of {@code name}. */
  public void failed(String name, Throwable t) {
    String message = message(t);
    if (t instanceof VirtualMachineError) {
      LOG.error("background task {} failed (it keeps its schedule): {}", name, message, t);
    } else {
      LOG.warn("background task {} failed (it keeps its schedule): {}", name, message);
      LOG.debug("background task {} failure", name, t);
    }
    counters.get(name).increment();
    synchronized (this) {
      TaskState s = state(name);
      tasks.put(
          name,
          new TaskState(
              name,
              s.lastSuccessMs(),
              clock.getAsLong(),
              message,
              s.consecutiveFailures() + 1,
              s.failures() + 1));
    }
  }

  /** Records an append to the write-ahead log that worked. */
  public synchronized void walAppended() {
    wal = new WalState(true, clock.getAsLong(), null);
  }

  /** Records an append to the write-ahead log that failed. */
  public synchronized void walFailed(Throwable t) {
    wal = new WalState(false, clock.getAsLong(), message(t));
  }

  /** The state of task {@code name}. */
  public synchronized TaskState state(String name) {
    check(name);
    return tasks.get(name);
  }

  /** Every task's state, in a fixed order. */
  public synchronized List<TaskState> states() {
    return new ArrayList<>(tasks.values());
  }

  public synchronized WalState wal() {
    return wal;
  }

  /**
   * Why the service cannot keep its promises now (paths as the server sees them), or null when it
   * can.
   */
  public synchronized String unreadyReason() {
    if (Boolean.FALSE.equals(wal.lastAppendOk())) {
      return "the write-ahead log is unusable: the last append failed (" + wal.lastError() + ")";
    }
    TaskState refresh = tasks.get(REFRESH);
    if (refresh.consecutiveFailures() >= REFRESH_FAILURES_UNREADY) {
      return "the threshold refresh failed "
          + refresh.consecutiveFailures()
          + " times in a row (last: "
          + refresh.lastFailure()
          + ")";
    }
    return null;
  }

  private void check(String name) {
    if (!counters.containsKey(name)) {
      throw new IllegalArgumentException("no background task named " + name);
    }
  }

  private static String message(Throwable t) {
    String m = t.getMessage();
    String line = t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    int nl = line.indexOf('\n');
    return nl < 0 ? line : line.substring(0, nl);
  }
}

package io.liqopt.spark;

import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * What every liqopt Spark job shares: one partition per input, the results collected in the inputs'
 * order, each finished task told (with its wall and CPU time) as Spark's listener reports it, a
 * failed task turned into one line naming its cause, and the task's library threads held to one.
 */
final class SparkJobs {
  private SparkJobs() {}

  /**
   * One finished task: its partition (the input's index) and its wall time. (Spark's executor CPU
   * time is left out: the work runs on the {@link #pinned} thread, which Spark does not time.)
   */
  record TaskTime(int partition, long wallMs) {}

  /** Told once per finished task, on Spark's listener thread. */
  @FunctionalInterface
  interface TaskEnded {
    void ended(TaskTime time);
  }

  /**
   * {@code fn} over {@code inputs}, one partition each.
   *
   * @throws IllegalStateException "a Spark task failed: " and the cause, on one line
   */
  static <T, R> List<R> run(
      JavaSparkContext sc, String job, List<T> inputs, Function<T, R> fn, TaskEnded ended) {
    String group = "liqopt-" + job + "-" + System.nanoTime();
    Set<Integer> stages = ConcurrentHashMap.newKeySet();
    AtomicInteger told = new AtomicInteger();
    SparkListener listener =
        new SparkListener() {
          @Override
          public void onJobStart(SparkListenerJobStart start) {
            if (start.properties() != null
                && group.equals(start.properties().getProperty("spark.jobGroup.id"))) {
              for (Object id : scala.jdk.javaapi.CollectionConverters.asJava(start.stageIds())) {
                stages.add((Integer) id);
              }
            }
          }

          @Override
          public void onTaskEnd(SparkListenerTaskEnd end) {
            if (end.taskInfo().successful() && stages.contains(end.stageId())) {
              try {
                ended.ended(new TaskTime(end.taskInfo().partitionId(), end.taskInfo().duration()));
              } finally {
                told.incrementAndGet(); // after the callback: the driver waits for it
              }
            }
          }
        };
    sc.sc().addSparkListener(listener);
    sc.setJobGroup(group, job + ": " + inputs.size() + " tasks", false);
    try {
      List<R> out = sc.parallelize(inputs, Math.max(1, inputs.size())).map(fn).collect();
      awaitListener(told, inputs.size());
      return out;
    } catch (Exception e) { // Scala throws SparkException undeclared
      if (e instanceof SparkException failed) {
        throw new IllegalStateException("a Spark task failed: " + taskFailure(failed), e);
      }
      throw e;
    } finally {
      sc.clearJobGroup();
      sc.sc().removeSparkListener(listener);
    }
  }

  /**
   * Spark's listener bus tells task ends asynchronously: the job's result can be back before the
   * last ones are told. Waits (at most 10 s) until all are.
   */
  private static void awaitListener(AtomicInteger told, int tasks) {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (told.get() < tasks && System.nanoTime() < deadline) {
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * What made a task fail, on one line: the task's own exception where Spark kept it, else its
   * class and message from Spark's report (which carries the executor's stack trace).
   */
  static String taskFailure(SparkException e) {
    Throwable cause = e;
    while (cause instanceof SparkException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause != e && cause.getMessage() != null) {
      return cause.getMessage().replaceAll("\\s*\\R\\s*", " ");
    }
    String report = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
    int stack = report.indexOf("\tat ");
    report = stack < 0 ? report : report.substring(0, stack);
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("(?:[\\w.$]+(?:Exception|Error): )+(.*)").matcher(report);
    return m.find() ? m.group(1).strip() : report.strip();
  }

  /**
   * {@code work} on an executor with its library threads held to one: parallel streams inside run
   * in the single-thread pool they are started from (XGBoost is already at one thread; PyTorch's
   * threads are a JVM property, see README "Scaling out"). The work's own exception is rethrown,
   * for Spark's report and the driver's message.
   */
  static <R> R pinned(Callable<R> work) throws Exception {
    ForkJoinPool one = new ForkJoinPool(1);
    try {
      return one.submit(work).get();
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      // a fork-join pool rethrows a copy of the task's exception that wraps the original
      while (c.getCause() != null
          && c.getClass() == c.getCause().getClass()
          && String.valueOf(c.getMessage()).equals(c.getCause().toString())) {
        c = c.getCause();
      }
      throw c instanceof Exception cause ? cause : new IllegalStateException(c);
    } finally {
      one.shutdown();
    }
  }
}

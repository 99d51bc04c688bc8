package io.liqopt.spark;

import io.liqopt.core.forecast.Forecaster;
import io.liqopt.training.distributed.ForecasterFactory;
import io.liqopt.training.distributed.MarketSource;
import io.liqopt.training.walkforward.TaskRunner;
import io.liqopt.training.walkforward.WalkForwardPlan;
import io.liqopt.training.walkforward.WalkForwardRunner;
import io.liqopt.training.walkforward.WalkForwardTasks;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * A walk-forward's tasks as one Spark job: one partition per {@link WalkForwardPlan.Task}, in the
 * plan's order (the long ML groups first). Each Spark task reads the market from the store itself
 * ({@link MarketSource}, once per executor), builds its forecasters from the recipe and runs {@link
 * WalkForwardTasks#run} — the code the single-JVM run calls — and sends back only the forecasts.
 * Spark partitions, ships and gathers; it computes nothing.
 */
final class SparkWalkForward implements TaskRunner {
  private final JavaSparkContext sc;
  private final MarketSource market;
  private final ForecasterFactory forecasters;

  /**
   * One finished task: its partition (the plan's task index), its wall time and the executor's CPU
   * time on it.
   */
  record TaskTime(int partition, long wallMs, long cpuNanos) {}

  private final List<TaskTime> times = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** The tasks of the last {@link #runAll}, as Spark's listener reported them. */
  List<TaskTime> lastTasks() {
    return List.copyOf(times);
  }

  SparkWalkForward(JavaSparkContext sc, MarketSource market, ForecasterFactory forecasters) {
    this.sc = sc;
    this.market = market;
    this.forecasters = forecasters;
  }

  @Override
  public List<WalkForwardTasks.Fit> runAll(
      WalkForwardPlan plan, WalkForwardRunner.Listener listener) {
    int total = plan.fits();
    AtomicInteger fitsDone = new AtomicInteger();
    AtomicInteger tasksDone = new AtomicInteger();
    int[] fitsOfPartition = plan.tasks().stream().mapToInt(WalkForwardPlan.Task::fits).toArray();
    String group = "liqopt-walk-forward-" + System.nanoTime();
    times.clear();
    java.util.Set<Integer> stages = java.util.concurrent.ConcurrentHashMap.newKeySet();
    SparkListener progress =
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
              int p = end.taskInfo().partitionId();
              times.add(
                  new TaskTime(
                      p,
                      end.taskInfo().duration(),
                      end.taskMetrics() == null ? -1 : end.taskMetrics().executorCpuTime()));
              int done = fitsDone.addAndGet(p < fitsOfPartition.length ? fitsOfPartition[p] : 0);
              listener.step(
                  Math.min(done, total),
                  total,
                  "task " + tasksDone.incrementAndGet() + "/" + fitsOfPartition.length);
            }
          }
        };
    sc.sc().addSparkListener(progress);
    sc.setJobGroup(group, "walk-forward: " + plan.tasks().size() + " tasks", false);
    try {
      MarketSource m = market;
      ForecasterFactory f = forecasters;
      List<List<WalkForwardTasks.Fit>> parts =
          sc.parallelize(plan.tasks(), plan.tasks().size())
              .map(task -> runTask(task, plan, m, f))
              .collect();
      List<WalkForwardTasks.Fit> all = new ArrayList<>();
      parts.forEach(all::addAll);
      awaitListener(tasksDone, fitsOfPartition.length);
      if (fitsDone.get() < total) {
        listener.step(
            total, total, "task " + fitsOfPartition.length + "/" + fitsOfPartition.length);
      }
      return all;
    } catch (Exception e) { // Scala throws SparkException undeclared
      if (e instanceof SparkException failed) {
        throw new IllegalStateException("a Spark task failed: " + taskFailure(failed), e);
      }
      throw e;
    } finally {
      sc.clearJobGroup();
      sc.sc().removeSparkListener(progress);
    }
  }

  /**
   * Spark's listener bus tells task ends asynchronously: the job's result can be back before the
   * last ones are told. Waits (at most 10 s) until all are, so that progress ends at its total.
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
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root != e && root.getMessage() != null) {
      return root.getMessage();
    }
    String report = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
    int stack = report.indexOf("\tat ");
    report = stack < 0 ? report : report.substring(0, stack);
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("(?:[\\w.$]+(?:Exception|Error): )+(.*)").matcher(report);
    return m.find() ? m.group(1).strip() : report.strip();
  }

  /**
   * One task on an executor, its library threads held to one: parallel streams inside run in the
   * single-thread pool they are started from (XGBoost is already at one thread; PyTorch's threads
   * are a JVM property, see README "Scaling out").
   */
  static List<WalkForwardTasks.Fit> runTask(
      WalkForwardPlan.Task task,
      WalkForwardPlan plan,
      MarketSource market,
      ForecasterFactory forecasters)
      throws InterruptedException {
    ForkJoinPool one = new ForkJoinPool(1);
    List<Forecaster> own = forecasters.create();
    try {
      return one.submit(
              () ->
                  WalkForwardTasks.run(
                      task, plan, market.histories(), own, (done, total, what) -> {}))
          .get();
    } catch (ExecutionException e) {
      // the task's own exception, for Spark's report and the driver's message
      throw e.getCause() instanceof RuntimeException r
          ? r
          : new IllegalStateException(e.getCause());
    } finally {
      one.shutdown();
      own.forEach(Forecaster::close); // the task's instances: a reused model's native memory
    }
  }
}

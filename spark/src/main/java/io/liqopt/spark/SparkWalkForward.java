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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * A walk-forward's tasks as one Spark job: one partition per {@link WalkForwardPlan.Task}, in the
 * plan's order (the long ML groups first), the baselines that fit each asset alone split into a
 * task per fold and asset ({@link #splitsAssets}). Each Spark task reads the market from the store
 * itself ({@link MarketSource}, once per executor), builds its forecasters from the recipe and runs
 * {@link WalkForwardTasks#run} — the code the single-JVM run calls — and sends back only the
 * forecasts. Spark partitions, ships and gathers; it computes nothing.
 */
final class SparkWalkForward implements TaskRunner {
  private final JavaSparkContext sc;
  private final MarketSource market;
  private final ForecasterFactory forecasters;

  private final List<SparkJobs.TaskTime> times = new CopyOnWriteArrayList<>();

  /** The tasks of the last {@link #runAll}, as Spark's listener reported them. */
  List<SparkJobs.TaskTime> lastTasks() {
    return List.copyOf(times);
  }

  SparkWalkForward(JavaSparkContext sc, MarketSource market, ForecasterFactory forecasters) {
    this.sc = sc;
    this.market = market;
    this.forecasters = forecasters;
  }

  /** Many workers side by side: the fits that stand alone per asset run as tasks per asset. */
  @Override
  public boolean splitsAssets() {
    return true;
  }

  @Override
  public List<WalkForwardTasks.Fit> runAll(
      WalkForwardPlan plan, WalkForwardRunner.Listener listener) {
    int total = plan.fits();
    int tasks = plan.tasks().size();
    AtomicInteger fitsDone = new AtomicInteger();
    AtomicInteger tasksDone = new AtomicInteger();
    times.clear();
    MarketSource m = market;
    ForecasterFactory f = forecasters;
    List<List<WalkForwardTasks.Fit>> parts =
        SparkJobs.run(
            sc,
            "walk-forward",
            plan.tasks(),
            task -> runTask(task, plan, m, f),
            t -> {
              times.add(t);
              int done = fitsDone.addAndGet(plan.tasks().get(t.partition()).fits());
              listener.step(
                  Math.min(done, total),
                  total,
                  "task " + tasksDone.incrementAndGet() + "/" + tasks);
            });
    if (fitsDone.get() < total) {
      listener.step(total, total, "task " + tasks + "/" + tasks);
    }
    List<WalkForwardTasks.Fit> all = new ArrayList<>();
    parts.forEach(all::addAll);
    return all;
  }

  /**
   * One task on an executor, on fresh forecasters, closed after it (see {@link SparkJobs#pinned});
   * a task over one asset reads that asset and the market factor only ({@link
   * MarketSource#lazyHistories}).
   */
  static List<WalkForwardTasks.Fit> runTask(
      WalkForwardPlan.Task task,
      WalkForwardPlan plan,
      MarketSource market,
      ForecasterFactory forecasters)
      throws Exception {
    List<Forecaster> own = forecasters.create();
    try {
      return SparkJobs.pinned(
          () ->
              WalkForwardTasks.run(
                  task,
                  plan,
                  task.asset() == WalkForwardPlan.Task.ALL_ASSETS
                      ? market.histories()
                      : market.lazyHistories(),
                  own,
                  (d, n, w) -> {}));
    } finally {
      own.forEach(Forecaster::close); // the task's instances: a reused model's native memory
    }
  }
}

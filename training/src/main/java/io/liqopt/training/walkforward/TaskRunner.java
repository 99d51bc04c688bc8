package io.liqopt.training.walkforward;

import java.util.List;

/**
 * Where the tasks of a {@link WalkForwardPlan} run: in this JVM one after the other ({@link
 * WalkForwardRunner}'s default), or spread over a cluster's workers. Every runner runs the same
 * {@link WalkForwardTasks#run}, so the results do not depend on the runner.
 */
public interface TaskRunner {

  /**
   * Runs every task of {@code plan} and returns all their fits, in any order; tells {@code
   * listener} as fits finish ({@code total} is {@link WalkForwardPlan#fits()}).
   *
   * @throws IllegalArgumentException if a task fails on its input
   */
  List<WalkForwardTasks.Fit> runAll(WalkForwardPlan plan, WalkForwardRunner.Listener listener);

  /**
   * Whether the plan should cut the fits of the forecasters that fit assets apart ({@link
   * io.liqopt.core.forecast.Forecaster#fitsAssetsApart}) into one task per fold and asset: worth it
   * where tasks run side by side on many workers, not where they run one after the other. False by
   * default.
   */
  default boolean splitsAssets() {
    return false;
  }
}

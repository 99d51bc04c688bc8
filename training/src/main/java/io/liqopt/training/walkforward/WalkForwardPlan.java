package io.liqopt.training.walkforward;

import io.liqopt.core.forecast.AssetHistory;
import io.liqopt.core.forecast.Fold;
import io.liqopt.core.forecast.Forecaster;
import io.liqopt.core.forecast.TrainingSet;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A walk-forward cut into tasks that can run anywhere and in any order: each task fits some
 * forecasters on some folds and forecasts their test blocks, and nothing it computes depends on
 * another task. The forecasters whose fits stand alone (every baseline) share one task per fold,
 * which builds the fold's training set once; a forecaster whose fit may reuse the previous one's
 * model ({@link Forecaster#fitGroups}: the ML model between refits) gets one task per group of
 * folds, run in order. Those tasks come first, being the longest.
 *
 * <p>Split by asset ({@link #of(List, List, WalkForwardConfig, boolean)}), the forecasters that fit
 * each asset on its own data alone ({@link Forecaster#fitsAssetsApart}) get one task per fold and
 * asset instead, asset after asset (a worker that keeps an asset's data reuses it) and each asset's
 * latest folds (the longest training sets) first; the runner merges an asset-split fit back into
 * the one record of its fold ({@link WalkForwardTasks#merge}). The pooled models, and the
 * calibrated baselines' weight and level, are fitted across all assets and never split.
 *
 * @param config the design
 * @param folds every fold, by index
 * @param tasks every task; together they cover each (fold, forecaster) exactly once
 */
public record WalkForwardPlan(WalkForwardConfig config, List<Fold> folds, List<Task> tasks)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * One task: fit each of {@code forecasters} (indices into the run's list) on each of {@code
   * folds} (fold indices, in order), on one instance per forecaster, over every asset or over
   * {@code asset} (an index into the run's histories) alone.
   */
  public record Task(int index, List<Integer> forecasters, List<Integer> folds, int asset)
      implements Serializable {
    private static final long serialVersionUID = 2L;

    /** Every asset. */
    public static final int ALL_ASSETS = -1;

    public Task {
      forecasters = List.copyOf(forecasters);
      folds = List.copyOf(folds);
    }

    /** A task over every asset. */
    public Task(int index, List<Integer> forecasters, List<Integer> folds) {
      this(index, forecasters, folds, ALL_ASSETS);
    }

    /** The (fold, forecaster) fits this task makes. */
    public int fits() {
      return forecasters.size() * folds.size();
    }
  }

  public WalkForwardPlan {
    folds = List.copyOf(folds);
    tasks = List.copyOf(tasks);
  }

  /**
   * The plan of {@code forecasters} over the folds of {@code histories}.
   *
   * @throws IllegalArgumentException if there are no histories, no forecasters, duplicate names, or
   *     the data is too short for one fold
   */
  public static WalkForwardPlan of(
      List<AssetHistory> histories, List<Forecaster> forecasters, WalkForwardConfig config) {
    return of(histories, forecasters, config, false);
  }

  /**
   * As above; {@code byAsset}: the forecasters that fit assets apart get a task per fold and asset.
   */
  public static WalkForwardPlan of(
      List<AssetHistory> histories,
      List<Forecaster> forecasters,
      WalkForwardConfig config,
      boolean byAsset) {
    if (histories.isEmpty()) {
      throw new IllegalArgumentException("no market data to evaluate on");
    }
    if (forecasters.isEmpty()) {
      throw new IllegalArgumentException("no forecasters to evaluate");
    }
    List<String> names = forecasters.stream().map(Forecaster::name).toList();
    if (names.stream().distinct().count() != names.size()) {
      throw new IllegalArgumentException("forecaster names must be distinct: " + names);
    }
    List<Fold> folds = folds(histories, config);
    long[] ends = new long[folds.size()];
    for (Fold f : folds) {
      ends[f.index()] = TrainingSet.endBefore(histories, f.trainCutoffMs());
    }
    List<Task> tasks = new ArrayList<>();
    List<Integer> alone = new ArrayList<>();
    List<Integer> apart = new ArrayList<>();
    for (int m = 0; m < forecasters.size(); m++) {
      List<List<Integer>> groups = forecasters.get(m).fitGroups(ends);
      if (groups.stream().allMatch(g -> g.size() == 1)) {
        (byAsset && forecasters.get(m).fitsAssetsApart() ? apart : alone).add(m);
        continue;
      }
      for (List<Integer> g : groups) {
        tasks.add(new Task(tasks.size(), List.of(m), g));
      }
    }
    if (!alone.isEmpty()) {
      for (Fold f : folds) {
        tasks.add(new Task(tasks.size(), alone, List.of(f.index())));
      }
    }
    if (!apart.isEmpty()) {
      for (int a = 0; a < histories.size(); a++) {
        for (int f = folds.size() - 1; f >= 0; f--) {
          tasks.add(new Task(tasks.size(), apart, List.of(f), a));
        }
      }
    }
    return new WalkForwardPlan(config, folds, tasks);
  }

  /** The (fold, forecaster) fits of the whole plan, an asset-split one counted once per asset. */
  public int fits() {
    return tasks.stream().mapToInt(Task::fits).sum();
  }

  /**
   * The folds over the span of every history's bars.
   *
   * @throws IllegalArgumentException if the data is too short for the first fold
   */
  private static List<Fold> folds(List<AssetHistory> histories, WalkForwardConfig config) {
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (AssetHistory h : histories) {
      if (h.size() > 0) {
        first = Math.min(first, h.series().firstOpenTimeMs());
        last = Math.max(last, h.series().lastOpenTimeMs());
      }
    }
    List<Fold> folds = first == Long.MAX_VALUE ? List.of() : config.folds(first, last);
    if (folds.isEmpty()) {
      throw new IllegalArgumentException(
          "the data spans less than the "
              + config.minTrainDays()
              + " days of training the first fold needs");
    }
    return folds;
  }
}

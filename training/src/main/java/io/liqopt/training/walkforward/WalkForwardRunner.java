package io.liqopt.training.walkforward;

import io.liqopt.core.forecast.AssetHistory;
import io.liqopt.core.forecast.Fold;
import io.liqopt.core.forecast.Forecaster;
import io.liqopt.core.market.BarSeries;
import io.liqopt.core.target.HorizonTargets;
import io.liqopt.core.target.TargetCalculator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs the walk-forward: for each fold, fits every forecaster on the data before the fold's cut-off
 * and records its forecasts for every bar of the test block. Nothing is scored here; forecasts are
 * only ever made for bars after the training data and the embargo.
 */
public final class WalkForwardRunner {

  /** Told after each (fold, forecaster) step. */
  @FunctionalInterface
  public interface Listener {
    void step(int done, int total, String what);
  }

  private WalkForwardRunner() {}

  /**
   * Runs every forecaster over every fold, in this JVM.
   *
   * @throws IllegalArgumentException if there are no histories, no forecasters, duplicate names, or
   *     the data is too short for one fold
   */
  public static EvaluationData run(
      List<AssetHistory> histories,
      List<Forecaster> forecasters,
      WalkForwardConfig config,
      Listener listener) {
    return run(histories, forecasters, config, listener, null);
  }

  /**
   * Runs every forecaster over every fold, the tasks of the {@link WalkForwardPlan} on {@code
   * runner} (null: in this JVM, one after the other, on {@code forecasters} themselves), and
   * gathers their forecasts beside the realised targets.
   *
   * @throws IllegalArgumentException if there are no histories, no forecasters, duplicate names, or
   *     the data is too short for one fold
   */
  public static EvaluationData run(
      List<AssetHistory> histories,
      List<Forecaster> forecasters,
      WalkForwardConfig config,
      Listener listener,
      TaskRunner runner) {
    Objects.requireNonNull(listener, "listener");
    TaskRunner r = runner == null ? inThisJvm(histories, forecasters) : runner;
    WalkForwardPlan plan = WalkForwardPlan.of(histories, forecasters, config, r.splitsAssets());
    List<WalkForwardTasks.Fit> fits = r.runAll(plan, listener);
    return gather(histories, forecasters.stream().map(Forecaster::name).toList(), plan, fits);
  }

  /** The tasks run here, in order, on the given instances, which carry state from task to task. */
  static TaskRunner inThisJvm(List<AssetHistory> histories, List<Forecaster> forecasters) {
    return (plan, listener) -> {
      List<WalkForwardTasks.Fit> all = new ArrayList<>();
      int total = plan.fits();
      for (WalkForwardPlan.Task task : plan.tasks()) {
        int before = all.size();
        all.addAll(
            WalkForwardTasks.run(
                task,
                plan,
                histories,
                forecasters,
                (done, ofTask, what) -> listener.step(before + done, total, what)));
      }
      forecasters.forEach(Forecaster::close);
      return all;
    };
  }

  /**
   * The run's data from the fits of every task: the forecasts in each asset's rows, each test row
   * marked with its fold, and the fit records in fold order, then forecaster order.
   *
   * @throws IllegalArgumentException if the fits do not cover each (fold, forecaster) once
   */
  static EvaluationData gather(
      List<AssetHistory> histories,
      List<String> names,
      WalkForwardPlan plan,
      List<WalkForwardTasks.Fit> fits) {
    WalkForwardConfig config = plan.config();
    List<Integer> horizons = config.spec().horizonsHours();
    int levels = config.evaluationLevelsArray().length;
    List<AssetEvaluation> assets = new ArrayList<>();
    for (AssetHistory h : histories) {
      assets.add(evaluation(h, plan.folds().get(0), names, horizons, levels, config));
    }
    WalkForwardTasks.Fit[][] byFold = new WalkForwardTasks.Fit[plan.folds().size()][names.size()];
    for (WalkForwardTasks.Fit fit : mergedByAsset(fits)) {
      int fold = fit.record().fold();
      if (byFold[fold][fit.forecaster()] != null) {
        throw new IllegalArgumentException(
            "fold " + fold + " of " + names.get(fit.forecaster()) + " was fitted twice");
      }
      byFold[fold][fit.forecaster()] = fit;
      for (WalkForwardTasks.Block b : fit.blocks()) {
        put(assets.get(b.asset()), b, names.get(fit.forecaster()), fold, horizons);
      }
    }
    List<EvaluationData.FitRecord> records = new ArrayList<>();
    for (WalkForwardTasks.Fit[] fold : byFold) {
      for (int m = 0; m < fold.length; m++) {
        if (fold[m] == null) {
          throw new IllegalArgumentException("a fold of " + names.get(m) + " was never fitted");
        }
        records.add(fold[m].record());
      }
    }
    return new EvaluationData(config, names, plan.folds(), assets, records);
  }

  /**
   * {@code fits} with each fold and forecaster's fits asset by asset merged into one ({@link
   * WalkForwardTasks#merge}, in asset order).
   */
  private static List<WalkForwardTasks.Fit> mergedByAsset(List<WalkForwardTasks.Fit> fits) {
    List<WalkForwardTasks.Fit> out = new ArrayList<>();
    Map<List<Integer>, List<WalkForwardTasks.Fit>> split =
        new java.util.TreeMap<>(
            java.util.Comparator.<List<Integer>>comparingInt(k -> k.get(0))
                .thenComparingInt(k -> k.get(1)));
    for (WalkForwardTasks.Fit fit : fits) {
      if (fit.asset() == WalkForwardPlan.Task.ALL_ASSETS) {
        out.add(fit);
      } else {
        split
            .computeIfAbsent(List.of(fit.record().fold(), fit.forecaster()), k -> new ArrayList<>())
            .add(fit);
      }
    }
    for (List<WalkForwardTasks.Fit> parts : split.values()) {
      List<WalkForwardTasks.Fit> sorted = new ArrayList<>(parts);
      sorted.sort(java.util.Comparator.comparingInt(WalkForwardTasks.Fit::asset));
      for (int i = 1; i < sorted.size(); i++) {
        if (sorted.get(i).asset() == sorted.get(i - 1).asset()) {
          throw new IllegalArgumentException(
              "fold " + sorted.get(i).record().fold() + " of an asset was fitted twice");
        }
      }
      out.add(WalkForwardTasks.merge(sorted));
    }
    return out;
  }

  /** One block's forecasts written into the asset's rows of that model, its rows marked. */
  private static void put(
      AssetEvaluation eval,
      WalkForwardTasks.Block b,
      String name,
      int fold,
      List<Integer> horizons) {
    int rows = b.stress().length;
    for (int r = 0; r < rows; r++) {
      eval.setFold(b.fromRow() + r - eval.firstRow(), fold);
    }
    for (int k = 0; k < horizons.size(); k++) {
      Predictions p = eval.predictions(name, horizons.get(k));
      int at = b.fromRow() - eval.firstRow();
      System.arraycopy(b.variance()[k], 0, p.variance, at, rows);
      for (int l = 0; l < p.quantiles.length; l++) {
        System.arraycopy(b.quantiles()[k][l], 0, p.quantiles[l], at, rows);
      }
      if (p.stressProbability != null) {
        System.arraycopy(b.stress(), 0, p.stressProbability, at, rows);
      }
    }
  }

  /**
   * An asset's empty evaluation: its bars from the first test block on, with the realised targets
   * of every horizon, ready for each model's predictions.
   */
  private static AssetEvaluation evaluation(
      AssetHistory h,
      Fold firstFold,
      List<String> names,
      List<Integer> horizons,
      int levels,
      WalkForwardConfig config) {
    BarSeries s = h.series();
    int firstRow = s.indexAtOrAfter(firstFold.testStartMs());
    int rows = s.size() - firstRow;
    long[] times = new long[rows];
    double[] close = new double[rows];
    for (int i = 0; i < rows; i++) {
      times[i] = s.openTimeMs(firstRow + i);
      close[i] = s.close(firstRow + i);
    }
    Map<Integer, HorizonTargets> realised = new LinkedHashMap<>();
    for (int horizon : horizons) {
      realised.put(horizon, TargetCalculator.DEFAULT.compute(s, horizon));
    }
    return new AssetEvaluation(
        h.symbol(),
        firstRow,
        s.interval(),
        times,
        close,
        realised,
        names,
        horizons,
        levels,
        config.spec().stressHorizonHours());
  }
}

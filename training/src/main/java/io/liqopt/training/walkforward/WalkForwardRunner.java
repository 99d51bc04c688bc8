package io.liqopt.training.walkforward;

import io.liqopt.core.forecast.AssetForecast;
import io.liqopt.core.forecast.AssetHistory;
import io.liqopt.core.forecast.Fold;
import io.liqopt.core.forecast.ForecastModel;
import io.liqopt.core.forecast.Forecaster;
import io.liqopt.core.forecast.HorizonForecast;
import io.liqopt.core.forecast.TrainingSet;
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
   * Runs every forecaster over every fold.
   *
   * @throws IllegalArgumentException if there are no histories, no forecasters, duplicate names, or
   *     the data is too short for one fold
   */
  public static EvaluationData run(
      List<AssetHistory> histories,
      List<Forecaster> forecasters,
      WalkForwardConfig config,
      Listener listener) {
    Objects.requireNonNull(listener, "listener");
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
    List<Integer> horizons = config.spec().horizonsHours();
    double[] levels = config.evaluationLevelsArray();
    List<AssetEvaluation> assets = new ArrayList<>();
    for (AssetHistory h : histories) {
      assets.add(evaluation(h, folds.get(0), names, horizons, levels.length, config));
    }

    List<EvaluationData.FitRecord> fits = new ArrayList<>();
    int total = folds.size() * forecasters.size();
    int done = 0;
    for (Fold fold : folds) {
      TrainingSet training =
          TrainingSet.before(histories, fold.trainCutoffMs(), config.spec(), config.seed());
      long trainRows = training.assets().stream().mapToLong(a -> a.history().size()).sum();
      for (Forecaster f : forecasters) {
        long t0 = System.nanoTime();
        ForecastModel model;
        try {
          model = f.fit(training);
        } catch (IllegalArgumentException e) {
          fits.add(
              new EvaluationData.FitRecord(
                  fold.index(),
                  f.name(),
                  null,
                  (System.nanoTime() - t0) / 1_000_000,
                  trainRows,
                  e.getMessage(),
                  training.assets().stream().map(TrainingSet.Asset::symbol).toList(),
                  0,
                  null,
                  Map.of()));
          listener.step(
              ++done, total, "fold " + (fold.index() + 1) + "/" + folds.size() + " " + f.name());
          continue;
        }
        long fitMillis = (System.nanoTime() - t0) / 1_000_000;
        ForecastErrors errors = new ForecastErrors();
        for (int a = 0; a < histories.size(); a++) {
          record(histories.get(a), assets.get(a), model, f.name(), fold, horizons, levels, errors);
        }
        List<String> notFitted =
            training.assets().stream()
                .map(TrainingSet.Asset::symbol)
                .filter(sym -> !model.symbols().contains(sym))
                .toList();
        fits.add(
            new EvaluationData.FitRecord(
                fold.index(),
                f.name(),
                model.modelVersion(),
                fitMillis,
                trainRows,
                null,
                notFitted,
                errors.count,
                errors.first,
                f.choices()));

        listener.step(
            ++done, total, "fold " + (fold.index() + 1) + "/" + folds.size() + " " + f.name());
      }
    }
    return new EvaluationData(config, names, folds, assets, fits);
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
        times,
        close,
        realised,
        names,
        horizons,
        levels,
        config.spec().stressHorizonHours());
  }

  /** Forecasts a model refused: counted, the first message kept, the run goes on. */
  private static final class ForecastErrors {
    int count;
    String first;
  }

  private static void record(
      AssetHistory history,
      AssetEvaluation eval,
      ForecastModel model,
      String name,
      Fold fold,
      List<Integer> horizons,
      double[] levels,
      ForecastErrors errors) {
    if (!model.symbols().contains(history.symbol())) {
      return;
    }
    BarSeries s = history.series();
    int from = s.indexAtOrAfter(fold.testStartMs());
    int to = s.indexAtOrAfter(fold.testEndMs());
    for (int row = from; row < to; row++) {
      eval.setFold(row - eval.firstRow(), fold.index());
    }
    List<AssetForecast> batch;
    try {
      batch = model.forecastRows(history, from, to);
    } catch (IllegalArgumentException e) {
      // one bad row must not lose the block: fall back to row by row, counting refusals
      batch = new ArrayList<>();
      for (int row = from; row < to; row++) {
        AssetForecast f = null;
        if (model.canForecast(history, row)) {
          try {
            f = model.forecast(history, row);
          } catch (IllegalArgumentException rowError) {
            if (errors.count++ == 0) {
              errors.first = history.symbol() + " row " + row + ": " + rowError.getMessage();
            }
          }
        }
        batch.add(f);
      }
    }
    for (int row = from; row < to; row++) {
      AssetForecast forecast = batch.get(row - from);
      if (forecast == null) {
        continue;
      }
      int i = row - eval.firstRow();
      for (int horizon : horizons) {
        HorizonForecast hf = forecast.horizon(horizon);
        Predictions p = eval.predictions(name, horizon);
        p.variance[i] = hf.variance();
        for (int k = 0; k < levels.length; k++) {
          p.quantiles[k][i] = hf.longAdverseMove().quantile(levels[k]);
        }
        if (p.stressProbability != null) {
          p.stressProbability[i] = forecast.stressProbability();
        }
      }
    }
  }
}

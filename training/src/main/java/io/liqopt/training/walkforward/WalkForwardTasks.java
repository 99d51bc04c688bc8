package io.liqopt.training.walkforward;

import io.liqopt.core.forecast.AssetForecast;
import io.liqopt.core.forecast.AssetHistory;
import io.liqopt.core.forecast.Fold;
import io.liqopt.core.forecast.ForecastModel;
import io.liqopt.core.forecast.Forecaster;
import io.liqopt.core.forecast.HorizonForecast;
import io.liqopt.core.forecast.TrainingSet;
import io.liqopt.core.market.BarSeries;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Runs one task of a {@link WalkForwardPlan}: for each fold, fits the task's forecasters on the
 * data before the fold's cut-off and forecasts every bar of its test block. A task starts from
 * forecasters that keep nothing ({@link Forecaster#close}), so that its fits are those of any other
 * process running it. Only ever forecasts bars after the training data and the embargo; scores
 * nothing. What it returns is plain data, so a task can run in another process and send it back.
 */
public final class WalkForwardTasks {

  /**
   * One fit's outcome: its record and its forecasts of the fold's test rows, per asset.
   *
   * @param forecaster index into the run's forecasters
   * @param asset the one asset it was fitted on ({@link WalkForwardPlan.Task#asset}), or {@link
   *     WalkForwardPlan.Task#ALL_ASSETS}
   * @param trained whether its training set held any asset
   */
  public record Fit(
      int forecaster,
      EvaluationData.FitRecord record,
      List<Block> blocks,
      int asset,
      boolean trained)
      implements Serializable {
    private static final long serialVersionUID = 2L;
  }

  /**
   * One model's forecasts of one asset over one test block, NaN where it made none.
   *
   * @param asset index into the run's histories
   * @param fromRow the series row of entry 0
   * @param variance [horizon index][row]
   * @param quantiles [horizon index][evaluation level][row]: the long adverse-move quantile
   * @param stress the stress probability per row
   */
  public record Block(
      int asset, int fromRow, double[][] variance, double[][][] quantiles, double[] stress)
      implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  private WalkForwardTasks() {}

  /**
   * Runs {@code task}, fitting on instances of {@code forecasters} (the run's list: the task uses
   * those it names), and tells {@code listener} after each fit ({@code done} counts this task's).
   */
  public static List<Fit> run(
      WalkForwardPlan.Task task,
      WalkForwardPlan plan,
      List<AssetHistory> histories,
      List<Forecaster> forecasters,
      WalkForwardRunner.Listener listener) {
    WalkForwardConfig config = plan.config();
    for (int m : task.forecasters()) {
      // a task starts from nothing, wherever it runs: no model kept from an earlier task is reused
      forecasters.get(m).close();
    }
    List<AssetHistory> over =
        task.asset() == WalkForwardPlan.Task.ALL_ASSETS
            ? histories
            : List.of(histories.get(task.asset()));
    List<Fit> out = new ArrayList<>();
    for (int foldIndex : task.folds()) {
      Fold fold = plan.folds().get(foldIndex);
      TrainingSet training =
          TrainingSet.before(over, fold.trainCutoffMs(), config.spec(), config.seed());
      for (int m : task.forecasters()) {
        Forecaster f = forecasters.get(m);
        out.add(fit(m, f, training, fold, histories, task.asset(), config));
        listener.step(
            out.size(),
            task.fits(),
            "fold " + (fold.index() + 1) + "/" + plan.folds().size() + " " + f.name());
      }
    }
    return out;
  }

  /** One fit, forecasting every asset of {@code histories} or only {@code asset}. */
  private static Fit fit(
      int m,
      Forecaster f,
      TrainingSet training,
      Fold fold,
      List<AssetHistory> histories,
      int asset,
      WalkForwardConfig config) {
    boolean any = !training.assets().isEmpty();
    long trainRows = training.assets().stream().mapToLong(a -> a.history().size()).sum();
    List<String> trained = training.assets().stream().map(TrainingSet.Asset::symbol).toList();
    long t0 = System.nanoTime();
    ForecastModel model;
    try {
      model = f.fit(training);
    } catch (IllegalArgumentException e) {
      return new Fit(
          m,
          new EvaluationData.FitRecord(
              fold.index(),
              f.name(),
              null,
              (System.nanoTime() - t0) / 1_000_000,
              trainRows,
              e.getMessage(),
              trained,
              0,
              null,
              Map.of()),
          List.of(),
          asset,
          any);
    }
    long fitMillis = (System.nanoTime() - t0) / 1_000_000;
    ForecastErrors errors = new ForecastErrors();
    List<Block> blocks = new ArrayList<>();
    for (int a = 0; a < histories.size(); a++) {
      if (asset != WalkForwardPlan.Task.ALL_ASSETS && a != asset) {
        continue;
      }
      Block b = forecast(histories.get(a), a, model, fold, config, errors);
      if (b != null) {
        blocks.add(b);
      }
    }
    List<String> notFitted = trained.stream().filter(s -> !model.symbols().contains(s)).toList();
    EvaluationData.FitRecord record =
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
            f.choices());
    return new Fit(m, record, blocks, asset, any);
  }

  /**
   * The one fit of a fold and forecaster from its fits asset by asset (in asset order): what a fit
   * on all assets at once records, since each asset's model depends on its data alone. An asset
   * whose fit failed is one the model did not fit; the record fails only when every asset with
   * training data failed, with their messages joined (the one text that differs from a fit over all
   * assets, which words that failure its own way). Times and training rows add up.
   */
  public static Fit merge(List<Fit> parts) {
    List<Fit> trained = parts.stream().filter(Fit::trained).toList();
    List<Fit> ok = trained.stream().filter(p -> p.record().error() == null).toList();
    Fit first = parts.get(0);
    EvaluationData.FitRecord r0 = first.record();
    long millis = parts.stream().mapToLong(p -> p.record().fitMillis()).sum();
    long rows = trained.stream().mapToLong(p -> p.record().trainRows()).sum();
    List<String> notFitted = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    int forecastErrors = 0;
    String firstForecastError = null;
    List<Block> blocks = new ArrayList<>();
    for (Fit p : trained) {
      EvaluationData.FitRecord r = p.record();
      notFitted.addAll(r.notFitted());
      if (r.error() != null) {
        failures.add(r.error());
      }
      forecastErrors += r.forecastErrors();
      firstForecastError = firstForecastError == null ? r.firstForecastError() : firstForecastError;
      blocks.addAll(p.blocks());
    }
    EvaluationData.FitRecord record =
        ok.isEmpty()
            ? new EvaluationData.FitRecord(
                r0.fold(),
                r0.model(),
                null,
                millis,
                rows,
                trained.isEmpty() ? r0.error() : String.join("; ", failures),
                notFitted,
                0,
                null,
                Map.of())
            : new EvaluationData.FitRecord(
                r0.fold(),
                r0.model(),
                ok.get(0).record().modelVersion(),
                millis,
                rows,
                null,
                notFitted,
                forecastErrors,
                firstForecastError,
                ok.get(0).record().choices());
    return new Fit(
        first.forecaster(), record, blocks, WalkForwardPlan.Task.ALL_ASSETS, !trained.isEmpty());
  }

  /** Forecasts a model refused: counted, the first message kept, the run goes on. */
  private static final class ForecastErrors {
    int count;
    String first;
  }

  /** The model's forecasts of the fold's test rows of one asset; null if it does not cover it. */
  private static Block forecast(
      AssetHistory history,
      int asset,
      ForecastModel model,
      Fold fold,
      WalkForwardConfig config,
      ForecastErrors errors) {
    if (!model.symbols().contains(history.symbol())) {
      return null;
    }
    BarSeries s = history.series();
    int from = s.indexAtOrAfter(fold.testStartMs());
    int to = s.indexAtOrAfter(fold.testEndMs());
    List<AssetForecast> batch = batch(history, model, from, to, errors);
    List<Integer> horizons = config.spec().horizonsHours();
    double[] levels = config.evaluationLevelsArray();
    int rows = to - from;
    double[][] variance = new double[horizons.size()][rows];
    double[][][] quantiles = new double[horizons.size()][levels.length][rows];
    double[] stress = new double[rows];
    for (int k = 0; k < horizons.size(); k++) {
      Arrays.fill(variance[k], Double.NaN);
      for (double[] q : quantiles[k]) {
        Arrays.fill(q, Double.NaN);
      }
    }
    Arrays.fill(stress, Double.NaN);
    for (int i = 0; i < rows; i++) {
      AssetForecast forecast = batch.get(i);
      if (forecast == null) {
        continue;
      }
      for (int k = 0; k < horizons.size(); k++) {
        HorizonForecast hf = forecast.horizon(horizons.get(k));
        variance[k][i] = hf.variance();
        for (int l = 0; l < levels.length; l++) {
          quantiles[k][l][i] = hf.longAdverseMove().quantile(levels[l]);
        }
      }
      stress[i] = forecast.stressProbability();
    }
    return new Block(asset, from, variance, quantiles, stress);
  }

  /** The rows' forecasts; when the batch is refused, row by row, counting the refusals. */
  private static List<AssetForecast> batch(
      AssetHistory history, ForecastModel model, int from, int to, ForecastErrors errors) {
    try {
      return model.forecastRows(history, from, to);
    } catch (IllegalArgumentException e) {
      // one bad row must not lose the block
      List<AssetForecast> batch = new ArrayList<>();
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
      return batch;
    }
  }
}

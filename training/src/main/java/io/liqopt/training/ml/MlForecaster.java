package io.liqopt.training.ml;

import io.liqopt.core.Checks;
import io.liqopt.core.forecast.ForecastModel;
import io.liqopt.core.forecast.ForecastSpec;
import io.liqopt.core.forecast.Forecaster;
import io.liqopt.core.forecast.TrainingSet;
import io.liqopt.core.forecast.baseline.TailedDistribution;
import io.liqopt.core.market.BarInterval;
import io.liqopt.core.market.BarSeries;
import io.liqopt.ml.ChosenQuantiles;
import io.liqopt.ml.HyperParameters;
import io.liqopt.ml.MlCalibration;
import io.liqopt.ml.MlForecastModel;
import io.liqopt.ml.gbm.GbmParams;
import io.liqopt.ml.nn.QuantileNet;
import io.liqopt.ml.nn.QuantileNetParams;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains the ML forecast model ({@link MlForecastModel}) on a {@link TrainingSet}, pooled across
 * assets. The training period is split in time into three blocks, each separated by an embargo of
 * the longest horizon (rows whose targets would reach into the next block are dropped):
 *
 * <ol>
 *   <li>fit: the models are trained here (subsampled to at most {@code maxTrainRows}, every k-th
 *       row, deterministic);
 *   <li>selection (the {@code selectionDays} before the calibration block): hyper-parameters of the
 *       trees are chosen, the network is early-stopped on it, and once the model is built the
 *       source of each horizon's quantiles ({@link QuantileSourceSelection}: the model's own, the
 *       path engine's or, at the quantile horizon, the network's with conformal offsets per
 *       volatility bucket; the network's early stopping here biases it in the model's favour);
 *   <li>calibration (the last {@code calibrationDays}): the stress probability calibration, the
 *       conformal offsets of the quantile network (pooled, and the per-bucket ones of the conformal
 *       candidate) and the log-normal correction are fitted on it.
 * </ol>
 *
 * No test data is used: the walk-forward hands this class only the data before its cut-off. Models
 * are not refitted on the held-out blocks, since the calibrations were fitted to the models as
 * trained.
 */
public final class MlForecaster implements Forecaster {
  /** The smallest fit, selection and calibration blocks accepted, in rows. */
  static final int MIN_ROWS = 500;

  /** Fewer stress events than this in the calibration block and the probabilities stay raw. */
  static final int MIN_CALIBRATION_EVENTS = 20;

  private static final long DAY_MS = 24 * 3_600_000L;

  /**
   * Training options.
   *
   * @param selectionDays length of the selection block
   * @param calibrationDays length of the calibration block
   * @param maxTrainRows the fit block is subsampled to at most this many rows
   * @param grid tree hyper-parameter candidates
   * @param net network hyper-parameters
   * @param quantileHorizonHours the horizon of the quantile network (the liquidation horizon)
   * @param refitDays in a walk-forward, a model is reused (not refitted) for training sets that end
   *     less than this many days after the one it was fitted on; it stays out of sample, only
   *     older. 0: refit on every call
   */
  public record Options(
      int selectionDays,
      int calibrationDays,
      int maxTrainRows,
      List<GbmParams> grid,
      QuantileNetParams net,
      int quantileHorizonHours,
      int refitDays) {
    public Options {
      if (refitDays < 0) {
        throw new IllegalArgumentException("refitDays must be >= 0, was " + refitDays);
      }
      Checks.positive(selectionDays, "selectionDays");
      Checks.positive(calibrationDays, "calibrationDays");
      Checks.positive(maxTrainRows, "maxTrainRows");
      grid = List.copyOf(grid);
      if (grid.isEmpty()) {
        throw new IllegalArgumentException("the tree grid needs at least one candidate");
      }
      Checks.positive(quantileHorizonHours, "quantileHorizonHours");
    }

    /** These options as the bundle manifest records them. */
    public HyperParameters.Options recorded() {
      return new HyperParameters.Options(
          selectionDays, calibrationDays, maxTrainRows, grid, net, quantileHorizonHours, refitDays);
    }

    /** 30 + 60 days held out, 60 000 fit rows, the default grid and network, 24 h quantiles. */
    public static Options defaults() {
      return new Options(30, 60, 60_000, GbmParams.grid(), QuantileNetParams.defaults(), 24, 0);
    }

    /** As {@link #defaults}, refitted every 90 days: 5 years of folds in minutes, not an hour. */
    public static Options walkForward() {
      return defaults().withRefitDays(90);
    }

    /** These options with {@code maxTrainRows} fit rows per model. */
    public Options withMaxTrainRows(int maxTrainRows) {
      return new Options(
          selectionDays, calibrationDays, maxTrainRows, grid, net, quantileHorizonHours, refitDays);
    }

    /** These options refitted every {@code refitDays} days of a walk-forward (0: never). */
    public Options withRefitDays(int refitDays) {
      return new Options(
          selectionDays, calibrationDays, maxTrainRows, grid, net, quantileHorizonHours, refitDays);
    }
  }

  /** What the last fit chose (for the bundle manifest). */
  public record FitInfo(
      int fitRows, int selectionRows, int calibrationRows, HyperParameters.Selections selections) {}

  private final Options options;
  private volatile java.util.function.Consumer<String> progress = line -> {};
  private volatile FitInfo lastFit;

  /** The model reused while {@code refitDays} have not passed, and the end of its training data. */
  private MlForecastModel cached;

  private long cachedEndMs;

  public MlForecaster(Options options) {
    this.options = options;
  }

  @Override
  public String name() {
    return "ml";
  }

  /** What the most recent {@link #fit} chose, or null before the first. */
  public FitInfo lastFit() {
    return lastFit;
  }

  /** {@link HyperParameters.Selections#choices()} of the model the last fit returned. */
  @Override
  public Map<String, String> choices() {
    FitInfo f = lastFit;
    return f == null ? Map.of() : f.selections().choices();
  }

  /**
   * Fits, or reuses the previous model when {@link Options#refitDays} have not passed since the end
   * of its training data (it then never saw the newer data, so it stays out of sample). The
   * previous model is closed when it is replaced. The model answers with the quantile source it
   * chose per horizon ({@link ChosenQuantiles}), the path engine's paths drawn from the residuals
   * of {@code data}'s bars (all before its cut-off).
   */
  @Override
  public ForecastModel fit(TrainingSet data) {
    MlForecastModel model = fitOwn(data);
    List<BarSeries> series = new ArrayList<>();
    for (TrainingSet.Asset a : data.assets()) {
      series.add(a.history().series());
    }
    return ChosenQuantiles.apply(model, series, data.seed());
  }

  /** Consecutive fits that reuse the first one's model ({@link Options#refitDays}). */
  @Override
  public List<List<Integer>> fitGroups(long[] trainingEndsMs) {
    List<List<Integer>> groups = new ArrayList<>();
    List<Integer> group = null;
    long fittedEnd = Long.MIN_VALUE;
    for (int i = 0; i < trainingEndsMs.length; i++) {
      if (group == null || !reuses(fittedEnd, trainingEndsMs[i])) {
        group = new ArrayList<>();
        groups.add(group);
        fittedEnd = trainingEndsMs[i];
      }
      group.add(i);
    }
    return groups.stream().map(List::copyOf).toList();
  }

  /** Whether a model fitted on data ending at {@code fittedEndMs} serves data ending later. */
  private boolean reuses(long fittedEndMs, long endMs) {
    return options.refitDays() > 0
        && endMs >= fittedEndMs
        && endMs - fittedEndMs < options.refitDays() * DAY_MS;
  }

  /**
   * This forecaster with the model's own quantiles at every horizon, whatever it chose (for {@code
   * ml+paths}, which replaces them all by the path engine's); it shares this one's cached model.
   */
  public Forecaster ownQuantiles() {
    return new Forecaster() {
      @Override
      public String name() {
        return MlForecaster.this.name();
      }

      @Override
      public ForecastModel fit(TrainingSet data) {
        return fitOwn(data);
      }

      @Override
      public List<List<Integer>> fitGroups(long[] trainingEndsMs) {
        return MlForecaster.this.fitGroups(trainingEndsMs);
      }

      @Override
      public Map<String, String> choices() {
        return MlForecaster.this.choices();
      }

      @Override
      public void close() {
        MlForecaster.this.close();
      }
    };
  }

  /** Closes the model kept for reuse (its network's native memory). */
  @Override
  public synchronized void close() {
    if (cached != null) {
      cached.close();
      cached = null;
    }
  }

  /** {@link #fit} before the chosen quantile sources are applied. */
  private synchronized MlForecastModel fitOwn(TrainingSet data) {
    for (TrainingSet.Asset a : data.assets()) {
      if (a.history().series().interval() != BarInterval.H1) {
        throw new IllegalArgumentException(
            "the ML recipe is fitted on hourly bars; "
                + a.symbol()
                + " has "
                + a.history().series().interval()
                + " bars (the baselines take shorter bars)");
      }
    }
    long end = data.endMs();
    if (cached != null && reuses(cachedEndMs, end)) {
      return cached;
    }
    MlForecastModel fresh = train(data);
    if (cached != null) {
      cached.close();
    }
    cached = fresh;
    cachedEndMs = end;
    return fresh;
  }

  /**
   * Tells {@code listener} each finished stage of a fit (the tree selections, the stress
   * classifier) and each epoch of the quantile network: progress for long trainings.
   */
  public MlForecaster withProgress(java.util.function.Consumer<String> listener) {
    this.progress = java.util.Objects.requireNonNull(listener, "listener");
    return this;
  }

  /** {@link #fit} with the concrete type. */
  public MlForecastModel train(TrainingSet data) {
    ForecastSpec spec = data.spec();
    List<Integer> horizons = spec.horizonsHours();
    if (!horizons.contains(options.quantileHorizonHours())) {
      throw new IllegalArgumentException(
          "the quantile horizon "
              + options.quantileHorizonHours()
              + " h is not among the forecast horizons "
              + horizons);
    }
    List<String> assets = data.assets().stream().map(TrainingSet.Asset::symbol).toList();
    List<String> names = MlForecastModel.featureNames(assets);
    TrainingBlocks b = TrainingBlocks.of(data, assets, options, MIN_ROWS);
    double[][] xFit = b.x(b.fitRows);
    double[][] xSel = b.x(b.sel);
    double[][] xCal = b.x(b.cal);
    long seed = data.seed();
    Map<String, Double> seconds = new LinkedHashMap<>();
    long stage = System.nanoTime();
    VarianceTraining variance = new VarianceTraining();
    double[][] xHeld = b.x(b.heldOut());
    for (int k = 0; k < horizons.size(); k++) {
      int h = horizons.get(k);
      variance.fitTrees(b, k, h, xFit, xSel, names, options.grid(), seed);
      stage = lap(seconds, "variance_" + h + "h", stage);
      tell(
          "variance %d h: %d tree candidates, %.1f s",
          h, options.grid().size(), seconds.get("variance_" + h + "h"));
      variance.fitMoves(b, k, h, xCal, xHeld);
    }
    variance.fitCombination(data, b, horizons, MIN_ROWS);
    stage = lap(seconds, "garch", stage);
    tell(
        "GARCH on %d assets and the variance combination: %.1f s",
        variance.garch.size(), seconds.get("garch"));
    StressTraining stress = new StressTraining(b, spec);
    stress.selectClassifier(xFit, xSel, xCal, assets, names, variance, options.grid(), seed);
    stage = lap(seconds, "stress", stage);
    tell("stress classifier: %.1f s", seconds.get("stress"));
    stress.calibrate(data, variance, MIN_CALIBRATION_EVENTS);
    progress.accept("stress source: " + stress.sourceChoice + " " + stress.sourceLosses);
    QuantileNet conformal =
        QuantileNetTraining.train(
            b, spec, xFit, xSel, xCal, names, variance, options, seed, progress);
    stage = lap(seconds, "quantileNet", stage);
    String version = "ml-" + java.time.Instant.ofEpochMilli(b.endMs).toString();
    MlCalibration c = calibration(spec, assets, variance, stress);
    // scored with the model's own quantiles, then rebuilt with the choice (sharing the predictors)
    MlForecastModel own =
        new MlForecastModel(version, c, variance.trees, stress.classifier, conformal);
    QuantileSourceSelection.Result sources =
        QuantileSourceSelection.select(own, conformal, data, b, horizons, seed);
    lap(seconds, "quantileSources", stage);
    progress.accept("quantile sources: " + sources.choices());
    lastFit =
        new FitInfo(
            b.fitRows.size(),
            b.sel.size(),
            b.cal.size(),
            selections(variance, stress, conformal, sources, seconds));
    return own.withCalibration(c.withQuantileSources(sources.sources(), sources.conformal()));
  }

  /** What the model stores beside its models. */
  private MlCalibration calibration(
      ForecastSpec spec, List<String> assets, VarianceTraining variance, StressTraining stress) {
    List<Integer> horizons = spec.horizonsHours();
    return new MlCalibration(
        assets,
        horizons,
        spec.levels(),
        spec.stressLevel(),
        spec.stressHorizonHours(),
        options.quantileHorizonHours(),
        variance.logResidualVariance,
        variance.longZ,
        variance.shortZ,
        stress.calibration,
        variance.bases,
        stress.stacking,
        variance.garch,
        variance.combination,
        TailedDistribution.DEFAULT_THRESHOLD_LEVEL,
        stress.source,
        null,
        null);
  }

  /** What the selections chose, for the manifest. */
  private static HyperParameters.Selections selections(
      VarianceTraining variance,
      StressTraining stress,
      QuantileNet conformal,
      QuantileSourceSelection.Result sources,
      Map<String, Double> seconds) {
    return new HyperParameters.Selections(
        List.copyOf(variance.garch.keySet()),
        new HyperParameters.QuantileNetChoice(
            conformal.trainingLog().bestEpoch(), MlCalibration.boxed(conformal.conformalOffsets())),
        sources.choices(),
        seconds,
        stress.candidates,
        stress.calibrationChoice,
        stress.stacking,
        stress.stackingLosses,
        stress.sourceChoice,
        stress.sourceLosses,
        variance.candidates,
        variance.combination);
  }

  private void tell(String format, Object... args) {
    progress.accept(String.format(java.util.Locale.ROOT, format, args));
  }

  private static long lap(Map<String, Double> seconds, String what, long since) {
    seconds.put(what, (System.nanoTime() - since) / 1e9);
    return System.nanoTime();
  }
}

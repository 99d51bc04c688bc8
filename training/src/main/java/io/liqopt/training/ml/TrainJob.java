package io.liqopt.training.ml;

import io.liqopt.core.feature.FeatureCalculator;
import io.liqopt.core.forecast.AssetHistory;
import io.liqopt.core.forecast.ForecastSpec;
import io.liqopt.core.forecast.TrainingSet;
import io.liqopt.core.market.BarSeries;
import io.liqopt.ml.BundleManifest;
import io.liqopt.ml.BundleMetrics;
import io.liqopt.ml.BundleStore;
import io.liqopt.ml.DataFingerprint;
import io.liqopt.ml.HyperParameters;
import io.liqopt.ml.MlForecastModel;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code liqopt train} as a library call: trains the ML model on all bars before the as-of time and
 * writes a bundle (models, calibration, manifest with checksums) into the models folder.
 */
public final class TrainJob {
  private static final DateTimeFormatter ID =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  /** What the job wrote. */
  public record Result(
      Path bundle, BundleManifest manifest, MlForecaster.FitInfo fit, double trainSeconds) {}

  private TrainJob() {}

  /**
   * Trains on the bars of {@code market} opening before {@code asOfExclusiveMs} (features with
   * {@code factor} as the market factor) and writes the bundle.
   *
   * @param metrics walk-forward metrics to record in the manifest (empty when not evaluated)
   */
  public static Result run(
      List<BarSeries> market,
      BarSeries factor,
      long asOfExclusiveMs,
      ForecastSpec spec,
      MlForecaster.Options options,
      long seed,
      Path modelsDir,
      BundleMetrics metrics,
      Instant now)
      throws IOException {
    return run(
        market, factor, asOfExclusiveMs, spec, options, seed, modelsDir, metrics, now, line -> {});
  }

  /** As above, telling {@code progress} each stage and epoch of the training. */
  public static Result run(
      List<BarSeries> market,
      BarSeries factor,
      long asOfExclusiveMs,
      ForecastSpec spec,
      MlForecaster.Options options,
      long seed,
      Path modelsDir,
      BundleMetrics metrics,
      Instant now,
      java.util.function.Consumer<String> progress)
      throws IOException {
    return run(
        market,
        factor,
        asOfExclusiveMs,
        spec,
        options,
        seed,
        modelsDir,
        metrics,
        now,
        progress,
        null);
  }

  /**
   * As above, recording in the manifest the recipe the spec, options and seed were taken from
   * (null: none, a library call).
   */
  public static Result run(
      List<BarSeries> market,
      BarSeries factor,
      long asOfExclusiveMs,
      ForecastSpec spec,
      MlForecaster.Options options,
      long seed,
      Path modelsDir,
      BundleMetrics metrics,
      Instant now,
      java.util.function.Consumer<String> progress,
      io.liqopt.ml.RecipeProvenance recipe)
      throws IOException {
    long t0 = System.nanoTime();
    List<AssetHistory> histories = new ArrayList<>();
    List<BarSeries> used = new ArrayList<>();
    long from = Long.MAX_VALUE;
    long to = Long.MIN_VALUE;
    long bars = 0;
    for (BarSeries s : market) {
      BarSeries past = s.slice(Long.MIN_VALUE, asOfExclusiveMs);
      if (past.isEmpty()) {
        continue;
      }
      used.add(past);
      histories.add(AssetHistory.of(past, factor.slice(Long.MIN_VALUE, asOfExclusiveMs)));
      from = Math.min(from, past.firstOpenTimeMs());
      to = Math.max(to, past.lastOpenTimeMs());
      bars += past.size();
    }
    if (histories.isEmpty()) {
      throw new IllegalArgumentException(
          "no bars before the as-of time " + Instant.ofEpochMilli(asOfExclusiveMs));
    }
    MlForecaster forecaster = new MlForecaster(options).withProgress(progress);
    String hash = DataFingerprint.of(used);
    try (MlForecastModel model =
        forecaster.train(TrainingSet.before(histories, asOfExclusiveMs, spec, seed))) {
      double seconds = (System.nanoTime() - t0) / 1e9;
      String id = ID.format(now) + "-" + hash.substring(0, 8);
      BundleManifest.TrainingData data =
          new BundleManifest.TrainingData(
              used.stream().map(BarSeries::symbol).toList(), factor.symbol(), from, to, bars, hash);
      HyperParameters hyper =
          new HyperParameters(
              options.recorded(),
              new HyperParameters.Rows(
                  forecaster.lastFit().calibrationRows(),
                  forecaster.lastFit().fitRows(),
                  forecaster.lastFit().selectionRows()),
              forecaster.lastFit().selections(),
              seconds);
      BundleManifest[] written = new BundleManifest[1];
      Path dir =
          new BundleStore(modelsDir)
              .write(
                  id,
                  model::save,
                  sums ->
                      written[0] =
                          new BundleManifest(
                              id,
                              now.toString(),
                              BundleManifest.FORMAT,
                              io.liqopt.ml.LibraryVersions.current(),
                              data,
                              FeatureCalculator.SCHEMA.version(),
                              model.featureNames(),
                              FeatureCalculator.SCHEMA.fingerprint(),
                              spec.horizonsHours(),
                              spec.levels(),
                              spec.stressLevel(),
                              spec.stressHorizonHours(),
                              seed,
                              hyper,
                              metrics,
                              sums,
                              recipe,
                              spec.quantileTrackingGamma()));
      return new Result(dir, written[0], forecaster.lastFit(), seconds);
    }
  }
}

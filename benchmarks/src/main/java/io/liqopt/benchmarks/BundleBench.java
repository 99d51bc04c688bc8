package io.liqopt.benchmarks;

import io.liqopt.core.feature.FeatureCalculator;
import io.liqopt.core.forecast.AssetForecast;
import io.liqopt.core.forecast.AssetHistory;
import io.liqopt.core.forecast.ForecastModel;
import io.liqopt.core.forecast.ForecastSpec;
import io.liqopt.core.forecast.TrainingSet;
import io.liqopt.core.forecast.baseline.EwmaForecaster;
import io.liqopt.core.market.BarSeries;
import io.liqopt.ml.BundleManifest;
import io.liqopt.ml.BundleStore;
import io.liqopt.ml.MlForecastModel;
import io.liqopt.store.synthetic.SyntheticMarketConfig;
import io.liqopt.store.synthetic.SyntheticMarketGenerator;
import io.liqopt.training.ml.MlForecaster;
import io.liqopt.training.ml.TrainJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Serving-side cost of the ML bundle: one asset's forecast (three models on the features of the
 * latest bar) and 100 forecasts in a row, against the EWMA baseline's forecast measured in the same
 * run; and loading a verified bundle. The bundle is trained in the set-up on a synthetic market (4
 * assets × 2 years) with the default options.
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class BundleBench {
  Path models;
  String bundleId;
  BundleManifest manifest;
  MlForecastModel ml;
  ForecastModel ewma;
  List<AssetHistory> histories;

  @Setup(Level.Trial)
  public void train() throws IOException {
    List<BarSeries> market =
        SyntheticMarketGenerator.DEFAULT.generate(SyntheticMarketConfig.defaults(4, 2, 11));
    histories = new ArrayList<>();
    for (BarSeries s : market) {
      histories.add(AssetHistory.of(s, market.get(0)));
    }
    models = Files.createTempDirectory("liqopt-bundle-bench");
    ForecastSpec spec = ForecastSpec.defaults();
    TrainJob.Result r =
        TrainJob.run(
            market,
            market.get(0),
            Long.MAX_VALUE,
            spec,
            MlForecaster.Options.defaults(),
            42,
            models,
            io.liqopt.ml.BundleMetrics.NONE,
            Instant.now());
    bundleId = r.manifest().bundleId();
    manifest = new BundleStore(models).verify(bundleId, FeatureCalculator.SCHEMA);
    ml = MlForecastModel.load(models.resolve(bundleId), manifest);
    ewma = new EwmaForecaster().fit(TrainingSet.before(histories, Long.MAX_VALUE, spec, 42));
  }

  @TearDown(Level.Trial)
  public void close() {
    ml.close();
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public AssetForecast mlOneAsset() {
    AssetHistory h = histories.get(1);
    return ml.forecast(h, h.size() - 1);
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public AssetForecast baselineEwmaOneAsset() {
    AssetHistory h = histories.get(1);
    return ewma.forecast(h, h.size() - 1);
  }

  /** 100 forecasts: the last 25 bars of each of the 4 assets, as a batch request would. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public int mlHundredForecasts() {
    int n = 0;
    for (AssetHistory h : histories) {
      n += ml.forecastRows(h, h.size() - 25, h.size()).size();
    }
    return n;
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Warmup(iterations = 2)
  @Measurement(iterations = 5)
  public int verifyAndLoadBundle() {
    BundleManifest m = new BundleStore(models).verify(bundleId, FeatureCalculator.SCHEMA);
    try (MlForecastModel loaded = MlForecastModel.load(models.resolve(bundleId), m)) {
      return loaded.featureNames().size();
    }
  }
}

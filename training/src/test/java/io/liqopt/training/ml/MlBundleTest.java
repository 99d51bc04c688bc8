package io.liqopt.training.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liqopt.core.feature.FeatureCalculator;
import io.liqopt.core.forecast.AssetForecast;
import io.liqopt.core.forecast.AssetHistory;
import io.liqopt.core.forecast.ForecastSpec;
import io.liqopt.core.forecast.HorizonForecast;
import io.liqopt.core.forecast.TrainingSet;
import io.liqopt.core.forecast.baseline.VarianceCombination;
import io.liqopt.core.market.BarSeries;
import io.liqopt.ml.BundleException;
import io.liqopt.ml.BundleManifest;
import io.liqopt.ml.BundleStore;
import io.liqopt.ml.MlForecastModel;
import io.liqopt.ml.gbm.GbmParams;
import io.liqopt.ml.nn.QuantileNetParams;
import io.liqopt.store.synthetic.SyntheticMarketConfig;
import io.liqopt.store.synthetic.SyntheticMarketGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trains a small ML model on a synthetic market, writes it as a bundle and loads it back. */
class MlBundleTest {
  /** Small and fast: one tree candidate, a tiny network, few rows. */
  static final MlForecaster.Options TINY =
      new MlForecaster.Options(
          30,
          60,
          4_000,
          List.of(new GbmParams(30, 3, 0.1, 0.8, 10)),
          new QuantileNetParams(new int[] {16}, 3, 256, 1e-3, 2),
          24,
          0);

  private static final long SEED = 7;

  static List<BarSeries> market;
  static List<AssetHistory> histories;
  static ForecastSpec spec = ForecastSpec.defaults();

  @TempDir static Path models;

  @BeforeAll
  static void data() {
    market = SyntheticMarketGenerator.DEFAULT.generate(SyntheticMarketConfig.defaults(2, 0.8, 3));
    histories = new ArrayList<>();
    for (BarSeries s : market) {
      histories.add(AssetHistory.of(s, market.get(0)));
    }
  }

  private static long end() {
    return market.get(0).lastOpenTimeMs() + 1;
  }

  @Test
  void train_writeVerifyLoad_forecastsEqualTheTrainedModel() throws IOException {
    TrainJob.Result r =
        TrainJob.run(
            market,
            market.get(0),
            end(),
            spec,
            TINY,
            SEED,
            models,
            io.liqopt.ml.BundleMetrics.NONE,
            Instant.parse("2026-11-26T10:00:00Z"));
    BundleStore store = new BundleStore(models);
    String id = r.manifest().bundleId();
    assertEquals(id, store.latestId().orElseThrow());
    BundleManifest m = store.verify(id, FeatureCalculator.SCHEMA);
    assertEquals(r.manifest().data().contentSha256(), m.data().contentSha256());
    assertTrue(
        m.files().keySet().stream().anyMatch(f -> f.startsWith("quantile-net/")),
        m.files().toString());

    // the same data and seed train the same model: the loaded bundle forecasts what it forecasts
    try (MlForecastModel trained =
            new MlForecaster(TINY).train(TrainingSet.before(histories, end(), spec, SEED));
        MlForecastModel loaded = MlForecastModel.load(models.resolve(id), m)) {
      AssetHistory h = histories.get(1);
      for (int row = h.size() - 50; row < h.size(); row++) {
        assertEquals(
            trained.forecast(h, row),
            withVersion(loaded.forecast(h, row), trained.modelVersion()),
            "row " + row);
      }
    }
  }

  @Test
  void forecasts_areValidCausalAndBatchEqualsSingle() {
    try (MlForecastModel model =
        new MlForecaster(TINY).train(TrainingSet.before(histories, end(), spec, SEED))) {
      AssetHistory full = histories.get(1);
      assertFalse(model.canForecast(full, 10), "features are undefined in the warm-up");
      int from = full.size() - 200;
      List<AssetForecast> batch = model.forecastRows(full, from, full.size());
      for (int row = from; row < full.size(); row += 37) {
        AssetForecast f = model.forecast(full, row);
        assertEquals(f, batch.get(row - from));
        assertTrue(f.stressProbability() >= 0 && f.stressProbability() <= 1);
        for (HorizonForecast hf : f.horizons()) {
          assertTrue(hf.variance() > 0 && hf.longAdverseMove().quantile(0.99) < 1);
          assertTrue(hf.longAdverseMove().quantile(0.99) >= hf.longAdverseMove().quantile(0.5));
        }
        // no look-ahead: the same forecast from the history cut after this row
        long cut = full.series().openTimeMs(row) + 1;
        AssetHistory truncated =
            AssetHistory.of(
                full.series().slice(Long.MIN_VALUE, cut), market.get(0).slice(Long.MIN_VALUE, cut));
        assertEquals(f, model.forecast(truncated, row), "row " + row);
      }
    }
  }

  @Test
  void variance_combinesTreesAndGarchForTrainedAssets_treesAloneForAnUnseenOne() {
    try (MlForecastModel model =
        new MlForecaster(TINY)
            .train(TrainingSet.before(histories.subList(0, 1), end(), spec, SEED))) {
      io.liqopt.ml.MlCalibration c = model.calibration();
      assertEquals(java.util.Set.copyOf(spec.horizonsHours()), c.linearBase().keySet());
      assertEquals(java.util.Set.of(market.get(0).symbol()), c.garch().keySet());
      assertNotNull(c.stressStacking());
      for (int h : spec.horizonsHours()) {
        VarianceCombination vc = c.combination().get(h);
        assertNotNull(vc, h + " h");
        assertTrue(vc.qlike() <= vc.qlikeTreesOnly() + 1e-12, vc.toString());
      }
      // histories.get(1) is not a training asset: its variance is the trees' alone
      AssetHistory unseen = histories.get(1);
      AssetHistory seen = histories.get(0);
      int row = unseen.size() - 30;
      for (AssetHistory hist : List.of(unseen, seen)) {
        double[][] x = {MlForecastModel.inputRow(hist.features(), row, c.assets())};
        AssetForecast f = model.forecast(hist, row);
        for (HorizonForecast hf : f.horizons()) {
          int h = hf.horizonHours();
          double trees =
              Math.exp(model.logVariance(h, x)[0] + 0.5 * c.logResidualVariance().get(h));
          double expected =
              hist == unseen
                  ? trees
                  : c.combination()
                      .get(h)
                      .apply(trees, c.garch().get(hist.symbol()).variance(hist, row, h));
          assertEquals(expected, hf.variance(), 1e-15 * expected, hist.symbol() + " " + h + " h");
        }
      }
    }
  }

  @Test
  void load_tamperedBundle_refusedBeforeAnyModelIsUsed() throws IOException {
    Path root = models.resolve("tamper");
    TrainJob.Result r =
        TrainJob.run(
            market,
            market.get(0),
            end(),
            spec,
            TINY,
            SEED,
            root,
            io.liqopt.ml.BundleMetrics.NONE,
            Instant.parse("2026-11-26T11:00:00Z"));
    BundleStore store = new BundleStore(root);
    String id = r.manifest().bundleId();
    Path stress = root.resolve(id).resolve("stress.tribuo");
    byte[] bytes = Files.readAllBytes(stress);
    Files.write(stress, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    var e = assertThrows(BundleException.class, () -> store.verify(id, FeatureCalculator.SCHEMA));
    assertTrue(e.getMessage().contains("stress.tribuo"), e.getMessage());
  }

  @Test
  void train_tooLittleData_refusedWithTheBlocks() {
    List<AssetHistory> shortHistories = new ArrayList<>();
    for (BarSeries s : market) {
      shortHistories.add(
          AssetHistory.of(
              s.slice(Long.MIN_VALUE, s.firstOpenTimeMs() + 80 * 86_400_000L), market.get(0)));
    }
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new MlForecaster(TINY)
                    .train(TrainingSet.before(shortHistories, end(), spec, SEED)));
    assertTrue(e.getMessage().contains("fit, selection and calibration"), e.getMessage());
  }

  private static AssetForecast withVersion(AssetForecast f, String version) {
    return new AssetForecast(
        f.symbol(),
        f.asOfEpochMs(),
        version,
        f.horizons(),
        f.stressLevel(),
        f.stressHorizonHours(),
        f.stressProbability());
  }
}

package io.liqopt.training.walkforward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liqopt.core.forecast.AssetForecast;
import io.liqopt.core.forecast.AssetHistory;
import io.liqopt.core.forecast.ForecastModel;
import io.liqopt.core.forecast.ForecastSpec;
import io.liqopt.core.forecast.Forecaster;
import io.liqopt.core.forecast.HorizonForecast;
import io.liqopt.core.forecast.TrainingSet;
import io.liqopt.core.forecast.baseline.CalibratedVarianceForecaster;
import io.liqopt.core.forecast.baseline.CalibratedVarianceForecaster.Kind;
import io.liqopt.core.forecast.baseline.CalibrationLayout;
import io.liqopt.core.forecast.baseline.VarianceCombination;
import io.liqopt.core.simulation.PathQuantileForecaster;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The calibrated baselines fitted and forecasting on a seeded synthetic market (store's). */
class CalibratedBaselinesTest {
  private static final long DAY_MS = 86_400_000L;
  private static List<AssetHistory> histories;
  private static TrainingSet training;
  private static long cutoffMs;

  @BeforeAll
  static void market() {
    histories = SyntheticHistories.of(2, 1.0, 11);
    cutoffMs = histories.get(0).series().firstOpenTimeMs() + 300 * DAY_MS;
    training = TrainingSet.before(histories, cutoffMs, ForecastSpec.defaults(), 1);
  }

  @Test
  void harGarch_syntheticMarket_fitsEveryHorizonAndForecasts() {
    CalibratedVarianceForecaster f = new CalibratedVarianceForecaster(Kind.HAR_GARCH);
    ForecastModel model = f.fit(training);
    assertEquals("har-garch", f.name());
    assertEquals("har-garch", model.modelVersion());
    assertEquals(training.assets().size(), model.symbols().size());
    Map<Integer, VarianceCombination> chosen = f.lastCombination();
    assertEquals(ForecastSpec.defaults().horizonsHours().size(), chosen.size());
    for (VarianceCombination c : chosen.values()) {
      // about 60 days of hourly rows of two assets
      assertTrue(c.rows() > 2 * 50 * 24, c.toString());
      assertTrue(c.qlike() <= c.qlikeTreesOnly(), c.toString());
    }
    AssetHistory full = histories.get(1);
    int row = full.series().indexAtOrAfter(cutoffMs + 2 * DAY_MS);
    AssetForecast a = model.forecast(full, row);
    for (HorizonForecast h : a.horizons()) {
      assertTrue(h.variance() > 0 && Double.isFinite(h.variance()), h.toString());
    }
    assertTrue(a.stressProbability() >= 0 && a.stressProbability() <= 1);
  }

  @Test
  void calibratedAlone_fixedWeights() {
    CalibratedVarianceForecaster har = new CalibratedVarianceForecaster(Kind.HAR_CAL);
    CalibratedVarianceForecaster garch = new CalibratedVarianceForecaster(Kind.GARCH_CAL);
    assertEquals("har-rv-cal", har.fit(training).modelVersion());
    assertEquals("garch-t-cal", garch.fit(training).modelVersion());
    har.lastCombination().values().forEach(c -> assertEquals(0, c.garchWeight(), 0));
    garch.lastCombination().values().forEach(c -> assertEquals(1, c.garchWeight(), 0));
  }

  @Test
  void harCal_refitted_isTheLevelTimesHarFittedOnAllTheData() {
    CalibratedVarianceForecaster cal = new CalibratedVarianceForecaster(Kind.HAR_CAL);
    ForecastModel calibrated = cal.fit(training);
    ForecastModel har = new io.liqopt.core.forecast.baseline.HarForecaster().fit(training);
    AssetHistory full = histories.get(0);
    int row = full.series().indexAtOrAfter(cutoffMs + 2 * DAY_MS);
    AssetForecast a = calibrated.forecast(full, row);
    AssetForecast b = har.forecast(full, row);
    for (int k = 0; k < a.horizons().size(); k++) {
      int h = a.horizons().get(k).horizonHours();
      double c = cal.lastCombination().get(h).logScale();
      assertEquals(
          b.horizons().get(k).variance() * Math.exp(c),
          a.horizons().get(k).variance(),
          1e-12 * a.horizons().get(k).variance());
    }
    CalibratedVarianceForecaster stale =
        new CalibratedVarianceForecaster(Kind.HAR_CAL, CalibrationLayout.ML_DEFAULTS, false);
    AssetForecast s = stale.fit(training).forecast(full, row);
    assertTrue(
        s.horizons().get(0).variance() != a.horizons().get(0).variance(),
        "without the refit the bases fitted before the blocks give another forecast");
  }

  @Test
  void layout_calibrationBlockTooShort_clearError() {
    CalibratedVarianceForecaster f =
        new CalibratedVarianceForecaster(
            Kind.HAR_GARCH, new CalibrationLayout(5, 30, OptionalInt.of(24)), true);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> f.fit(training));
    assertTrue(e.getMessage().startsWith("har-garch: the calibration block has"), e.getMessage());
  }

  @Test
  void named_baselinesHoldTheCalibratedOnes_hsFirst_pathsToo() {
    List<String> names =
        Forecasters.named(List.of("baselines"), 365).stream().map(Forecaster::name).toList();
    assertEquals(List.of("hs", "ewma", "garch", "har", "har-cal", "garch-cal", "har-garch"), names);
    Forecaster paths = Forecasters.named(List.of("har-garch+paths"), 365).get(0);
    assertTrue(paths instanceof PathQuantileForecaster);
  }
}

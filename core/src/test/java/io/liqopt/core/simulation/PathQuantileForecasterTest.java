package io.liqopt.core.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liqopt.core.forecast.AssetForecast;
import io.liqopt.core.forecast.AssetHistory;
import io.liqopt.core.forecast.ForecastModel;
import io.liqopt.core.forecast.ForecastSpec;
import io.liqopt.core.forecast.HorizonForecast;
import io.liqopt.core.forecast.TrainingSet;
import io.liqopt.core.forecast.baseline.EwmaForecaster;
import io.liqopt.core.market.BarSeries;
import io.liqopt.core.stats.Quantiles;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Quantiles from paths: the formula, the base's variance kept, the source named. */
class PathQuantileForecasterTest {

  @Test
  void forecast_quantilesFromStandardisedPaths_varianceFromTheBase() {
    BarSeries s = SimulationTest.randomWalk("AUSDT", 6000, 0.01, 31);
    AssetHistory h = AssetHistory.of(s, s);
    TrainingSet train =
        TrainingSet.before(List.of(h), s.openTimeMs(5000), ForecastSpec.defaults(), 9);
    ForecastModel base = new EwmaForecaster().fit(train);
    ForecastModel paths = new PathQuantileForecaster(new EwmaForecaster(), 20_000, 24).fit(train);
    int row = 5500;
    AssetForecast b = base.forecast(h, row);
    AssetForecast p = paths.forecast(h, row);
    assertEquals(b.modelVersion() + "+paths", p.modelVersion());
    HorizonForecast hb = b.horizon(24);
    HorizonForecast hp = p.horizon(24);
    assertEquals(hb.variance(), hp.variance());
    double[] m = PathQuantileForecaster.sortedMinimaOf(paths, "AUSDT", 24);
    double sigma = Math.sqrt(hb.variance() / 24);
    double[] levels = hp.longAdverseMove().levels();
    for (int i = 0; i < levels.length; i++) {
      double z = Quantiles.ofSorted(m, 1 - levels[i]);
      assertEquals(1 - Math.exp(sigma * z), hp.longAdverseMove().value(i), 1e-12);
      if (i > 0) {
        assertTrue(hp.longAdverseMove().value(i) >= hp.longAdverseMove().value(i - 1));
      }
    }
    // the two sources agree roughly on a Gaussian walk (both are filtered historical simulation)
    assertEquals(
        hb.longAdverseMove().quantile(0.99),
        hp.longAdverseMove().quantile(0.99),
        0.3 * hb.longAdverseMove().quantile(0.99));
    assertTrue(p.stressProbability() >= 0 && p.stressProbability() <= 1);
  }

  @Test
  void wrapQuantiles_givenHorizonsOnly_baseStressKept() {
    BarSeries s = SimulationTest.randomWalk("AUSDT", 6000, 0.01, 31);
    AssetHistory h = AssetHistory.of(s, s);
    TrainingSet train =
        TrainingSet.before(List.of(h), s.openTimeMs(5000), ForecastSpec.defaults(), 9);
    ForecastModel base = new EwmaForecaster().fit(train);
    List<BarSeries> series = List.of(train.assets().get(0).history().series());
    ForecastModel all = PathQuantileForecaster.wrap(base, series, List.of(1, 24), 20_000, 24, 9);
    ForecastModel only24 =
        PathQuantileForecaster.wrapQuantiles(
            base, series, List.of(1, 24), Set.of(24), 20_000, 24, 9);
    int row = 5500;
    AssetForecast b = base.forecast(h, row);
    AssetForecast a = all.forecast(h, row);
    AssetForecast o = only24.forecast(h, row);
    assertEquals(b.modelVersion() + "+paths", o.modelVersion());
    // the replaced horizon as the full wrap gives it; the other and the stress the base's
    assertEquals(a.horizon(24).longAdverseMove(), o.horizon(24).longAdverseMove());
    assertEquals(b.horizon(1).longAdverseMove(), o.horizon(1).longAdverseMove());
    assertEquals(b.stressProbability(), o.stressProbability());
    assertEquals(b.horizon(24).variance(), o.horizon(24).variance());
    assertSame(
        base, PathQuantileForecaster.wrapQuantiles(base, series, List.of(1), Set.of(), 100, 24, 9));
  }
}

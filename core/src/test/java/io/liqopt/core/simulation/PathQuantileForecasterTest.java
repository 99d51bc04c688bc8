package io.liqopt.core.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
}

package io.liqopt.core.forecast.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.liqopt.core.forecast.AssetHistory;
import io.liqopt.core.market.BarSeries;
import io.liqopt.core.market.Bars;
import org.junit.jupiter.api.Test;

class GarchVarianceTest {
  /** Hourly-scale GARCH(1,1)-t: daily vol near 3 %, as the synthetic crypto market. */
  private static final GarchTSimulator SIMULATOR =
      new GarchTSimulator(new GarchTParams(2e-6, 0.08, 0.90, 5, 0));

  @Test
  void jsonRoundTrip_forecastsTheSame_andAForecastIgnoresLaterBars() throws Exception {
    BarSeries s = Bars.fromLogReturns("SIMUSDT", SIMULATOR.returns(2_600, 5));
    AssetHistory full = AssetHistory.of(s, s);
    GarchVariance g = GarchVariance.fit(full, 1_500);
    ObjectMapper json = new ObjectMapper();
    GarchVariance back = json.readValue(json.writeValueAsString(g), GarchVariance.class);
    assertEquals(g.params(), back.params());
    assertEquals(g.initialVariance(), back.initialVariance());
    BarSeries cut = s.slice(s.firstOpenTimeMs(), s.openTimeMs(2_001));
    AssetHistory truncated = AssetHistory.of(cut, cut);
    for (int row : new int[] {1, 100, 1_500, 2_000}) {
      double v = g.variance(full, row, 24);
      assertTrue(v > 0);
      assertEquals(v, back.variance(full, row, 24));
      assertEquals(v, g.variance(truncated, row, 24), "row " + row + " must not see later bars");
    }
    assertTrue(Double.isNaN(g.variance(full, 0, 24)));
  }

  @Test
  void fit_refusesTooFewReturns() {
    BarSeries s = Bars.fromLogReturns("SIMUSDT", SIMULATOR.returns(870, 5));
    AssetHistory h = AssetHistory.of(s, s);
    assertThrows(
        IllegalArgumentException.class, () -> GarchVariance.fit(h, GarchT.MIN_OBSERVATIONS - 1));
  }
}

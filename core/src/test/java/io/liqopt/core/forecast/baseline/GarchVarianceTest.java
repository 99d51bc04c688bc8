package io.liqopt.core.forecast.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.liqopt.core.forecast.AssetHistory;
import io.liqopt.core.market.BarSeries;
import io.liqopt.core.market.synthetic.SyntheticMarketConfig;
import io.liqopt.core.market.synthetic.SyntheticMarketGenerator;
import java.util.List;
import org.junit.jupiter.api.Test;

class GarchVarianceTest {

  @Test
  void jsonRoundTrip_forecastsTheSame_andAForecastIgnoresLaterBars() throws Exception {
    List<BarSeries> market = SyntheticMarketGenerator.DEFAULT.generate(
        SyntheticMarketConfig.defaults(1, 0.3, 5));
    BarSeries s = market.get(0);
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
    BarSeries s = SyntheticMarketGenerator.DEFAULT.generate(
        SyntheticMarketConfig.defaults(1, 0.1, 5)).get(0);
    AssetHistory h = AssetHistory.of(s, s);
    assertThrows(IllegalArgumentException.class,
        () -> GarchVariance.fit(h, GarchT.MIN_OBSERVATIONS - 1));
  }
}

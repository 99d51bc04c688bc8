package io.liqopt.core.market;

import static io.liqopt.core.market.Bars.H;
import static io.liqopt.core.market.Bars.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SeriesSummaryTest {
  private static final double TOLERANCE = 1e-12;

  @Test
  void summary_knownValues() {
    // closes 100, 110, 99, 121 hourly, then a 2-bar gap, then 121
    BarSeriesBuilder b = new BarSeriesBuilder("X", BarInterval.H1);
    double[] c = {100, 110, 99, 121};
    for (int i = 0; i < c.length; i++) {
      b.append(T0 + i * H, c[i], c[i], c[i], c[i], 1, Double.NaN);
    }
    b.append(T0 + 6 * H, 121, 121, 121, 121, 1, Double.NaN);
    SeriesSummary s = SeriesSummary.of(b.build());
    assertEquals(5, s.rows());
    assertEquals(1, s.gapCount());
    assertEquals(2, s.missingBars());
    assertEquals(1 - 99.0 / 110, s.maxDrawdown(), TOLERANCE);
    // returns ln(1.1), ln(0.9), ln(121/99); the return across the gap is left out
    double[] r = {Math.log(1.1), Math.log(0.9), Math.log(121.0 / 99)};
    double mean = (r[0] + r[1] + r[2]) / 3;
    double var = 0;
    for (double x : r) {
      var += (x - mean) * (x - mean);
    }
    var /= 2;
    assertEquals(Math.sqrt(var * 365.25 * 24), s.annualizedVol(), 1e-9);
  }
}

package io.liqopt.core.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class QuantileCurveTest {
  private static final double TOLERANCE = 1e-12;

  @Test
  void quantile_interpolatesLinearlyBetweenLevels() {
    QuantileCurve c =
        QuantileCurve.of(new double[] {0.9, 0.95, 0.99}, new double[] {0.04, 0.05, 0.09});
    assertEquals(0.05, c.quantile(0.95), TOLERANCE);
    // halfway between 0.95 and 0.99 → halfway between 0.05 and 0.09
    assertEquals(0.07, c.quantile(0.97), TOLERANCE);
    assertEquals(0.045, c.quantile(0.925), TOLERANCE);
  }

  @Test
  void quantile_outsideTheCurve_refusedNotExtrapolated() {
    QuantileCurve c = QuantileCurve.of(new double[] {0.9, 0.99}, new double[] {0.04, 0.09});
    var e = assertThrows(IllegalArgumentException.class, () -> c.quantile(0.995));
    assertEquals(true, e.getMessage().contains("0.995"));
  }

  @Test
  void of_crossingOrBadValues_refused_rearrangedSorts() {
    double[] levels = {0.5, 0.9, 0.99};
    assertThrows(
        IllegalArgumentException.class,
        () -> QuantileCurve.of(levels, new double[] {0.02, 0.01, 0.05}));
    assertThrows(
        IllegalArgumentException.class,
        () -> QuantileCurve.of(levels, new double[] {0.02, Double.NaN, 0.05}));
    assertThrows(
        IllegalArgumentException.class,
        () -> QuantileCurve.of(new double[] {0.5, 0.5}, new double[] {0.01, 0.02}));
    QuantileCurve r = QuantileCurve.rearranged(levels, new double[] {0.02, -0.01, 0.05});
    assertArrayEquals(new double[] {0, 0.02, 0.05}, r.values(), TOLERANCE);
  }

  @Test
  void forecastSpec_stressHorizonAdded_andHorizonForecastRefusesTotalLoss() {
    ForecastSpec s = ForecastSpec.of(List.of(4, 1, 4), 0.1);
    assertEquals(List.of(1, 4, 24), s.horizonsHours());
    QuantileCurve total = QuantileCurve.of(new double[] {0.5, 0.99}, new double[] {0.1, 1.0});
    QuantileCurve ok = QuantileCurve.of(new double[] {0.5, 0.99}, new double[] {0.1, 0.2});
    assertThrows(IllegalArgumentException.class, () -> new HorizonForecast(24, 0.01, total, ok));
    assertThrows(IllegalArgumentException.class, () -> new HorizonForecast(24, Double.NaN, ok, ok));
  }
}

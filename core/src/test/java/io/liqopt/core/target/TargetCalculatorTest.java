package io.liqopt.core.target;

import static io.liqopt.core.market.Bars.H;
import static io.liqopt.core.market.Bars.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liqopt.core.market.BarInterval;
import io.liqopt.core.market.BarSeries;
import io.liqopt.core.market.BarSeriesBuilder;
import org.junit.jupiter.api.Test;

class TargetCalculatorTest {
  private static final double TOLERANCE = 1e-14;

  /** Bars 0..3 contiguous, then a gap of one hour, then bars at 5 and 6 h. */
  private static BarSeries sut() {
    BarSeriesBuilder b = new BarSeriesBuilder("X", BarInterval.H1, 8);
    b.append(T0, 100, 101, 99, 100, 1, 100);
    b.append(T0 + H, 100, 112, 95, 110, 1, 110);
    b.append(T0 + 2 * H, 110, 111, 90, 99, 1, 99);
    b.append(T0 + 3 * H, 99, 106, 98, 105, 1, 105);
    b.append(T0 + 5 * H, 105, 107, 104, 106, 1, 106);
    b.append(T0 + 6 * H, 106, 108, 103, 107, 1, 107);
    return b.build();
  }

  @Test
  void compute_twoHourWindow_knownValues() {
    HorizonTargets t = TargetCalculator.DEFAULT.compute(sut(), 2);
    // bar 0: returns ln(110/100), ln(99/110); lows 95, 90 → MAE 1 − 90/100; highs 112, 111 → 0.12
    double r1 = Math.log(1.1);
    double r2 = Math.log(99.0 / 110);
    assertEquals(r1 * r1 + r2 * r2, t.realisedVariance(0), TOLERANCE);
    assertEquals(Math.log(r1 * r1 + r2 * r2), t.logRealisedVariance(0), TOLERANCE);
    assertEquals(0.10, t.longAdverseMove(0), TOLERANCE);
    assertEquals(0.12, t.shortAdverseMove(0), TOLERANCE);
    assertTrue(t.isStress(0, 0.05));
    assertFalse(t.isStress(0, 0.10));
    // bar 1: lows 90, 98 → 1 − 90/110; highs 111, 106 → 111/110 − 1
    assertEquals(1 - 90.0 / 110, t.longAdverseMove(1), TOLERANCE);
    assertEquals(111.0 / 110 - 1, t.shortAdverseMove(1), TOLERANCE);
  }

  @Test
  void compute_priceNeverFalls_maeIsZero() {
    BarSeriesBuilder b = new BarSeriesBuilder("X", BarInterval.H1, 3);
    b.append(T0, 100, 100, 100, 100, 1, 100);
    b.append(T0 + H, 100.5, 102, 100.5, 102, 1, 102);
    HorizonTargets t = TargetCalculator.DEFAULT.compute(b.build(), 1);
    assertEquals(0, t.longAdverseMove(0));
    assertEquals(0.02, t.shortAdverseMove(0), TOLERANCE);
  }

  @Test
  void compute_windowCrossesGapOrEnd_undefined() {
    HorizonTargets t = TargetCalculator.DEFAULT.compute(sut(), 2);
    // bar 2 would need bars at 3 h and 4 h: 4 h is missing; bar 3 spans the gap too
    assertFalse(t.isDefined(2));
    assertFalse(t.isDefined(3));
    assertTrue(Double.isNaN(t.longAdverseMove(2)));
    assertTrue(t.isDefined(4) == false, "bar at 5 h has only one bar after it");
    assertFalse(t.isDefined(5));
    assertEquals(2, t.definedCount());
    assertThrows(IllegalStateException.class, () -> t.isStress(2, 0.1));
  }

  @Test
  void compute_horizonNotWholeBars_refused() {
    BarSeriesBuilder b = new BarSeriesBuilder("X", BarInterval.H4, 2);
    b.append(T0, 100, 100, 100, 100, 1, 100);
    assertThrows(
        IllegalArgumentException.class, () -> TargetCalculator.DEFAULT.compute(b.build(), 2));
  }
}

package io.liqopt.core.forecast.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class EmpiricalDistributionTest {
  private static final double TOLERANCE = 1e-12;

  @Test
  void quantile_type7_matchesR() {
    // R: quantile(c(10, 1, 4, 3, 2), c(0, 0.25, 0.5, 0.9, 1), type = 7) = 1, 2, 3, 7.6, 10
    // (sorted 1 2 3 4 10; p = 0.9: h = 4 × 0.9 = 3.6 → 4 + 0.6 × (10 − 4) = 7.6)
    EmpiricalDistribution d = EmpiricalDistribution.of(new double[] {10, 1, 4, 3, 2, 99}, 5);
    assertEquals(1, d.quantile(0), TOLERANCE);
    assertEquals(2, d.quantile(0.25), TOLERANCE);
    assertEquals(3, d.quantile(0.5), TOLERANCE);
    assertEquals(7.6, d.quantile(0.9), TOLERANCE);
    assertEquals(10, d.quantile(1), TOLERANCE);
    assertEquals(4, d.mean(), TOLERANCE);
  }

  @Test
  void exceedance_countsStrictlyGreater() {
    EmpiricalDistribution d = EmpiricalDistribution.of(new double[] {1, 2, 2, 3}, 4);
    assertEquals(0.75, d.exceedance(1), TOLERANCE);
    assertEquals(0.25, d.exceedance(2), TOLERANCE);
    assertEquals(1.0, d.exceedance(0.5), TOLERANCE);
    assertEquals(0.0, d.exceedance(3), TOLERANCE);
  }

  @Test
  void of_emptyOrNonFinite_refused() {
    assertThrows(IllegalArgumentException.class, () -> EmpiricalDistribution.of(new double[0], 0));
    assertThrows(
        IllegalArgumentException.class,
        () -> EmpiricalDistribution.of(new double[] {1, Double.NaN}, 2));
    assertThrows(
        IllegalArgumentException.class,
        () -> EmpiricalDistribution.of(new double[] {1}, 1).quantile(1.5));
  }
}

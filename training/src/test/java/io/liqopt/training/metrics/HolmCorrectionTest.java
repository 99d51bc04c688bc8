package io.liqopt.training.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HolmCorrectionTest {
  private static final double TOLERANCE = 1e-12;

  /** statsmodels multipletests(method="holm") on 8 p-values with a tie and a cap at 1. */
  @Test
  void adjust_fixture_matchesStatsmodels() {
    CoverageFixture f = CoverageFixture.load();
    double[] raw = new double[8];
    for (int i = 0; i < raw.length; i++) {
      raw[i] = f.expected("holm.raw." + i);
    }
    double[] adjusted = HolmCorrection.adjust(raw);
    for (int i = 0; i < raw.length; i++) {
      assertEquals(
          f.expected("holm.adjusted." + i), adjusted[i], f.tolerance("holm.adjusted." + i), "" + i);
    }
  }

  /**
   * By hand, m = 3: p = 0.04, 0.01, 0.03 sorted 0.01, 0.03, 0.04 → 3·0.01 = 0.03, max(0.03, 2·0.03)
   * = 0.06, max(0.06, 1·0.04) = 0.06.
   */
  @Test
  void adjust_handWorked_stepDown() {
    assertArrayEquals(
        new double[] {0.06, 0.03, 0.06},
        HolmCorrection.adjust(new double[] {0.04, 0.01, 0.03}),
        TOLERANCE);
    assertArrayEquals(new double[] {0.2}, HolmCorrection.adjust(new double[] {0.2}), 0.0);
    assertEquals(0, HolmCorrection.adjust(new double[0]).length);
  }

  @Test
  void adjust_badInput_refused() {
    assertThrows(IllegalArgumentException.class, () -> HolmCorrection.adjust(null));
    assertThrows(
        IllegalArgumentException.class, () -> HolmCorrection.adjust(new double[] {0.1, 1.1}));
    assertThrows(
        IllegalArgumentException.class,
        () -> HolmCorrection.adjust(new double[] {Double.NaN, 0.1}));
  }

  /**
   * Holm lies between the raw p-value and Bonferroni's min(1, m·p), and keeps the order of the raw
   * p-values.
   */
  @Test
  void adjust_randomFamilies_betweenRawAndBonferroniAndMonotone() {
    qt().withExamples(300)
        .withFixedSeed(97L)
        .forAll(longs().all(), integers().between(1, 30))
        .checkAssert(
            (seed, m) -> {
              SplittableRandom rng = new SplittableRandom(seed);
              double[] p = new double[m];
              for (int i = 0; i < m; i++) {
                p[i] = rng.nextInt(4) == 0 ? 0.05 : rng.nextDouble();
              }
              double[] a = HolmCorrection.adjust(p);
              for (int i = 0; i < m; i++) {
                assertTrue(a[i] >= p[i] && a[i] <= Math.min(1, m * p[i]) + TOLERANCE);
                for (int j = 0; j < m; j++) {
                  assertTrue(p[i] > p[j] || a[i] <= a[j], "order");
                }
              }
            });
  }
}

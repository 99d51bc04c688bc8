package io.liqopt.training.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;

import org.junit.jupiter.api.Test;

class CauchyCombinationTest {
  private static final CoverageFixture FIXTURE = CoverageFixture.load();

  /**
   * T and p of Liu and Xie's combination, computed by coverage_tests.py in mpmath at 50 digits:
   * mixed p-values, one of 1e-20 (T ≈ 1.06e19, p ≈ 3e-20: the digits a naive 0.5 − arctan(T)/π
   * loses), equal ones (the combination of equal p-values is that p-value) and large ones.
   */
  @Test
  void pValue_knownValues_matchMpmath() {
    for (String name : new String[] {"mixed", "small", "equal", "large"}) {
      String prefix = "cauchy." + name;
      int d = name.equals("mixed") ? 4 : 3;
      double[] p = new double[d];
      for (int i = 0; i < d; i++) {
        p[i] = FIXTURE.expected(prefix + ".p." + i);
      }
      double t = FIXTURE.expected(prefix + ".t");
      double expected = FIXTURE.expected(prefix + ".pValue");
      assertEquals(t, CauchyCombination.statistic(p), 1e-12 * Math.abs(t), prefix);
      assertEquals(expected, CauchyCombination.pValue(p), 1e-12 * expected, prefix);
    }
  }

  /** By hand: tan(0.49π) = 31.820516, tan(0) = 0; T = 15.910258, p = arctan(1/T)/π = 0.0199803. */
  @Test
  void pValue_twoByHand_matches() {
    assertEquals(15.910258, CauchyCombination.statistic(new double[] {0.01, 0.5}), 1e-6);
    assertEquals(0.0199803, CauchyCombination.pValue(new double[] {0.01, 0.5}), 1e-7);
  }

  /** One p-value combines to itself; the tail is a decreasing map onto [0, 1]. */
  @Test
  void pValue_single_isItself() {
    qt().withExamples(200)
        .withFixedSeed(11L)
        .forAll(doubles().between(1e-12, 1))
        .checkAssert(
            p -> assertEquals(p, CauchyCombination.pValue(new double[] {p}), 1e-12 * p + 1e-15));
    assertEquals(0.5, CauchyCombination.upperTail(0), 0.0);
    assertEquals(0.25, CauchyCombination.upperTail(1), 1e-15);
    assertTrue(CauchyCombination.upperTail(-1e300) <= 1);
    assertTrue(CauchyCombination.upperTail(1e300) >= 0);
  }

  @Test
  void pValue_outsideUnitInterval_refused() {
    assertThrows(IllegalArgumentException.class, () -> CauchyCombination.pValue(new double[0]));
    assertThrows(
        IllegalArgumentException.class, () -> CauchyCombination.pValue(new double[] {0, 0.5}));
    assertThrows(
        IllegalArgumentException.class, () -> CauchyCombination.pValue(new double[] {1.5}));
    assertThrows(
        IllegalArgumentException.class, () -> CauchyCombination.pValue(new double[] {Double.NaN}));
    assertThrows(IllegalArgumentException.class, () -> CauchyCombination.upperTail(Double.NaN));
  }
}

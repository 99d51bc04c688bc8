package io.liqopt.training.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import org.hipparchus.distribution.continuous.ChiSquaredDistribution;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class CoverageTestsTest {
  private static final double TOLERANCE = 1e-10;
  private static final ChiSquaredDistribution CHI2_1 = new ChiSquaredDistribution(1);
  private static final ChiSquaredDistribution CHI2_2 = new ChiSquaredDistribution(2);

  /**
   * Kupiec, n = 250, x = 5, p = 0.01 (the Basel one-year 99 % VaR backtest): π̂ = 0.02, LR = 2[245
   * ln(0.98/0.99) + 5 ln(0.02/0.01)] = 2[245·(−0.0101523) + 5·0.6931472] = 2[−2.4873080 +
   * 3.4657359] = 1.9568098; p = P(χ²(1) ≥ 1.9568) = 0.16185.
   */
  @Test
  void kupiec_baselExample_matchesHandValue() {
    CoverageTest test = CoverageTests.test(sequence(250, 10, 60, 61, 120, 200), 0.01);
    assertEquals(250, test.n());
    assertEquals(5, test.exceedances());
    assertEquals(0.02, test.rate(), TOLERANCE);
    double expected = 2 * (245 * Math.log(0.98 / 0.99) + 5 * Math.log(2));
    assertEquals(expected, test.lrPof(), TOLERANCE);
    assertEquals(1.9568098, test.lrPof(), 1e-7);
    assertEquals(0.1618549, test.pPof(), 1e-7);
    assertEquals(1 - CHI2_1.cumulativeProbability(expected), test.pPof(), 1e-12);
  }

  /**
   * Christoffersen, I = 0 0 0 1 1 1 0 0 0 0 (n = 10, x = 3, p = 0.1). Transitions: n00 = 5, n01 =
   * 1, n10 = 1, n11 = 2; π̂01 = 1/6, π̂11 = 2/3, π̂ = 3/9 = 1/3. ln L(π̂) = 6 ln(2/3) + 3 ln(1/3) =
   * −5.7286283; ln L(π̂01, π̂11) = 5 ln(5/6) + ln(1/6) + ln(1/3) + 2 ln(2/3) = −4.6129105; LR_ind =
   * 2(−4.6129105 + 5.7286283) = 2.2314355. LR_pof = 2[7 ln(0.7/0.9) + 3 ln(0.3/0.1)] = 3.0732717;
   * LR_cc = 5.3047072, whose χ²(2) tail is exp(−LR_cc/2) = 0.0704851.
   */
  @Test
  void christoffersen_clusteredExceedances_matchHandValues() {
    CoverageTest test = CoverageTests.test(bits("0001110000"), 0.1);
    assertEquals(5, test.n00());
    assertEquals(1, test.n01());
    assertEquals(1, test.n10());
    assertEquals(2, test.n11());
    double restricted = 6 * Math.log(2.0 / 3) + 3 * Math.log(1.0 / 3);
    double unrestricted =
        5 * Math.log(5.0 / 6) + Math.log(1.0 / 6) + Math.log(1.0 / 3) + 2 * Math.log(2.0 / 3);
    assertEquals(2 * (unrestricted - restricted), test.lrInd(), TOLERANCE);
    assertEquals(2.2314355, test.lrInd(), 1e-7);
    assertEquals(1 - CHI2_1.cumulativeProbability(test.lrInd()), test.pInd(), 1e-12);
    assertEquals(3.0732717, test.lrPof(), 1e-7);
    assertEquals(5.3047072, test.lrCc(), 1e-7);
    assertEquals(test.lrPof() + test.lrInd(), test.lrCc(), TOLERANCE);
    assertEquals(Math.exp(-test.lrCc() / 2), test.pCc(), 1e-12);
    assertEquals(1 - CHI2_2.cumulativeProbability(test.lrCc()), test.pCc(), 1e-12);
  }

  /**
   * I = 0 0 1 1 0 0 0 1 0 0: n00 = 4, n01 = 2, n10 = 2, n11 = 1, so π̂01 = π̂11 = π̂ = 1/3: the
   * estimated chain has no memory and LR_ind = 0, p = 1.
   */
  @Test
  void christoffersen_memorylessCounts_isZero() {
    CoverageTest test = CoverageTests.test(bits("0011000100"), 0.3);
    assertEquals(0.0, test.lrInd(), TOLERANCE);
    assertEquals(1.0, test.pInd(), TOLERANCE);
    // x = 3 of 10 at p = 0.3 is exactly on target too
    assertEquals(0.0, test.lrPof(), TOLERANCE);
  }

  /**
   * No exceedances in n = 100 at p = 0.05: LR_pof = −2·100·ln 0.95 = 10.2586589 (0 ln 0 = 0); every
   * transition is 0 → 0, so LR_ind = 0.
   */
  @Test
  void noExceedances_pofFromZeroConvention_independenceZero() {
    CoverageTest test = CoverageTests.test(new boolean[100], 0.05);
    assertEquals(0, test.exceedances());
    assertEquals(-200 * Math.log(0.95), test.lrPof(), TOLERANCE);
    assertEquals(10.2586589, test.lrPof(), 1e-7);
    assertEquals(99, test.n00());
    assertEquals(0.0, test.lrInd(), 0.0);
    assertEquals(1.0, test.pInd(), 0.0);
  }

  /** All exceedances in n = 20 at p = 0.1: LR_pof = −2·20·ln 0.1 = 92.1034037; LR_ind = 0. */
  @Test
  void allExceedances_pofFromZeroConvention_independenceZero() {
    boolean[] all = new boolean[20];
    java.util.Arrays.fill(all, true);
    CoverageTest test = CoverageTests.test(all, 0.1);
    assertEquals(-40 * Math.log(0.1), test.lrPof(), TOLERANCE);
    assertEquals(19, test.n11());
    assertEquals(0.0, test.lrInd(), 0.0);
  }

  /** Only the last observation exceeds: state 1 is never left, n10 = n11 = 0, still defined. */
  @Test
  void exceedanceOnlyAtEnd_independenceDefinedAndZero() {
    CoverageTest test = CoverageTests.test(bits("00001"), 0.2);
    assertEquals(1, test.n01());
    assertEquals(0, test.n10() + test.n11());
    // π̂01 = 1/4 = π̂: no evidence of dependence
    assertEquals(0.0, test.lrInd(), TOLERANCE);
  }

  @Test
  void singleObservation_independenceIsNull() {
    CoverageTest test = CoverageTests.test(new boolean[] {true}, 0.5);
    // LR_pof = 2 ln(1 / 0.5) = 2 ln 2
    assertEquals(2 * Math.log(2), test.lrPof(), TOLERANCE);
    assertNull(test.lrInd());
    assertNull(test.pInd());
    assertNull(test.lrCc());
    assertNull(test.pCc());
  }

  @Test
  void exceedances_strictlyAboveForecast() {
    assertArrayEquals(
        new boolean[] {false, false, true},
        CoverageTests.exceedances(
            new double[] {0.01, 0.05, 0.06}, new double[] {0.05, 0.05, 0.05}));
  }

  @Test
  void badInput_refused() {
    assertThrows(IllegalArgumentException.class, () -> CoverageTests.test(new boolean[0], 0.01));
    assertThrows(IllegalArgumentException.class, () -> CoverageTests.test(null, 0.01));
    assertThrows(IllegalArgumentException.class, () -> CoverageTests.test(new boolean[3], 0));
    assertThrows(IllegalArgumentException.class, () -> CoverageTests.test(new boolean[3], 1));
    assertThrows(
        IllegalArgumentException.class, () -> CoverageTests.test(new boolean[3], Double.NaN));
    assertThrows(
        IllegalArgumentException.class,
        () -> CoverageTests.exceedances(new double[] {1}, new double[] {Double.NaN}));
    assertThrows(
        IllegalArgumentException.class,
        () -> CoverageTests.exceedances(new double[] {1}, new double[] {1, 2}));
  }

  @Test
  void statistics_anySequence_areNonNegativeWithValidPValues() {
    qt().withExamples(300)
        .withFixedSeed(151L)
        .forAll(
            longs().all(), integers().between(1, 300), decimals(0, 1, 2), decimals(0.001, 0.999, 3))
        .checkAssert(CoverageTestsTest::statisticsNonNegativeWithValidPValues);
  }

  private static void statisticsNonNegativeWithValidPValues(
      long seed, int n, double hitRate, double p) {
    SplittableRandom rng = new SplittableRandom(seed);
    boolean[] hits = new boolean[n];
    for (int t = 0; t < n; t++) {
      hits[t] = rng.nextDouble() < hitRate;
    }
    CoverageTest test = CoverageTests.test(hits, p);
    assertTrue(test.lrPof() >= 0);
    assertTrue(test.pPof() >= 0 && test.pPof() <= 1);
    assertEquals(1 - CHI2_1.cumulativeProbability(test.lrPof()), test.pPof(), 1e-9);
    if (n >= 2) {
      assertTrue(test.lrInd() >= 0 && test.lrCc() >= test.lrPof());
      assertTrue(test.pInd() >= 0 && test.pInd() <= 1 && test.pCc() >= 0 && test.pCc() <= 1);
      assertEquals(n - 1, test.n00() + test.n01() + test.n10() + test.n11());
    }
  }

  /** 1 at each listed index, 0 elsewhere. */
  private static boolean[] sequence(int n, int... hits) {
    boolean[] x = new boolean[n];
    for (int i : hits) {
      x[i] = true;
    }
    return x;
  }

  private static boolean[] bits(String s) {
    boolean[] x = new boolean[s.length()];
    for (int i = 0; i < x.length; i++) {
      x[i] = s.charAt(i) == '1';
    }
    return x;
  }

  /** Doubles in [min, max] rounded to {@code scale} decimals, so that round values come up. */
  private static Gen<Double> decimals(double min, double max, int scale) {
    return doubles()
        .between(min, max)
        .map(x -> BigDecimal.valueOf(x).setScale(scale, RoundingMode.HALF_UP).doubleValue());
  }
}

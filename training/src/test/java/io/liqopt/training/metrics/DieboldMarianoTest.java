package io.liqopt.training.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.SplittableRandom;
import org.hipparchus.distribution.continuous.NormalDistribution;
import org.hipparchus.distribution.continuous.TDistribution;
import org.hipparchus.stat.descriptive.moment.Variance;
import org.junit.jupiter.api.Test;

class DieboldMarianoTest {
  private static final double TOLERANCE = 1e-12;
  private static final NormalDistribution NORMAL = new NormalDistribution();

  /** Losses whose difference L1 − L2 is d = 1, 2, 3, 6 (the series of NeweyWestTest). */
  private static final double[] LOSS1 = {1.5, 2.5, 3.5, 6.5};

  private static final double[] LOSS2 = {0.5, 0.5, 0.5, 0.5};

  /**
   * h = 1, L = 0: d̄ = 3, LRV = γ0 = 3.5, DM = 3 / sqrt(3.5/4) = 3.2071349, two-sided normal p =
   * 0.0013406. HLN factor sqrt((4 + 1 − 2 + 0)/4) = sqrt(3/4): DM* = 2.7774603, t(3) p = 0.0691369.
   * Model 1 has the higher loss, so the statistic is positive.
   */
  @Test
  void test_oneStepHandWorked_matchesHandValues() {
    DieboldMarianoComparison dm = DieboldMariano.test(LOSS1, LOSS2, 1);
    assertEquals(4, dm.n());
    assertEquals(0, dm.lag());
    assertEquals(3.0, dm.meanLossDifference(), TOLERANCE);
    assertEquals(3.5, dm.longRunVariance(), TOLERANCE);
    assertEquals(3 / Math.sqrt(3.5 / 4), dm.statistic(), TOLERANCE);
    assertEquals(3.2071349, dm.statistic(), 1e-7);
    assertEquals(2 * (1 - NORMAL.cumulativeProbability(dm.statistic())), dm.pValue(), 1e-12);
    assertEquals(0.0013406, dm.pValue(), 1e-7);
    assertEquals(dm.statistic() * Math.sqrt(0.75), dm.hlnStatistic(), TOLERANCE);
    assertEquals(
        2 * (1 - new TDistribution(3).cumulativeProbability(dm.hlnStatistic())),
        dm.hlnPValue(),
        1e-12);
    assertEquals(0.0691369, dm.hlnPValue(), 1e-7);
  }

  /**
   * h = 2, default L = 1: LRV = 4 (NeweyWestTest), DM = 3 / sqrt(4/4) = 3, p = 0.0026998; HLN
   * factor (4 + 1 − 4 + 2/4)/4 = 0.375, DM* = 3·sqrt(0.375) = 1.8371173, t(3) p = 0.1635064.
   */
  @Test
  void test_twoStepDefaultLag_matchesHandValues() {
    DieboldMarianoComparison dm = DieboldMariano.test(LOSS1, LOSS2, 2);
    assertEquals(1, dm.lag());
    assertEquals(4.0, dm.longRunVariance(), TOLERANCE);
    assertEquals(3.0, dm.statistic(), TOLERANCE);
    assertEquals(0.0026998, dm.pValue(), 1e-7);
    assertEquals(1.8371173, dm.hlnStatistic(), 1e-7);
    assertEquals(0.1635064, dm.hlnPValue(), 1e-7);
  }

  /** Swapping the models flips the sign (negative = model 1 better) and keeps the p-value. */
  @Test
  void test_swappedModels_flipsSign() {
    DieboldMarianoComparison forward = DieboldMariano.test(LOSS1, LOSS2, 1);
    DieboldMarianoComparison backward = DieboldMariano.test(LOSS2, LOSS1, 1);
    assertEquals(-forward.statistic(), backward.statistic(), TOLERANCE);
    assertTrue(backward.statistic() < 0);
    assertEquals(forward.pValue(), backward.pValue(), TOLERANCE);
  }

  @Test
  void test_identicalLosses_statisticNull() {
    DieboldMarianoComparison dm = DieboldMariano.test(LOSS1, LOSS1.clone(), 1);
    assertEquals(0.0, dm.longRunVariance(), 0.0);
    assertNull(dm.statistic());
    assertNull(dm.pValue());
    assertNull(dm.hlnStatistic());
    assertNull(dm.hlnPValue());
  }

  /**
   * d = 0.1 every time: the floating-point mean (0.1 + 0.1 + 0.1)/3 is 0.10000000000000002, not
   * 0.1, so the deviations are rounding noise of 1.4e−17 and LRV ≈ 2e−34 &gt; 0; DM must not divide
   * by that noise (it would report about 1e16).
   */
  @Test
  void test_constantNonZeroDifference_statisticNull() {
    double[] d = {0.1, 0.1, 0.1};
    assertTrue(NeweyWest.longRunVariance(d, 0) > 0, "the rounding noise this test is about");
    DieboldMarianoComparison dm = DieboldMariano.test(d, new double[3], 1);
    assertTrue(dm.meanLossDifference() > 0);
    assertNull(dm.statistic());
    assertNull(dm.hlnStatistic());
  }

  /** n = 4, h = 3: HLN factor (4 + 1 − 6 + 6/4)/4 = 0.125 > 0; h = 4: (4 + 1 − 8 + 3)/4 = 0. */
  @Test
  void test_horizonTooLongForSample_hlnNull() {
    assertTrue(DieboldMariano.test(LOSS1, LOSS2, 3, 0).hlnStatistic() != null);
    DieboldMarianoComparison dm = DieboldMariano.test(LOSS1, LOSS2, 4, 0);
    assertEquals(3.2071349, dm.statistic(), 1e-7);
    assertNull(dm.hlnStatistic());
    assertNull(dm.hlnPValue());
  }

  /**
   * The fixture's MA(23) loss difference, h = 24: the rectangular long-run variance at lag 23 is
   * positive and used (numpy from the definition and statsmodels' uniform kernel agree on it).
   */
  @Test
  void testTruncated_positiveRectangularVariance_matchesPython() {
    CoverageFixture f = CoverageFixture.load();
    DieboldMarianoComparison dm = DieboldMariano.testTruncated(f.loss[0], f.loss[1], 24);
    assertEquals(LongRunKernel.RECTANGULAR, dm.kernel());
    assertMatches(f, "dm.positive", dm);
  }

  /**
   * The fixture's over-differenced loss difference, h = 24: the rectangular variance at lag 23 is
   * negative (−0.0247), so the test falls back to Bartlett at lag 48.
   */
  @Test
  void testTruncated_negativeRectangularVariance_fallsBackToBartlett2h() {
    CoverageFixture f = CoverageFixture.load();
    double[] d = new double[f.loss[2].length];
    for (int t = 0; t < d.length; t++) {
      d[t] = f.loss[2][t] - f.loss[3][t];
    }
    assertEquals(
        f.expected("dm.negative.rectangularLrv"),
        NeweyWest.longRunVariance(d, 23, LongRunKernel.RECTANGULAR),
        f.tolerance("dm.negative.rectangularLrv"));
    DieboldMarianoComparison dm = DieboldMariano.testTruncated(f.loss[2], f.loss[3], 24);
    assertEquals(LongRunKernel.BARTLETT, dm.kernel());
    assertMatches(f, "dm.negative", dm);
  }

  private static void assertMatches(CoverageFixture f, String prefix, DieboldMarianoComparison dm) {
    assertEquals(f.expected(prefix + ".lag"), dm.lag(), 0.0);
    assertEquals(24, dm.horizonSteps());
    assertEquals(
        f.expected(prefix + ".mean"), dm.meanLossDifference(), f.tolerance(prefix + ".mean"));
    assertEquals(f.expected(prefix + ".lrv"), dm.longRunVariance(), f.tolerance(prefix + ".lrv"));
    assertEquals(f.expected(prefix + ".dm"), dm.statistic(), f.tolerance(prefix + ".dm"));
    assertEquals(f.expected(prefix + ".p"), dm.pValue(), f.tolerance(prefix + ".p"));
    assertEquals(f.expected(prefix + ".hln"), dm.hlnStatistic(), f.tolerance(prefix + ".hln"));
    assertEquals(f.expected(prefix + ".hlnP"), dm.hlnPValue(), f.tolerance(prefix + ".hlnP"));
  }

  /**
   * Hand-worked (NeweyWestTest's series d = 1, 2, 3, 6), h = 2: rectangular LRV at lag 1 = γ0 + 2γ1
   * = 3.5 + 1 = 4.5 &gt; 0, DM = 3 / sqrt(4.5/4) = 2.8284271; the Bartlett test of the same h keeps
   * its lag-1 value 4 and names its kernel.
   */
  @Test
  void testTruncated_handWorked_usesRectangularWeights() {
    DieboldMarianoComparison dm = DieboldMariano.testTruncated(LOSS1, LOSS2, 2);
    assertEquals(LongRunKernel.RECTANGULAR, dm.kernel());
    assertEquals(1, dm.lag());
    assertEquals(4.5, dm.longRunVariance(), TOLERANCE);
    assertEquals(3 / Math.sqrt(4.5 / 4), dm.statistic(), TOLERANCE);
    assertEquals(LongRunKernel.BARTLETT, DieboldMariano.test(LOSS1, LOSS2, 2).kernel());
  }

  /** A constant difference: both kernels give no variance and the statistic stays undefined. */
  @Test
  void testTruncated_constantDifference_statisticNull() {
    DieboldMarianoComparison dm = DieboldMariano.testTruncated(LOSS1, LOSS1.clone(), 2);
    assertEquals(LongRunKernel.BARTLETT, dm.kernel());
    assertNull(dm.statistic());
    assertThrows(
        IllegalArgumentException.class, () -> DieboldMariano.testTruncated(LOSS1, LOSS2, 5));
  }

  @Test
  void badInput_refused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> DieboldMariano.test(new double[] {1}, new double[] {2}, 1));
    assertThrows(
        IllegalArgumentException.class, () -> DieboldMariano.test(LOSS1, new double[] {1, 2}, 1));
    assertThrows(
        IllegalArgumentException.class,
        () -> DieboldMariano.test(LOSS1, new double[] {1, 2, 3, Double.NaN}, 1));
    assertThrows(IllegalArgumentException.class, () -> DieboldMariano.test(LOSS1, LOSS2, 0));
    assertThrows(IllegalArgumentException.class, () -> DieboldMariano.test(LOSS1, LOSS2, 5));
    assertThrows(IllegalArgumentException.class, () -> DieboldMariano.test(LOSS1, LOSS2, 1, 4));
    assertThrows(IllegalArgumentException.class, () -> DieboldMariano.test(LOSS1, LOSS2, 1, -1));
  }

  /**
   * With L = 0 the DM statistic is the one-sample z statistic of the mean difference with the
   * biased (1/n) variance, computed here from Hipparchus' population variance; p-values match the
   * Hipparchus normal and t distributions.
   */
  @Test
  void test_lagZero_isOneSampleZTest() {
    qt().withExamples(200)
        .withFixedSeed(126L)
        .forAll(longs().all(), integers().between(5, 200))
        .checkAssert(DieboldMarianoTest::lagZeroIsOneSampleZTest);
  }

  private static void lagZeroIsOneSampleZTest(long seed, int n) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] l1 = rng.doubles(n, 0, 2).toArray();
    double[] l2 = rng.doubles(n, 0, 2).toArray();
    double[] d = new double[n];
    double mean = 0;
    for (int t = 0; t < n; t++) {
      d[t] = l1[t] - l2[t];
      mean += d[t] / n;
    }
    double z = mean / Math.sqrt(new Variance(false).evaluate(d) / n);
    DieboldMarianoComparison dm = DieboldMariano.test(l1, l2, 1, 0);
    assertEquals(z, dm.statistic(), 1e-9 * Math.max(1, Math.abs(z)));
    assertEquals(2 * NORMAL.cumulativeProbability(-Math.abs(z)), dm.pValue(), 1e-12);
    double hln = z * Math.sqrt((n - 1.0) / n);
    assertEquals(hln, dm.hlnStatistic(), 1e-9 * Math.max(1, Math.abs(hln)));
    assertEquals(
        2 * new TDistribution(n - 1).cumulativeProbability(-Math.abs(hln)), dm.hlnPValue(), 1e-9);
    assertTrue(dm.pValue() >= 0 && dm.pValue() <= 1);
    // at h = 1 both kernels reduce to γ0: the truncated test is the same test
    DieboldMarianoComparison truncated = DieboldMariano.testTruncated(l1, l2, 1);
    assertEquals(dm.statistic(), truncated.statistic(), 0.0);
    assertEquals(dm.hlnPValue(), truncated.hlnPValue(), 0.0);
  }
}

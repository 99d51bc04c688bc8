package io.liqopt.training.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.liqopt.training.metrics.DynamicQuantileTest.Design;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.hipparchus.distribution.continuous.ChiSquaredDistribution;
import org.junit.jupiter.api.Test;

class DynamicQuantileTestTest {
  private static final CoverageFixture FIXTURE = CoverageFixture.load();

  /**
   * The fixture's 24-step hits with m = 24, K = 4, L = 48 and a gap of 10 positions: DQ from numpy,
   * DQ_HAC from statsmodels' HAC Wald test, p-values from scipy (see coverage_tests.py).
   */
  @Test
  void test_overlappingFixtureWithGap_matchesPython() {
    assertMatchesFixture("dq.h24", Design.forHorizon(CoverageFixture.HORIZON));
  }

  /** The same hits with m = 1, K = 4, L = 2 (the design of the paper for one-step hits). */
  @Test
  void test_fixtureOneStepDesign_matchesPython() {
    assertMatchesFixture("dq.h1", Design.forHorizon(1));
  }

  private static void assertMatchesFixture(String prefix, Design design) {
    DynamicQuantileResult r =
        DynamicQuantileTest.test(
            FIXTURE.hit, FIXTURE.quantile, FIXTURE.position, CoverageFixture.EXPECTED_RATE, design);
    assertEquals(FIXTURE.expected(prefix + ".n"), r.n(), 0.0);
    assertEquals(FIXTURE.expected(prefix + ".hits"), r.hits(), 0.0);
    assertEquals(6, r.degreesOfFreedom());
    assertEquals(
        FIXTURE.expected(prefix + ".dq"), r.statistic(), FIXTURE.tolerance(prefix + ".dq"));
    assertEquals(FIXTURE.expected(prefix + ".p"), r.pValue(), FIXTURE.tolerance(prefix + ".p"));
    assertEquals(
        FIXTURE.expected(prefix + ".hac"), r.hacStatistic(), FIXTURE.tolerance(prefix + ".hac"));
    assertEquals(
        FIXTURE.expected(prefix + ".hacP"), r.hacPValue(), FIXTURE.tolerance(prefix + ".hacP"));
  }

  /** Without positions the rows are consecutive: 1500 − (24 + 4 − 1) = 1473 usable rows. */
  @Test
  void test_consecutivePositions_dropOnlyTheFirstLags() {
    DynamicQuantileResult r =
        DynamicQuantileTest.test(
            FIXTURE.hit, FIXTURE.quantile, CoverageFixture.EXPECTED_RATE, Design.forHorizon(24));
    assertEquals(FIXTURE.hit.length - 27, r.n());
  }

  @Test
  void test_constantForecastOrNoHits_statisticsUndefined() {
    double[] flat = new double[FIXTURE.hit.length];
    Arrays.fill(flat, 3.0);
    DynamicQuantileResult constant =
        DynamicQuantileTest.test(FIXTURE.hit, flat, 0.05, Design.forHorizon(24));
    assertNull(constant.statistic());
    assertNull(constant.hacStatistic());
    DynamicQuantileResult none =
        DynamicQuantileTest.test(
            new boolean[FIXTURE.hit.length], FIXTURE.quantile, 0.05, Design.forHorizon(24));
    assertEquals(0, none.hits());
    assertNull(none.statistic());
    assertNull(none.pValue());
  }

  @Test
  void test_badInput_refused() {
    boolean[] h = new boolean[10];
    double[] q = new double[10];
    Design d = new Design(1, 1, 0);
    assertThrows(IllegalArgumentException.class, () -> DynamicQuantileTest.test(h, q, 0, d));
    assertThrows(
        IllegalArgumentException.class, () -> DynamicQuantileTest.test(h, new double[9], 0.1, d));
    assertThrows(
        IllegalArgumentException.class, () -> DynamicQuantileTest.test(h, q, new long[10], 0.1, d));
    // 10 rows minus 24 + 3 lags leave none
    assertThrows(
        IllegalArgumentException.class,
        () -> DynamicQuantileTest.test(h, q, 0.1, Design.forHorizon(24)));
    assertThrows(IllegalArgumentException.class, () -> new Design(0, 4, 0));
    assertThrows(IllegalArgumentException.class, () -> new Design(1, -1, 0));
  }

  /**
   * Properties on random hits: the projection on X contains the one on the constant, so DQ ≥ n(π̂ −
   * p)² / (p(1 − p)) (the score form of the unconditional test on the same rows); both statistics
   * are invariant to an affine change of the forecast (q → a·q + b spans the same columns with the
   * constant); the p-values are the χ²(K + 2) upper tails.
   */
  @Test
  void test_randomHits_boundedByUnconditionalAndAffineInvariant() {
    qt().withExamples(60)
        .withFixedSeed(733L)
        .forAll(longs().all(), integers().between(60, 400), doubles().between(0.05, 0.5))
        .checkAssert(DynamicQuantileTestTest::boundedAndInvariant);
  }

  private static void boundedAndInvariant(long seed, int n, double p) {
    SplittableRandom rng = new SplittableRandom(seed);
    boolean[] hits = new boolean[n];
    double[] q = new double[n];
    double[] shifted = new double[n];
    for (int t = 0; t < n; t++) {
      q[t] = 1 + rng.nextDouble();
      shifted[t] = -3 * q[t] + 7;
      hits[t] = rng.nextDouble() < p * q[t] / 1.5;
    }
    Design design = new Design(2, 3, 4);
    DynamicQuantileResult r = DynamicQuantileTest.test(hits, q, p, design);
    if (r.statistic() == null) {
      return;
    }
    int x = 0;
    for (int t = n - r.n(); t < n; t++) {
      x += hits[t] ? 1 : 0;
    }
    double rate = (double) x / r.n();
    double unconditional = r.n() * Math.pow(rate - p, 2) / (p * (1 - p));
    assertTrue(r.statistic() >= unconditional * (1 - 1e-9), r + " vs " + unconditional);
    DynamicQuantileResult s = DynamicQuantileTest.test(hits, shifted, p, design);
    assertEquals(r.statistic(), s.statistic(), 1e-8 * Math.max(1, r.statistic()));
    assertEquals(r.hacStatistic(), s.hacStatistic(), 1e-6 * Math.max(1, r.hacStatistic()));
    ChiSquaredDistribution chi2 = new ChiSquaredDistribution(5);
    assertEquals(1 - chi2.cumulativeProbability(r.statistic()), r.pValue(), 1e-9);
  }
}

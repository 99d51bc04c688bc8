package io.liqopt.training.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HitRateTestTest {
  private static final double TOLERANCE = 1e-12;
  private static final CoverageFixture FIXTURE = CoverageFixture.load();

  /** statsmodels OLS of I on a constant, HAC (Bartlett, L = 48, no correction): see the fixture. */
  @Test
  void test_overlappingFixtureAtLag2h_matchesStatsmodels() {
    assertMatchesFixture("hitRate.h24", HitRateTest.defaultLag(CoverageFixture.HORIZON));
  }

  /** The same hits at L = 2 (h = 1). */
  @Test
  void test_fixtureAtLag2_matchesStatsmodels() {
    assertMatchesFixture("hitRate.h1", HitRateTest.defaultLag(1));
  }

  private static void assertMatchesFixture(String prefix, int lag) {
    HitRateTestResult r = HitRateTest.test(FIXTURE.hit, CoverageFixture.EXPECTED_RATE, lag);
    assertEquals(FIXTURE.hit.length, r.n());
    assertEquals(lag, r.lag());
    assertEquals(FIXTURE.expected(prefix + ".hits"), r.hits(), 0.0);
    assertEquals(FIXTURE.expected(prefix + ".rate"), r.rate(), FIXTURE.tolerance(prefix + ".rate"));
    assertEquals(
        FIXTURE.expected(prefix + ".lrv"), r.longRunVariance(), FIXTURE.tolerance(prefix + ".lrv"));
    assertEquals(FIXTURE.expected(prefix + ".t"), r.statistic(), FIXTURE.tolerance(prefix + ".t"));
    assertEquals(FIXTURE.expected(prefix + ".p"), r.pValue(), FIXTURE.tolerance(prefix + ".p"));
  }

  /**
   * Hand-worked: I = 1, 0, 0, 0 (n = 4), p = 0.5, L = 0: π̂ = 0.25, LRV = π̂(1 − π̂) = 0.1875, t =
   * (0.25 − 0.5) / sqrt(0.1875 / 4) = −1.1547005, p = 0.2482131.
   */
  @Test
  void test_handWorkedLagZero_matchesHandValues() {
    HitRateTestResult r = HitRateTest.test(new boolean[] {true, false, false, false}, 0.5, 0);
    assertEquals(1.0, r.hits(), 0.0);
    assertEquals(0.25, r.rate(), TOLERANCE);
    assertEquals(0.1875, r.longRunVariance(), TOLERANCE);
    assertEquals(-0.25 / Math.sqrt(0.1875 / 4), r.statistic(), TOLERANCE);
    assertEquals(-1.1547005, r.statistic(), 1e-7);
    assertEquals(0.2482131, r.pValue(), 1e-7);
  }

  @Test
  void test_noHit_statisticUndefined() {
    HitRateTestResult r = HitRateTest.test(new boolean[100], 0.01, 48);
    assertEquals(0.0, r.rate(), 0.0);
    assertEquals(0.0, r.longRunVariance(), 0.0);
    assertNull(r.statistic());
    assertNull(r.pValue());
  }

  @Test
  void defaultLag_isTwiceTheHorizon() {
    assertEquals(48, HitRateTest.defaultLag(24));
    assertEquals(2, HitRateTest.defaultLag(1));
    assertThrows(IllegalArgumentException.class, () -> HitRateTest.defaultLag(0));
  }

  @Test
  void test_badInput_refused() {
    assertThrows(IllegalArgumentException.class, () -> HitRateTest.test((boolean[]) null, 0.1, 0));
    assertThrows(IllegalArgumentException.class, () -> HitRateTest.test(new boolean[1], 0.1, 0));
    assertThrows(IllegalArgumentException.class, () -> HitRateTest.test(new boolean[4], 0, 0));
    assertThrows(IllegalArgumentException.class, () -> HitRateTest.test(new boolean[4], 1, 0));
    assertThrows(IllegalArgumentException.class, () -> HitRateTest.test(new boolean[4], 0.1, 4));
    assertThrows(
        IllegalArgumentException.class, () -> HitRateTest.test(new double[] {0.5, 1.5, 0}, 0.1, 0));
  }

  /**
   * With L = 0 the statistic is the Wald form of the binomial test, (π̂ − p) / sqrt(π̂(1 − π̂)/n),
   * and hits of several assets averaged per hour give the same as one asset when they agree.
   */
  @Test
  void test_lagZero_isBinomialWaldStatistic() {
    qt().withExamples(200)
        .withFixedSeed(481L)
        .forAll(longs().all(), integers().between(10, 400), doubles().between(0.01, 0.5))
        .checkAssert(HitRateTestTest::lagZeroIsBinomialWald);
  }

  private static void lagZeroIsBinomialWald(long seed, int n, double p) {
    SplittableRandom rng = new SplittableRandom(seed);
    boolean[] hits = new boolean[n];
    double[] shares = new double[n];
    int x = 0;
    for (int t = 0; t < n; t++) {
      hits[t] = rng.nextDouble() < p;
      shares[t] = hits[t] ? 1 : 0;
      x += hits[t] ? 1 : 0;
    }
    HitRateTestResult r = HitRateTest.test(hits, p, 0);
    assertEquals(r, HitRateTest.test(shares, p, 0));
    double rate = (double) x / n;
    if (x == 0 || x == n) {
      assertNull(r.statistic());
      return;
    }
    double wald = (rate - p) / Math.sqrt(rate * (1 - rate) / n);
    assertEquals(wald, r.statistic(), 1e-9 * Math.max(1, Math.abs(wald)));
    // complementing the hits and the rate flips the sign and keeps the p-value
    boolean[] misses = new boolean[n];
    for (int t = 0; t < n; t++) {
      misses[t] = !hits[t];
    }
    HitRateTestResult flipped = HitRateTest.test(misses, 1 - p, 0);
    assertEquals(-r.statistic(), flipped.statistic(), 1e-9 * Math.max(1, Math.abs(wald)));
    assertEquals(r.pValue(), flipped.pValue(), 1e-9);
  }
}

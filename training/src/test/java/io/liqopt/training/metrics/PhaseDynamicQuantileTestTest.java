package io.liqopt.training.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liqopt.training.metrics.PhaseDynamicQuantileTest.Design;
import io.liqopt.training.metrics.PhaseDynamicQuantileTest.Phase;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PhaseDynamicQuantileTestTest {
  private static final CoverageFixture FIXTURE = CoverageFixture.load();
  private static final double P = CoverageFixture.EXPECTED_RATE;
  private static final int H = CoverageFixture.HORIZON;

  /**
   * Each of the 24 phases of the fixture (a gap of 10 positions included): usable rows, hits and
   * DQ_k against numpy's lstsq projection (coverage_tests.py, dq_phases); phases whose lags have no
   * hit (rank 2 or 5 there) check the dropped-column path.
   */
  @Test
  void phaseStatistic_fixture_matchesNumpy() {
    Design design = Design.forHorizon(H);
    for (int k = 0; k < H; k++) {
      String prefix = "dqPhase.h24." + k;
      Phase phase =
          PhaseDynamicQuantileTest.phase(
              FIXTURE.hit, FIXTURE.quantile, FIXTURE.position, P, design, k);
      PhaseRegression r = phase.regression();
      assertEquals(FIXTURE.expected(prefix + ".n"), r.usableRows(), 0.0, prefix);
      assertEquals(
          FIXTURE.expected(prefix + ".hits"),
          r.usableHits(phase.hitRows(), phase.hitCount()),
          0.0,
          prefix);
      double dq = FIXTURE.expected(prefix + ".dq");
      assertEquals(
          dq,
          r.statistic(phase.hitRows(), phase.hitCount()),
          CoverageFixture.RELATIVE_TOLERANCE * Math.max(1, dq),
          prefix);
    }
  }

  /** With h = 1 the one phase is the whole series, and DQ_0 is the paper's DQ (fixture dq.h1). */
  @Test
  void phaseStatistic_oneStep_isEngleManganelliDq() {
    Phase phase =
        PhaseDynamicQuantileTest.phase(
            FIXTURE.hit, FIXTURE.quantile, FIXTURE.position, P, Design.forHorizon(1), 0);
    double dq = FIXTURE.expected("dq.h1.dq");
    assertEquals(FIXTURE.expected("dq.h1.n"), phase.regression().usableRows(), 0.0);
    assertEquals(
        dq,
        phase.regression().statistic(phase.hitRows(), phase.hitCount()),
        CoverageFixture.RELATIVE_TOLERANCE * dq);
  }

  /** The result adds up the phases; same input and seed, same p-value; the seed is the input's. */
  @Test
  void test_fixedSeed_reproducible() {
    Design design = Design.forHorizon(H);
    PhaseDynamicQuantileResult a =
        PhaseDynamicQuantileTest.test(FIXTURE.hit, FIXTURE.quantile, FIXTURE.position, P, design);
    PhaseDynamicQuantileResult b =
        PhaseDynamicQuantileTest.test(FIXTURE.hit, FIXTURE.quantile, FIXTURE.position, P, design);
    assertEquals(a, b);
    assertEquals(
        PhaseDynamicQuantileTest.seedOf(FIXTURE.hit, FIXTURE.quantile, FIXTURE.position, P, design),
        a.seed());
    PhaseDynamicQuantileResult seeded =
        PhaseDynamicQuantileTest.test(
            FIXTURE.hit, FIXTURE.quantile, FIXTURE.position, P, design, 42L);
    assertEquals(
        seeded,
        PhaseDynamicQuantileTest.test(
            FIXTURE.hit, FIXTURE.quantile, FIXTURE.position, P, design, 42L));
    assertNotEquals(a.pValue(), seeded.pValue());
    int n = 0;
    int hits = 0;
    for (int k = 0; k < H; k++) {
      n += (int) FIXTURE.expected("dqPhase.h24." + k + ".n");
      hits += (int) FIXTURE.expected("dqPhase.h24." + k + ".hits");
    }
    assertEquals(n, a.n());
    assertEquals(hits, a.hits());
    assertEquals(H, a.phases());
    assertEquals(999, a.draws());
    assertTrue(a.minPhasePValue() >= 1d / 1000 && a.minPhasePValue() <= a.pValue() * H);
    boolean[] flipped = FIXTURE.hit.clone();
    flipped[700] = !flipped[700];
    assertNotEquals(
        a.seed(),
        PhaseDynamicQuantileTest.seedOf(flipped, FIXTURE.quantile, FIXTURE.position, P, design));
  }

  /**
   * Steps 0..5, 7..12 (step 6 missing), K = 4: a row is usable only when the 4 steps before it are
   * all present, so steps 4, 5, 11, 12 (not 7..10, whose lags reach back over the gap).
   */
  @Test
  void phaseRegression_gap_dropsRowsWhoseLagsCrossIt() {
    long[] step = {0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 11, 12};
    PhaseRegression r = new PhaseRegression(step, new double[step.length], 4, 0.1);
    assertEquals(4, r.usableRows());
    int[] hitRows = {0, 4, 6, 10};
    assertEquals(2, r.usableHits(hitRows, 4)); // rows 4 (step 4) and 10 (step 11)
  }

  /** Phase k holds the positions ≡ k mod h in time order, a gap only shortening it. */
  @Test
  void phaseRows_gap_keepsResidues() {
    long[] position = {0, 1, 2, 3, 4, 5, 9, 10, 11, 12, 13};
    assertArrayEquals(new int[] {0, 3, 6, 9}, PhaseDynamicQuantileTest.phaseRows(position, 3, 0));
    assertArrayEquals(new int[] {1, 4, 7, 10}, PhaseDynamicQuantileTest.phaseRows(position, 3, 1));
    assertArrayEquals(new int[] {2, 5, 8}, PhaseDynamicQuantileTest.phaseRows(position, 3, 2));
  }

  /**
   * Under H0 (i.i.d. Bernoulli(p) hits, forecasts unrelated to them) the p-value is uniform: over
   * 300 fixed seeds the share below 0.1 and the largest gap between the empirical and the uniform
   * distribution stay within wide bounds (expected 0.1 ± 0.017 and a Kolmogorov distance near
   * 0.05). Rare hits (p = 0.01, about 8 per series) make the statistic discrete; the randomised
   * ties keep the p-value uniform. Deterministic: every draw is seeded.
   */
  @Test
  void test_iidHits_pValueUniform() {
    for (double p : new double[] {0.05, 0.01}) {
      for (int h : new int[] {1, 4}) {
        double[] pv = new double[300];
        for (int i = 0; i < pv.length; i++) {
          SplittableRandom rng = new SplittableRandom(1000L * h + i);
          int n = 800;
          boolean[] hits = new boolean[n];
          double[] q = new double[n];
          for (int t = 0; t < n; t++) {
            hits[t] = rng.nextDouble() < p;
            q[t] = 1 + rng.nextDouble();
          }
          pv[i] =
              PhaseDynamicQuantileTest.test(
                      hits, q, positions(n), p, new Design(h, 4, 199), rng.nextLong())
                  .pValue();
        }
        Arrays.sort(pv);
        long below = Arrays.stream(pv).filter(v -> v < 0.1).count();
        String what = "p " + p + ", h " + h + ": " + below + " below 0.1";
        assertTrue(below >= 12 && below <= 50, what);
        double ks = 0;
        for (int i = 0; i < pv.length; i++) {
          ks = Math.max(ks, Math.abs((i + 1.0) / pv.length - pv[i]));
        }
        assertTrue(ks < 0.12, what + ", Kolmogorov distance " + ks);
      }
    }
  }

  /** Hits that come in runs one phase step apart are rejected. */
  @Test
  void test_clusteredHits_rejected() {
    int n = 2400;
    int h = 4;
    SplittableRandom rng = new SplittableRandom(5);
    boolean[] hits = new boolean[n];
    double[] q = new double[n];
    for (int t = 0; t < n; t++) {
      q[t] = 1 + rng.nextDouble();
      boolean prior = t >= h && hits[t - h];
      hits[t] = rng.nextDouble() < (prior ? 0.5 : 0.03);
    }
    PhaseDynamicQuantileResult r =
        PhaseDynamicQuantileTest.test(hits, q, positions(n), 0.05, Design.forHorizon(h), 7L);
    assertTrue(r.pValue() < 0.01, r.toString());
    assertTrue(r.minPhasePValue() <= 2d / 1000, r.toString());
  }

  @Test
  void test_badInput_refused() {
    boolean[] h = new boolean[10];
    double[] q = new double[10];
    long[] pos = positions(10);
    Design d = Design.forHorizon(1);
    assertThrows(
        IllegalArgumentException.class, () -> PhaseDynamicQuantileTest.test(h, q, pos, 0, d));
    assertThrows(
        IllegalArgumentException.class,
        () -> PhaseDynamicQuantileTest.test(h, new double[9], pos, 0.1, d));
    assertThrows(
        IllegalArgumentException.class,
        () -> PhaseDynamicQuantileTest.test(h, q, new long[10], 0.1, d));
    // 10 rows in 24 phases: no phase has more than K + 2 usable rows
    assertThrows(
        IllegalArgumentException.class,
        () -> PhaseDynamicQuantileTest.test(h, q, pos, 0.1, Design.forHorizon(24)));
    assertThrows(IllegalArgumentException.class, () -> new Design(0, 4, 9));
    assertThrows(IllegalArgumentException.class, () -> new Design(1, 0, 9));
    assertThrows(IllegalArgumentException.class, () -> new Design(1, 4, 0));
  }

  private static long[] positions(int n) {
    long[] p = new long[n];
    Arrays.setAll(p, i -> i);
    return p;
  }
}

package io.liqopt.core.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The resampling core: day multiplicities, percentile intervals, reproducible draws. */
class DayBlockBootstrapTest {
  private static final double TOLERANCE = 1e-12;

  /** 5 days, blocks of 2 from days 3, 4, 1: {3, 4}, {4, 0}, then {1} cut: by hand. */
  @Test
  void dayCounts_circularBlocks_byHand() {
    int[] counts = new int[5];
    DayBlockBootstrap.dayCounts(new int[] {3, 4, 1}, 2, 5, counts);
    assertArrayEquals(new int[] {1, 1, 0, 1, 2}, counts);
    DayBlockBootstrap.dayCounts(DayBlockBootstrap.identity(5, 2), 2, 5, counts);
    assertArrayEquals(new int[] {1, 1, 1, 1, 1}, counts);
  }

  /** Any draw: Σ counts × day values equals the prefix-sum block sum, and the counts sum to n. */
  @Test
  void dayCounts_anyDraw_agreeWithResampledSum() {
    qt().withExamples(300)
        .withFixedSeed(11L)
        .forAll(longs().all(), integers().between(1, 60), integers().between(1, 12))
        .checkAssert(
            (seed, days, block) -> {
              double[] x = new SplittableRandom(seed).doubles(days, 0, 10).toArray();
              double[] prefix = new double[days + 1];
              for (int i = 0; i < days; i++) {
                prefix[i + 1] = prefix[i] + x[i];
              }
              int[] starts = DayBlockBootstrap.draws(days, block, 1, seed)[0];
              int[] counts = new int[days];
              DayBlockBootstrap.dayCounts(starts, block, days, counts);
              double weighted = 0;
              int total = 0;
              for (int d = 0; d < days; d++) {
                weighted += counts[d] * x[d];
                total += counts[d];
              }
              assertEquals(days, total);
              double sum = DayBlockBootstrap.resampledSum(prefix, starts, block, days);
              assertEquals(sum, weighted, TOLERANCE * Math.max(1, sum));
            });
  }

  @Test
  void draws_sameSeed_sameDraws_otherSeed_otherDraws() {
    int[][] a = DayBlockBootstrap.draws(100, 10, 50, 42);
    int[][] b = DayBlockBootstrap.draws(100, 10, 50, 42);
    for (int k = 0; k < a.length; k++) {
      assertArrayEquals(a[k], b[k]);
    }
    assertEquals(10, a[0].length);
    int[][] c = DayBlockBootstrap.draws(100, 10, 50, 43);
    boolean differ = false;
    for (int k = 0; k < a.length; k++) {
      differ |= !java.util.Arrays.equals(a[k], c[k]);
    }
    assertEquals(true, differ);
    assertThrows(IllegalArgumentException.class, () -> DayBlockBootstrap.draws(0, 10, 5, 1));
  }

  /** Constant resampled figures: a zero-width interval at the constant. */
  @Test
  void interval_constantFigures_zeroWidth() {
    double[] v = new double[101];
    java.util.Arrays.fill(v, 0.25);
    DayBlockBootstrap.Interval i = DayBlockBootstrap.interval(v, 0.95);
    assertEquals(new DayBlockBootstrap.Interval(0.25, 0.25, 0.25, 100), i);
  }

  /** Resamples 1..5 (estimate 3 first), a NaN left out: type 7 at 0.025 and 0.975 of 1..5. */
  @Test
  void interval_byHand_typeSevenEnds_nanLeftOut() {
    double[] v = {3, 5, Double.NaN, 1, 4, 2, 3};
    DayBlockBootstrap.Interval i = DayBlockBootstrap.interval(v, 0.95);
    // sorted 1, 2, 3, 4, 5: h = 4 × 0.025 = 0.1 → 1.1; h = 3.9 → 4.9
    assertEquals(3, i.estimate());
    assertEquals(1.1, i.lower(), TOLERANCE);
    assertEquals(4.9, i.upper(), TOLERANCE);
    assertEquals(5, i.resamples());
  }
}

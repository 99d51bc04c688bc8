package io.liqopt.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The split-conformal offsets per volatility bucket: the order statistic ⌈(n+1)α⌉ of each bucket's
 * scores (hand-computed below), the pooled fallback of a bucket too small for its level, and
 * quantiles that stay non-negative and non-decreasing in α whatever the offsets.
 */
class ConformalBucketsTest {
  private static final double TOLERANCE = 1e-12;

  @Test
  void conformalRank_knownValues_ceilingOfNPlusOneTimesLevel() {
    // ⌈(n+1)α⌉ by hand: 100·0.95 = 95 (not 96, despite 0.95's binary error), 101·0.95 = 95.95,
    // 10·0.9 = 9, 4·0.8 = 3.2, and at least 1
    assertEquals(95, ConformalBuckets.conformalRank(99, 0.95));
    assertEquals(96, ConformalBuckets.conformalRank(100, 0.95));
    assertEquals(9, ConformalBuckets.conformalRank(9, 0.9));
    assertEquals(4, ConformalBuckets.conformalRank(3, 0.8));
    assertEquals(1, ConformalBuckets.conformalRank(0, 0.5));
  }

  @Test
  void fit_twoBucketsOfFive_offsetIsTheFourthSmallestScore() {
    // ten rows of variance 1..10 (shuffled), network quantile 0.25 everywhere; scores z − q̂:
    // calm bucket (variance ≤ 5) {0.5, 0.1, 0.4, 0.2, 0.3}, volatile bucket {1.0, 0.6, 0.9, 0.7,
    // 0.8}. n = 5, α = 0.6: rank ⌈6·0.6⌉ = 4, the 4th smallest: 0.4 and 0.9 (by hand).
    double[] variance = {3, 7, 1, 10, 5, 2, 8, 4, 9, 6};
    double[] score = {0.4, 0.7, 0.5, 0.6, 0.3, 0.1, 0.9, 0.2, 0.8, 1.0};
    double[][] q = new double[10][];
    double[] z = new double[10];
    for (int i = 0; i < 10; i++) {
      q[i] = new double[] {0.25};
      z[i] = score[i] + 0.25;
    }
    ConformalBuckets c = ConformalBuckets.fit(new double[] {0.6}, variance, q, z, 2);
    assertEquals(List.of(5.0), c.varianceEdges());
    assertEquals(List.of(5, 5), c.rows());
    assertEquals(0.4, c.offsets().get(0).get(0), TOLERANCE);
    assertEquals(0.9, c.offsets().get(1).get(0), TOLERANCE);
  }

  @Test
  void fit_bucketTooSmallForItsLevel_takesThePooledOffset() {
    // nine rows, terciles of three; levels 0.5 and 0.8, network quantiles 0 and 1, so the scores
    // are z and z − 1. α = 0.5: rank ⌈4·0.5⌉ = 2 per bucket → the middle of each bucket's z. α =
    // 0.8: n = 3 < 1/(1 − 0.8) − 1 = 4 (rank ⌈3.2⌉ = 4 > 3) → pooled: rank ⌈10·0.8⌉ = 8 of all
    // nine z − 1, sorted z = 0.1 0.3 0.5 0.7 0.8 0.9 1.5 1.8 2.0, so 1.8 − 1 = 0.8 in every bucket.
    double[] variance = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    double[] z = {0.5, 0.1, 0.3, 0.9, 0.7, 0.8, 2.0, 1.5, 1.8};
    double[][] q = new double[9][];
    Arrays.setAll(q, i -> new double[] {0, 1});
    ConformalBuckets c = ConformalBuckets.fit(new double[] {0.5, 0.8}, variance, q, z, 3);
    assertEquals(List.of(3.0, 6.0), c.varianceEdges());
    assertEquals(List.of(3, 3, 3), c.rows());
    double[] middles = {0.3, 0.8, 1.8};
    for (int b = 0; b < 3; b++) {
      assertEquals(middles[b], c.offsets().get(b).get(0), TOLERANCE, "bucket " + b);
      assertEquals(0.8, c.offsets().get(b).get(1), TOLERANCE, "bucket " + b + " falls back");
    }
  }

  @Test
  void adjust_rowOfAVolatileBucket_addsThatBucketsOffsetsFloorsAndSorts() {
    ConformalBuckets c =
        new ConformalBuckets(
            List.of(0.5, 2.0),
            List.of(List.of(0.1, 0.1), List.of(-0.5, 0.2), List.of(1.0, -2.0)),
            List.of(10, 10, 10));
    assertEquals(0, c.bucket(0.5));
    assertEquals(1, c.bucket(0.6));
    assertEquals(2, c.bucket(3));
    assertArrayEquals(new double[] {0, 1.2}, c.adjust(1.0, new double[] {0.2, 1.0}), TOLERANCE);
    // 3 + 1 = 4 and 3.5 − 2 = 1.5 cross: sorted
    assertArrayEquals(new double[] {1.5, 4}, c.adjust(5.0, new double[] {3, 3.5}), TOLERANCE);
    assertThrows(IllegalArgumentException.class, () -> c.adjust(1.0, new double[] {1}));
  }

  @Test
  void new_edgesDescendingOrOffsetsMissing_refused() {
    List<List<Double>> two = List.of(List.of(0.0), List.of(0.0));
    assertThrows(
        IllegalArgumentException.class,
        () -> new ConformalBuckets(List.of(2.0, 1.0), List.of(List.of(0.0)), List.of(1)));
    assertThrows(
        IllegalArgumentException.class,
        () -> new ConformalBuckets(List.of(1.0), List.of(List.of(0.0)), List.of(1)));
    assertThrows(
        IllegalArgumentException.class,
        () -> new ConformalBuckets(List.of(1.0), two, List.of(1, -1)));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new ConformalBuckets(
                List.of(1.0), List.of(List.of(0.0), List.of(Double.NaN)), List.of(1, 1)));
  }

  @Test
  void fit_fewerRowsThanBuckets_refused() {
    double[][] q = {{0.1}, {0.2}};
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ConformalBuckets.fit(new double[] {0.9}, new double[] {1, 2}, q, q[0], 3));
    assertTrue(e.getMessage().contains("3 buckets"), e.getMessage());
  }

  @Test
  void fitThenAdjust_anyData_quantilesNonNegativeAndNonDecreasing() {
    qt().withExamples(300)
        .withFixedSeed(26L)
        .forAll(
            integers().between(0, 1_000_000),
            integers().between(1, 8),
            integers().between(3, 200),
            doubles().between(0, 4))
        .checkAssert(ConformalBucketsTest::monotone);
  }

  /**
   * Random levels, network quantiles non-decreasing per row but of random spread, targets from a
   * skewed law whose scale differs by bucket, so the offsets differ across levels and buckets.
   */
  private static void monotone(int seed, int levelCount, int rows, double probeVariance) {
    Random r = new Random(seed);
    double[] levels = new double[levelCount];
    for (int k = 0; k < levelCount; k++) {
      levels[k] = (k + 0.5 + 0.4 * r.nextDouble()) / (levelCount + 0.5);
    }
    double[] variance = new double[rows];
    double[] z = new double[rows];
    double[][] q = new double[rows][];
    for (int i = 0; i < rows; i++) {
      variance[i] = 4 * r.nextDouble();
      z[i] = (1 + variance[i] * r.nextDouble()) * -Math.log(1 - r.nextDouble());
      q[i] = increasing(r, levelCount);
    }
    ConformalBuckets c = ConformalBuckets.fit(levels, variance, q, z, 1 + r.nextInt(3));
    double[] adjusted = c.adjust(probeVariance, increasing(r, levelCount));
    assertTrue(adjusted[0] >= 0, Arrays.toString(adjusted));
    for (int k = 1; k < levelCount; k++) {
      assertTrue(adjusted[k] >= adjusted[k - 1], Arrays.toString(adjusted) + " " + c);
    }
  }

  private static double[] increasing(Random r, int n) {
    double[] q = new double[n];
    double v = 0;
    for (int k = 0; k < n; k++) {
      v += 3 * r.nextDouble() * r.nextDouble();
      q[k] = v;
    }
    return q;
  }
}

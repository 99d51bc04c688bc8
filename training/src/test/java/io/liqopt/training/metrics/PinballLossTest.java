package io.liqopt.training.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class PinballLossTest {
  private static final double TOLERANCE = 1e-12;

  /**
   * y = 1, 2, 3 against q = 2 at τ = 0.9: u = −1, 0, 1; ρ = (−1)(0.9 − 1) = 0.1, 0, 1·0.9 = 0.9;
   * mean = 1/3. At τ = 0.1: 0.9, 0, 0.1 — the mirror image.
   */
  @Test
  void losses_handWorkedSample_matchHandValues() {
    double[] y = {1, 2, 3};
    double[] q = {2, 2, 2};
    assertArrayEquals(new double[] {0.1, 0, 0.9}, PinballLoss.losses(y, q, 0.9), TOLERANCE);
    assertEquals(1.0 / 3, PinballLoss.mean(y, q, 0.9), TOLERANCE);
    assertArrayEquals(new double[] {0.9, 0, 0.1}, PinballLoss.losses(y, q, 0.1), TOLERANCE);
  }

  /** At τ = 0.5 the pinball loss is half the absolute error. */
  @Test
  void mean_median_isHalfMeanAbsoluteError() {
    assertEquals(
        0.5 * (3 + 0.5 + 2) / 3,
        PinballLoss.mean(new double[] {0, 1, 5}, new double[] {3, 1.5, 3}, 0.5),
        TOLERANCE);
  }

  @Test
  void badInput_refused() {
    double[] ok = {1, 2};
    assertThrows(IllegalArgumentException.class, () -> PinballLoss.mean(ok, ok, 0));
    assertThrows(IllegalArgumentException.class, () -> PinballLoss.mean(ok, ok, 1));
    assertThrows(IllegalArgumentException.class, () -> PinballLoss.mean(ok, ok, Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> PinballLoss.mean(ok, new double[] {1}, 0.5));
    assertThrows(
        IllegalArgumentException.class,
        () -> PinballLoss.mean(ok, new double[] {1, Double.NaN}, 0.5));
    assertThrows(
        IllegalArgumentException.class, () -> PinballLoss.mean(new double[0], new double[0], 0.5));
  }

  @Test
  void losses_anyInput_areNonNegative() {
    qt().withExamples(300)
        .withFixedSeed(54L)
        .forAll(longs().all(), decimals(0.001, 0.999, 3))
        .checkAssert(PinballLossTest::lossesNonNegative);
  }

  private static void lossesNonNegative(long seed, double tau) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] y = rng.doubles(20, -3, 3).toArray();
    double[] q = rng.doubles(20, -3, 3).toArray();
    for (double l : PinballLoss.losses(y, q, tau)) {
      assertTrue(l >= 0);
    }
  }

  /**
   * Over a sample, the constant forecast with the least mean pinball loss is an empirical
   * τ-quantile: the order statistic y_(⌈nτ⌉) does at least as well as any other constant.
   */
  @Test
  void mean_constantForecast_minimisedAtEmpiricalQuantile() {
    qt().withExamples(300)
        .withFixedSeed(69L)
        .forAll(
            longs().all(), integers().between(1, 60), decimals(0.01, 0.99, 2), decimals(-4, 4, 2))
        .checkAssert(PinballLossTest::empiricalQuantileBeatsOtherConstant);
  }

  private static void empiricalQuantileBeatsOtherConstant(
      long seed, int n, double tau, double other) {
    double[] y = new SplittableRandom(seed).doubles(n, -3, 3).toArray();
    double[] sorted = y.clone();
    Arrays.sort(sorted);
    double quantile = sorted[(int) Math.ceil(n * tau) - 1];
    double atQuantile = PinballLoss.mean(y, constant(n, quantile), tau);
    double atOther = PinballLoss.mean(y, constant(n, other), tau);
    assertTrue(atQuantile <= atOther + 1e-12, atQuantile + " > " + atOther);
  }

  private static double[] constant(int n, double value) {
    double[] x = new double[n];
    Arrays.fill(x, value);
    return x;
  }

  /** Doubles in [min, max] rounded to {@code scale} decimals, so that round values come up. */
  private static Gen<Double> decimals(double min, double max, int scale) {
    return doubles()
        .between(min, max)
        .map(x -> BigDecimal.valueOf(x).setScale(scale, RoundingMode.HALF_UP).doubleValue());
  }
}

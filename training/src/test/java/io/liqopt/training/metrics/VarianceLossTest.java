package io.liqopt.training.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class VarianceLossTest {
  private static final double TOLERANCE = 1e-12;
  private static final VarianceLoss LOSS = VarianceLoss.DEFAULT;

  /**
   * σ² = 2, 1, 4 against h = 1, 1, 2: ratios 2, 1, 2. QLIKE: 2 − ln 2 − 1 = 1 − ln 2 = 0.306853; 1
   * − 0 − 1 = 0; again 1 − ln 2. Mean = 2(1 − ln 2)/3 = 0.204569. MSE: (2−1)² = 1, 0, (4−2)² = 4;
   * mean 5/3.
   */
  @Test
  void qlikeAndMse_handWorkedSample_matchHandValues() {
    double[] realised = {2, 1, 4};
    double[] forecast = {1, 1, 2};
    double oneMinusLn2 = 1 - Math.log(2);
    assertArrayEquals(
        new double[] {oneMinusLn2, 0, oneMinusLn2},
        LOSS.qlikeLosses(realised, forecast),
        TOLERANCE);
    assertEquals(2 * oneMinusLn2 / 3, LOSS.qlike(realised, forecast), TOLERANCE);
    assertEquals(0.2045685, LOSS.qlike(realised, forecast), 1e-7);
    assertArrayEquals(
        new double[] {1, 0, 4}, LOSS.squaredErrorLosses(realised, forecast), TOLERANCE);
    assertEquals(5.0 / 3, LOSS.mse(realised, forecast), TOLERANCE);
    assertEquals(
        new VarianceScores(3, 2 * oneMinusLn2 / 3, 5.0 / 3, 0), LOSS.score(realised, forecast));
  }

  /**
   * QLIKE punishes under-prediction more: h = σ²/2 (ratio 2) costs more than h = 2σ² (ratio 1/2).
   */
  @Test
  void qlike_underPrediction_costsMoreThanOverPrediction() {
    double under = LOSS.qlike(new double[] {1}, new double[] {0.5}); // 2 − ln 2 − 1 = 0.3069
    double over = LOSS.qlike(new double[] {1}, new double[] {2}); // 0.5 + ln 2 − 1 = 0.1931
    assertEquals(1 - Math.log(2), under, TOLERANCE);
    assertEquals(Math.log(2) - 0.5, over, TOLERANCE);
    assertTrue(under > over);
  }

  /**
   * A zero realised variance is raised to the floor for QLIKE only: with floor 1e−4 and h = 1e−4
   * the ratio is 1 and the loss 0; MSE sees the true 0 and costs (1e−4)² = 1e−8.
   */
  @Test
  void zeroRealised_flooredForQlikeOnly_andCounted() {
    VarianceLoss loss = new VarianceLoss(1e-4);
    double[] realised = {0, 1e-4};
    double[] forecast = {1e-4, 1e-4};
    assertArrayEquals(new double[] {0, 0}, loss.qlikeLosses(realised, forecast), TOLERANCE);
    assertEquals(0.5e-8, loss.mse(realised, forecast), 1e-20);
    assertEquals(1, loss.score(realised, forecast).realisedFloored());
    // default floor 1e−10 against h = 1e−4: ratio 1e−6, loss 1e−6 − ln(1e−6) − 1 = 12.815511...
    assertEquals(
        1e-6 + 6 * Math.log(10) - 1,
        VarianceLoss.DEFAULT.qlike(new double[] {0}, new double[] {1e-4}),
        1e-9);
  }

  @Test
  void badInput_refusedWithClearMessage() {
    double[] ok = {1, 2};
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> LOSS.qlike(new double[] {1, Double.NaN}, ok));
    assertTrue(e.getMessage().contains("realisedVariance[1]"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> LOSS.qlike(ok, new double[] {1, 0}));
    assertThrows(IllegalArgumentException.class, () -> LOSS.qlike(ok, new double[] {1, -1}));
    assertThrows(IllegalArgumentException.class, () -> LOSS.qlike(new double[] {-1, 1}, ok));
    assertThrows(IllegalArgumentException.class, () -> LOSS.mse(ok, new double[] {1}));
    assertThrows(IllegalArgumentException.class, () -> LOSS.mse(new double[0], new double[0]));
    assertThrows(
        IllegalArgumentException.class,
        () -> LOSS.mse(ok, new double[] {1, Double.POSITIVE_INFINITY}));
    assertThrows(IllegalArgumentException.class, () -> LOSS.score(null, ok));
    assertThrows(IllegalArgumentException.class, () -> new VarianceLoss(0));
    assertThrows(IllegalArgumentException.class, () -> new VarianceLoss(Double.NaN));
  }

  /** Variances are drawn log-uniformly, 10^e, across twelve orders of magnitude. */
  @Test
  void qlike_anyPositivePair_isNonNegative() {
    qt().withExamples(500)
        .withFixedSeed(88L)
        .forAll(decimals(-9, 3, 6), decimals(-9, 3, 6))
        .checkAssert(VarianceLossTest::qlikeAndMseNonNegative);
  }

  private static void qlikeAndMseNonNegative(double realisedExponent, double forecastExponent) {
    double[] realised = {Math.pow(10, realisedExponent)};
    double[] forecast = {Math.pow(10, forecastExponent)};
    assertTrue(LOSS.qlike(realised, forecast) >= 0);
    assertTrue(LOSS.mse(realised, forecast) >= 0);
  }

  @Test
  void qlike_forecastEqualsRealised_isZero() {
    qt().withExamples(300)
        .withFixedSeed(98L)
        .forAll(decimals(-9, 3, 6))
        .checkAssert(VarianceLossTest::qlikeZeroAtEquality);
  }

  private static void qlikeZeroAtEquality(double exponent) {
    double variance = Math.pow(10, exponent);
    assertEquals(0.0, LOSS.qlike(new double[] {variance}, new double[] {variance}), 0.0);
  }

  /** Away from equality the loss is strictly positive (≈ x²/2 for ratio 1 + x). */
  @Test
  void qlike_forecastDiffersFromRealised_isPositive() {
    qt().withExamples(300)
        .withFixedSeed(106L)
        .forAll(decimals(-9, 1, 6), decimals(0.01, 100, 6))
        .assuming((exponent, ratio) -> Math.abs(ratio - 1) > 1e-5)
        .checkAssert(VarianceLossTest::qlikePositiveAwayFromEquality);
  }

  private static void qlikePositiveAwayFromEquality(double forecastExponent, double ratio) {
    double forecast = Math.pow(10, forecastExponent);
    assertTrue(LOSS.qlike(new double[] {ratio * forecast}, new double[] {forecast}) > 0);
  }

  /** Doubles in [min, max] rounded to {@code scale} decimals, so that round values come up. */
  private static Gen<Double> decimals(double min, double max, int scale) {
    return doubles()
        .between(min, max)
        .map(x -> BigDecimal.valueOf(x).setScale(scale, RoundingMode.HALF_UP).doubleValue());
  }
}

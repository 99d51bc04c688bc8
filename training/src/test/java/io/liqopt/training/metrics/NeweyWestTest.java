package io.liqopt.training.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.SplittableRandom;
import org.hipparchus.stat.descriptive.moment.Variance;
import org.junit.jupiter.api.Test;

class NeweyWestTest {
  private static final double TOLERANCE = 1e-12;

  /**
   * x = 1, 2, 3, 6: mean 3, deviations −2, −1, 0, 3 (n = 4, divisor n). γ0 = (4 + 1 + 0 + 9)/4 =
   * 3.5; γ1 = ((−1)(−2) + 0(−1) + 3·0)/4 = 0.5; γ2 = (0·(−2) + 3·(−1))/4 = −0.75; γ3 = 3·(−2)/4 =
   * −1.5. L = 0: 3.5. L = 1: 3.5 + 2·(1/2)·0.5 = 4. L = 2: 3.5 + 2·(2/3)·0.5 + 2·(1/3)·(−0.75) =
   * 11/3. L = 3: 3.5 + 2·(3/4)·0.5 + 2·(2/4)·(−0.75) + 2·(1/4)·(−1.5) = 3.5 + 0.75 − 0.75 − 0.75 =
   * 2.75.
   */
  @Test
  void longRunVariance_handWorkedSeries_matchesHandValues() {
    double[] x = {1, 2, 3, 6};
    assertEquals(3.5, NeweyWest.longRunVariance(x, 0), TOLERANCE);
    assertEquals(4.0, NeweyWest.longRunVariance(x, 1), TOLERANCE);
    assertEquals(11.0 / 3, NeweyWest.longRunVariance(x, 2), TOLERANCE);
    assertEquals(2.75, NeweyWest.longRunVariance(x, 3), TOLERANCE);
  }

  @Test
  void bartlettWeight_lag3_isOneMinusJOverFour() {
    assertEquals(1.0, NeweyWest.bartlettWeight(0, 3), TOLERANCE);
    assertEquals(0.75, NeweyWest.bartlettWeight(1, 3), TOLERANCE);
    assertEquals(0.5, NeweyWest.bartlettWeight(2, 3), TOLERANCE);
    assertEquals(0.25, NeweyWest.bartlettWeight(3, 3), TOLERANCE);
  }

  @Test
  void longRunVariance_constantSeries_isZero() {
    assertEquals(0.0, NeweyWest.longRunVariance(new double[] {2.5, 2.5, 2.5, 2.5}, 2), 0.0);
  }

  @Test
  void longRunVariance_badInput_refused() {
    assertThrows(IllegalArgumentException.class, () -> NeweyWest.longRunVariance(null, 0));
    assertThrows(IllegalArgumentException.class, () -> NeweyWest.longRunVariance(new double[0], 0));
    assertThrows(
        IllegalArgumentException.class,
        () -> NeweyWest.longRunVariance(new double[] {1, Double.NaN}, 0));
    assertThrows(
        IllegalArgumentException.class,
        () -> NeweyWest.longRunVariance(new double[] {1, Double.POSITIVE_INFINITY}, 0));
    assertThrows(
        IllegalArgumentException.class, () -> NeweyWest.longRunVariance(new double[] {1, 2}, -1));
    assertThrows(
        IllegalArgumentException.class, () -> NeweyWest.longRunVariance(new double[] {1, 2}, 2));
    assertThrows(IllegalArgumentException.class, () -> NeweyWest.bartlettWeight(3, 2));
  }

  /** Lag 0 is the biased (divisor n) sample variance, here Hipparchus' population variance. */
  @Test
  void longRunVariance_lagZero_isPopulationVariance() {
    qt().withExamples(200)
        .withFixedSeed(63L)
        .forAll(longs().all(), integers().between(1, 80))
        .checkAssert(NeweyWestTest::lagZeroIsPopulationVariance);
  }

  private static void lagZeroIsPopulationVariance(long seed, int n) {
    double[] x = new SplittableRandom(seed).doubles(n, -5, 5).toArray();
    double expected = new Variance(false).evaluate(x);
    assertEquals(expected, NeweyWest.longRunVariance(x, 0), 1e-12 * Math.max(1, expected));
  }

  /** The Bartlett kernel keeps the estimate non-negative at every lag, even for noisy series. */
  @Test
  void longRunVariance_anySeriesAndLag_isNonNegative() {
    qt().withExamples(300)
        .withFixedSeed(72L)
        .forAll(longs().all(), integers().between(2, 60), integers().between(0, 59))
        .checkAssert(NeweyWestTest::longRunVarianceNonNegative);
  }

  private static void longRunVarianceNonNegative(long seed, int n, int lag) {
    double[] x = new SplittableRandom(seed).doubles(n, -1, 1).toArray();
    assertTrue(NeweyWest.longRunVariance(x, Math.min(lag, n - 1)) >= 0);
  }
}

package io.liqopt.training.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.SplittableRandom;
import org.hipparchus.distribution.continuous.ChiSquaredDistribution;
import org.hipparchus.stat.correlation.PearsonsCorrelation;
import org.junit.jupiter.api.Test;

class MincerZarnowitzTest {
  private static final double TOLERANCE = 1e-10;

  /**
   * F = 1, 2, 3, 4; RV = 2, 3, 5, 6. Means 2.5 and 4; Sxx = 5, Sxy = 7: b = 7/5 = 1.4, a = 4 −
   * 1.4·2.5 = 0.5. Fitted 1.9, 3.3, 4.7, 6.1; residuals e = 0.1, −0.3, 0.3, −0.1; SSE = 0.2, SST =
   * 10, R² = 0.98.
   *
   * <p>Wald, L = 0: XᵀX = [[4, 10], [10, 30]], (XᵀX)⁻¹ = [[1.5, −0.5], [−0.5, 0.2]]; Ŝ = Σ e² x xᵀ
   * = [[0.2, 0.5], [0.5, 1.34]]; V = (XᵀX)⁻¹ Ŝ (XᵀX)⁻¹ = [[0.035, −0.009], [−0.009, 0.0036]], det V
   * = 4.5e−5; δ = (0.5, 0.4); W = (0.25·0.0036 + 2·0.2·0.009 + 0.16·0.035) / 4.5e−5 = 0.0101 /
   * 4.5e−5 = 2020/9 = 224.44. The χ²(2) upper tail is exp(−W/2) exactly.
   */
  @Test
  void fit_handWorkedSample_matchesHandValues() {
    MincerZarnowitzFit fit =
        MincerZarnowitz.fit(new double[] {2, 3, 5, 6}, new double[] {1, 2, 3, 4});
    assertEquals(4, fit.n());
    assertEquals(0.5, fit.intercept(), TOLERANCE);
    assertEquals(1.4, fit.slope(), TOLERANCE);
    assertEquals(0.98, fit.rSquared(), TOLERANCE);
    assertEquals(0, fit.neweyWestLag());
    assertEquals(2020.0 / 9, fit.waldStatistic(), 1e-8);
    assertEquals(Math.exp(-1010.0 / 9), fit.waldPValue(), 1e-12 * Math.exp(-1010.0 / 9));
  }

  /**
   * Same sample, L = 1. Cross terms e_t e_{t−1} = −0.03, −0.09, −0.03 times x_t x_{t−1}ᵀ + x_{t−1}
   * x_tᵀ = [[2, F_t + F_{t−1}], [., 2 F_t F_{t−1}]] sum to [[−0.30, −0.75], [−0.75, −1.92]]; weight
   * 1/2 gives Ŝ = [[0.05, 0.125], [0.125, 0.38]]; V = [[0.02, −0.00675], [−0.00675, 0.0027]], det =
   * 8.4375e−6; W = (0.25·0.0027 + 2·0.2·0.00675 + 0.16·0.02) / 8.4375e−6 = 0.006575 / 8.4375e−6 =
   * 21040/27.
   */
  @Test
  void fit_lagOne_matchesHandWorkedNeweyWestWald() {
    MincerZarnowitzFit fit =
        MincerZarnowitz.fit(new double[] {2, 3, 5, 6}, new double[] {1, 2, 3, 4}, 1);
    assertEquals(1, fit.neweyWestLag());
    assertEquals(21040.0 / 27, fit.waldStatistic(), 1e-7);
    assertEquals(0.98, fit.rSquared(), TOLERANCE);
  }

  /** A perfect forecast: a = 0, b = 1, R² = 1, and the Wald statistic is undefined (V = 0). */
  @Test
  void fit_perfectForecast_hasUnitSlopeAndNoWald() {
    double[] f = {0.1, 0.4, 0.2, 0.3, 0.5};
    MincerZarnowitzFit fit = MincerZarnowitz.fit(f.clone(), f);
    assertEquals(0, fit.intercept(), TOLERANCE);
    assertEquals(1, fit.slope(), TOLERANCE);
    assertEquals(1, fit.rSquared(), TOLERANCE);
    assertNull(fit.waldStatistic());
    assertNull(fit.waldPValue());
  }

  @Test
  void fit_badInput_refused() {
    double[] ok = {1, 2, 3};
    assertThrows(
        IllegalArgumentException.class,
        () -> MincerZarnowitz.fit(new double[] {1, 2}, new double[] {1, 2}));
    assertThrows(
        IllegalArgumentException.class, () -> MincerZarnowitz.fit(ok, new double[] {1, 2}));
    assertThrows(
        IllegalArgumentException.class,
        () -> MincerZarnowitz.fit(ok, new double[] {1, Double.NaN, 3}));
    IllegalArgumentException constant =
        assertThrows(
            IllegalArgumentException.class, () -> MincerZarnowitz.fit(ok, new double[] {2, 2, 2}));
    assertTrue(constant.getMessage().contains("forecast is constant"), constant.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> MincerZarnowitz.fit(new double[] {2, 2, 2}, ok));
    assertThrows(IllegalArgumentException.class, () -> MincerZarnowitz.fit(ok, ok, 3));
    assertThrows(IllegalArgumentException.class, () -> MincerZarnowitz.fit(ok, ok, -1));
  }

  /**
   * Invariants on noisy data: R² of a one-regressor OLS is the squared Pearson correlation
   * (Hipparchus), and the p-value is the χ²(2) upper tail of W (Hipparchus distribution).
   */
  @Test
  void fit_noisyData_rSquaredIsSquaredCorrelation_pValueIsChiSquaredTail() {
    qt().withExamples(100)
        .withFixedSeed(94L)
        .forAll(longs().all(), integers().between(5, 200), integers().between(0, 4))
        .checkAssert(MincerZarnowitzTest::rSquaredAndWaldPValueMatchHipparchus);
  }

  private static void rSquaredAndWaldPValueMatchHipparchus(long seed, int n, int lag) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] f = new double[n];
    double[] rv = new double[n];
    for (int t = 0; t < n; t++) {
      f[t] = 1e-4 * (0.5 + rng.nextDouble());
      rv[t] = 2e-5 + 0.8 * f[t] + 3e-5 * (rng.nextDouble() - 0.5);
    }
    MincerZarnowitzFit fit = MincerZarnowitz.fit(rv, f, lag);
    double r = new PearsonsCorrelation().correlation(f, rv);
    assertEquals(r * r, fit.rSquared(), 1e-9);
    assertNotNull(fit.waldStatistic());
    double expectedP = 1 - new ChiSquaredDistribution(2).cumulativeProbability(fit.waldStatistic());
    assertEquals(expectedP, fit.waldPValue(), 1e-12);
    assertTrue(fit.waldPValue() >= 0 && fit.waldPValue() <= 1);
  }
}

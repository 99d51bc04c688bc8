package io.liqopt.core.forecast.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class VarianceCombinationTest {
  private static final long SEED = 20_240_611L;

  /** Sums of a few dozen QLIKE terms agree to this (relative). */
  private static final double TOLERANCE = 1e-12;

  /** True variance σ², realised RV = σ²·χ²₅/5; two forecasts with independent log errors. */
  private static double[][] sample(int n, double mlNoise, double garchNoise, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] ml = new double[n];
    double[] g = new double[n];
    double[] rv = new double[n];
    for (int i = 0; i < n; i++) {
      double v = Math.exp(-8 + r.nextGaussian());
      ml[i] = v * Math.exp(mlNoise * r.nextGaussian());
      g[i] = v * Math.exp(garchNoise * r.nextGaussian());
      double chi = 0;
      for (int k = 0; k < 5; k++) {
        double z = r.nextGaussian();
        chi += z * z;
      }
      rv[i] = v * chi / 5;
    }
    return new double[][] {ml, g, rv};
  }

  private static double qlike(double[][] s, double w, double c) {
    double q = 0;
    VarianceCombination vc = new VarianceCombination(w, c, 0, 0, 0);
    for (int i = 0; i < s[2].length; i++) {
      double r = s[2][i] / vc.apply(s[0][i], s[1][i]);
      q += r - Math.log(r) - 1;
    }
    return q / s[2].length;
  }

  @Test
  void fit_weightsTheBetterForecastMore_equalErrorsNearHalf() {
    double[][] garchBetter = sample(40_000, 0.6, 0.2, 1);
    assertTrue(
        VarianceCombination.fit(garchBetter[0], garchBetter[1], garchBetter[2]).garchWeight()
            >= 0.75);
    double[][] mlBetter = sample(40_000, 0.2, 0.6, 2);
    assertTrue(
        VarianceCombination.fit(mlBetter[0], mlBetter[1], mlBetter[2]).garchWeight() <= 0.25);
    // equal, independent errors: the average halves the error variance, w ≈ 0.5
    double[][] equal = sample(40_000, 0.4, 0.4, 3);
    assertEquals(0.5, VarianceCombination.fit(equal[0], equal[1], equal[2]).garchWeight(), 0.1);
  }

  @Test
  void fit_isTheGridMinimumAndItsScaleTheQlikeOptimum() {
    double[][] s = sample(5_000, 0.5, 0.3, 4);
    VarianceCombination c = VarianceCombination.fit(s[0], s[1], s[2]);
    assertEquals(qlike(s, c.garchWeight(), c.logScale()), c.qlike(), 1e-12);
    for (int k = 0; k <= VarianceCombination.GRID_STEPS; k++) {
      double w = (double) k / VarianceCombination.GRID_STEPS;
      // the best scale at w is ln mean(RV / v_w); the chosen (w, c) is no worse
      double ratio = 0;
      for (int i = 0; i < s[2].length; i++) {
        ratio += s[2][i] / new VarianceCombination(w, 0, 0, 0, 0).apply(s[0][i], s[1][i]);
      }
      assertTrue(c.qlike() <= qlike(s, w, Math.log(ratio / s[2].length)) + 1e-15);
    }
    // c is a minimum in the scale: moving it either way costs
    assertTrue(qlike(s, c.garchWeight(), c.logScale() + 0.01) > c.qlike());
    assertTrue(qlike(s, c.garchWeight(), c.logScale() - 0.01) > c.qlike());
    assertEquals(qlike(s, 0, Math.log(mean(s[2], s[0]))), c.qlikeTreesOnly(), 1e-12);
  }

  @Test
  void apply_geometricMeanWithScale() {
    VarianceCombination c = new VarianceCombination(0.25, Math.log(1.1), 1, 0, 0);
    assertEquals(1.1 * Math.pow(4e-4, 0.75) * Math.pow(1e-4, 0.25), c.apply(4e-4, 1e-4), 1e-18);
    assertEquals(2e-4, new VarianceCombination(0, 0, 1, 0, 0).apply(2e-4, 9), 1e-18);
  }

  @Test
  void refusesBadInput() {
    assertThrows(IllegalArgumentException.class, () -> new VarianceCombination(1.5, 0, 1, 0, 0));
    assertThrows(
        IllegalArgumentException.class, () -> new VarianceCombination(0.5, Double.NaN, 1, 0, 0));
    assertThrows(
        IllegalArgumentException.class,
        () -> VarianceCombination.fit(new double[] {1}, new double[] {1, 2}, new double[] {1}));
    assertThrows(
        IllegalArgumentException.class,
        () -> VarianceCombination.fit(new double[] {0}, new double[] {1}, new double[] {1}));
    assertThrows(
        IllegalArgumentException.class,
        () -> VarianceCombination.fit(new double[0], new double[0], new double[0]));
  }

  @Test
  void roundTripsThroughJson() throws Exception {
    ObjectMapper json = new ObjectMapper();
    VarianceCombination c = new VarianceCombination(0.35, -0.02, 1440, 0.31, 0.33);
    assertEquals(c, json.readValue(json.writeValueAsString(c), VarianceCombination.class));
  }

  @Test
  void fitLevel_handComputedBlock_cIsLogMeanRatio() {
    // by hand: RV/v = 2, 1, 0.5, mean 7/6, so c = ln(7/6); the scaled ratios 12/7, 6/7, 3/7 have
    // mean 1 and product 216/343, so QLIKE = 1 - ln(216/343)/3 - 1 = ln(7/6) = 0.15415067982726
    double[] v = {1e-4, 2e-4, 4e-4};
    double[] rv = {2e-4, 2e-4, 2e-4};
    VarianceCombination c = VarianceCombination.fitLevel(v, v, rv, 0);
    assertEquals(Math.log(7.0 / 6.0), c.logScale(), TOLERANCE);
    assertEquals(0.15415067982726, c.qlike(), 1e-13);
    assertEquals(0, c.garchWeight(), 0);
    assertEquals(3, c.rows());
    // w = 1 over the same forecast is the same calibration
    assertEquals(c.logScale(), VarianceCombination.fitLevel(v, v, rv, 1).logScale(), TOLERANCE);
    assertEquals(Math.log(7.0 / 6.0), VarianceCombination.fit(v, v, rv).logScale(), TOLERANCE);
  }

  @Test
  void fitLevel_isTheGridFitsPointAtThatWeight() {
    double[][] s = sample(2_000, 0.5, 0.3, 5);
    VarianceCombination best = VarianceCombination.fit(s[0], s[1], s[2]);
    VarianceCombination atBest = VarianceCombination.fitLevel(s[0], s[1], s[2], best.garchWeight());
    assertEquals(best.logScale(), atBest.logScale(), TOLERANCE);
    assertEquals(best.qlike(), atBest.qlike(), TOLERANCE);
    assertEquals(best.qlikeTreesOnly(), atBest.qlikeTreesOnly(), TOLERANCE);
  }

  @Test
  void apply_zeroWeightZeroScale_reproducesTheBase() {
    VarianceCombination identity = new VarianceCombination(0, 0, 1, 0, 0);
    for (double v : new double[] {1e-9, 3.7e-5, 2e-4, 0.81}) {
      assertEquals(v, identity.apply(v, 5e-3), v * TOLERANCE);
      assertEquals(v, new VarianceCombination(1, 0, 1, 0, 0).apply(5e-3, v), v * TOLERANCE);
    }
  }

  @Test
  void fit_noWorseThanTheBaseUncalibratedNorGarchAtItsBestScale() {
    double[][] s = sample(3_000, 0.4, 0.5, 6);
    VarianceCombination c = VarianceCombination.fit(s[0], s[1], s[2]);
    assertTrue(c.qlike() <= qlike(s, 0, 0));
    assertTrue(c.qlike() <= VarianceCombination.fitLevel(s[0], s[1], s[2], 1).qlike());
  }

  @Test
  void fit_zeroRealisedVariance_flooredAsTheEvaluation() {
    double[] v = {1e-4, 1e-4};
    VarianceCombination c = VarianceCombination.fit(v, v, new double[] {0, 2e-4});
    assertEquals(Math.log((VarianceCombination.RV_FLOOR + 2e-4) / 2 / 1e-4), c.logScale(), 1e-12);
    assertTrue(Double.isFinite(c.qlike()));
  }

  @Test
  void property_fitNoWorseThanAnyGridPoint() {
    qt().withExamples(300)
        .withFixedSeed(SEED)
        .forAll(integers().between(1, 80), longs().all())
        .checkAssert(
            (Integer n, Long seed) -> {
              double[][] s = sample(n, 0.7, 0.4, seed);
              VarianceCombination c = VarianceCombination.fit(s[0], s[1], s[2]);
              for (int k = 0; k <= VarianceCombination.GRID_STEPS; k++) {
                double w = (double) k / VarianceCombination.GRID_STEPS;
                double atW = VarianceCombination.fitLevel(s[0], s[1], s[2], w).qlike();
                double slack = TOLERANCE * Math.max(1, Math.abs(atW));
                assertTrue(c.qlike() <= atW + slack, () -> "w=" + w + " n=" + n);
                assertTrue(c.qlike() <= qlike(s, w, 0) + slack, () -> "w=" + w + ", c=0");
              }
            });
  }

  private static double mean(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] / b[i];
    }
    return s / a.length;
  }
}

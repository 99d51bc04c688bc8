package io.liqopt.core.forecast.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class VarianceCombinationTest {

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

  private static double mean(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] / b[i];
    }
    return s / a.length;
  }
}

package io.liqopt.core.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.longs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class QuantileTrackingTest {
  private static final long HOUR = 3_600_000L;
  private static final double[] LEVELS = {0.9, 0.95, 0.99, 0.995};

  @Test
  void trackedQuantile_knownValues() {
    // q' = 1 − (1 − q)^(e^s): doubling the log loss of q = 0.1 gives 1 − 0.81
    assertEquals(0.19, QuantileTracking.tracked(0.1, Math.log(2)), 1e-15);
    assertEquals(0.1, QuantileTracking.tracked(0.1, 0), 1e-15);
    assertEquals(0, QuantileTracking.tracked(0, 3), 0);
    assertTrue(Double.isNaN(QuantileTracking.tracked(Double.NaN, 0.2)));
  }

  @Test
  void update_movesByGammaTimesHitMinusAlpha() {
    QuantileTracking t = new QuantileTracking(0.005);
    assertEquals(0.005 * 0.99, t.update(0, 0.05, 0.06, 0.99), 1e-15);
    assertEquals(-0.005 * 0.01, t.update(0, 0.05, 0.05, 0.99), 1e-15); // equal is no hit
    assertEquals(0.3, t.update(0.3, Double.NaN, 0.06, 0.99), 0);
    assertEquals(0.3, t.update(0.3, 0.05, Double.NaN, 0.99), 0);
  }

  @Test
  void gamma_outsideItsRange_refused() {
    assertThrows(IllegalArgumentException.class, () -> new QuantileTracking(-0.001));
    assertThrows(IllegalArgumentException.class, () -> new QuantileTracking(0.2));
    assertThrows(IllegalArgumentException.class, () -> new QuantileTracking(Double.NaN));
  }

  /**
   * The same series tracked by scripts/quantile-recalibration.py, an independent implementation.
   */
  @Test
  void trackSeries_matchesTheIndependentImplementation() throws IOException {
    List<double[]> rows = new ArrayList<>();
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                getClass().getResourceAsStream("/fixtures/quantile-tracking-aci.csv"),
                StandardCharsets.UTF_8))) {
      in.lines()
          .filter(l -> !l.startsWith("#") && !l.startsWith("open_time_ms"))
          .forEach(
              l -> {
                String[] c = l.split(",", -1);
                double[] r = new double[c.length];
                for (int i = 0; i < c.length; i++) {
                  r[i] = c[i].isEmpty() ? Double.NaN : Double.parseDouble(c[i]);
                }
                rows.add(r);
              });
    }
    int n = rows.size();
    long[] t = new long[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = (long) rows.get(i)[0];
      y[i] = rows.get(i)[1];
    }
    QuantileTracking tracking = new QuantileTracking(0.05);
    int moved = 0;
    for (int k = 0; k < LEVELS.length; k++) {
      double[] q = new double[n];
      double[] expected = new double[n];
      for (int i = 0; i < n; i++) {
        q[i] = rows.get(i)[2 + k];
        expected[i] = rows.get(i)[6 + k];
      }
      double[] got = tracking.trackSeries(t, q, y, LEVELS[k], 24 * HOUR);
      assertArrayEquals(expected, got, 1e-12, "level " + LEVELS[k]);
      for (int i = 0; i < n; i++) {
        moved += Math.abs(got[i] - q[i]) > 1e-6 ? 1 : 0;
      }
    }
    assertTrue(moved > n, "the fixture exercises the tracking: " + moved);
  }

  @Test
  void trackSeries_firstHorizonUntouched_andNoLookAhead() {
    QuantileTracking tracking = new QuantileTracking(0.05);
    int n = 100;
    long[] t = new long[n];
    double[] q = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = i * HOUR;
      q[i] = 0.05;
      y[i] = 0.5; // every window a hit
    }
    double[] out = tracking.trackSeries(t, q, y, 0.9, 24 * HOUR);
    for (int i = 0; i < 24; i++) {
      assertEquals(0.05, out[i], 1e-15, "no window has closed by forecast " + i);
    }
    // forecast 24 is made at the close of the bar that closes forecast 0's window
    assertTrue(out[24] > 0.05);
    // changing the outcomes of windows not yet closed changes nothing before their close
    double[] later = y.clone();
    java.util.Arrays.fill(later, 50, n, 0.0);
    double[] out2 = tracking.trackSeries(t, q, later, 0.9, 24 * HOUR);
    for (int i = 0; i < 74; i++) {
      assertEquals(out[i], out2[i], 0, "forecast " + i);
    }
  }

  @Test
  void trackSeries_outOfOrderOrMismatched_refused() {
    QuantileTracking tracking = new QuantileTracking(0.01);
    assertThrows(
        IllegalArgumentException.class,
        () ->
            tracking.trackSeries(
                new long[] {2, 1}, new double[] {0.1, 0.1}, new double[] {0, 0}, 0.9, HOUR));
    assertThrows(
        IllegalArgumentException.class,
        () -> tracking.trackSeries(new long[] {1}, new double[2], new double[1], 0.9, HOUR));
  }

  @Test
  void zeroGamma_leavesEveryQuantile() {
    double[] q = {0.1, Double.NaN, 0.3};
    assertArrayEquals(
        q,
        new QuantileTracking(0)
            .trackSeries(new long[] {0, HOUR, 2 * HOUR}, q, new double[] {1, 1, 1}, 0.9, HOUR),
        0);
  }

  /**
   * Whatever the model's bias, the tracked quantiles' hit rate tends to 1 − τ: the offset is γ
   * times the sum of (hit − (1 − τ)) over the closed windows, and it stays bounded.
   */
  @Test
  void hitRate_convergesToTheLevel_whateverTheBias() {
    qt().withExamples(40)
        .forAll(doubles().between(0.3, 3), longs().between(1, 1_000_000))
        .checkAssert(
            (bias, seed) -> {
              SplittableRandom r = new SplittableRandom(seed);
              int n = 6000;
              long[] t = new long[n];
              double[] q = new double[n];
              double[] y = new double[n];
              double trueQuantile = -Math.expm1(-0.03 * Math.log(10)); // exponential, τ = 0.9
              for (int i = 0; i < n; i++) {
                t[i] = i * HOUR;
                q[i] = -Math.expm1(Math.log1p(-trueQuantile) * bias);
                y[i] = -Math.expm1(-0.03 * -Math.log(1 - r.nextDouble()));
              }
              double[] out = new QuantileTracking(0.05).trackSeries(t, q, y, 0.9, 24 * HOUR);
              int hits = 0;
              for (int i = 0; i < n - 24; i++) {
                hits += y[i] > out[i] ? 1 : 0;
              }
              double rate = hits / (double) (n - 24);
              assertEquals(0.1, rate, 0.01, "bias " + bias + " seed " + seed);
            });
  }
}

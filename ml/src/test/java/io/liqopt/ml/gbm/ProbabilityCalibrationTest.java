package io.liqopt.ml.gbm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.util.SplittableRandom;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.PointValuePair;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.hipparchus.optim.nonlinear.scalar.noderiv.SimplexOptimizer;
import org.junit.jupiter.api.Test;

class ProbabilityCalibrationTest {
  static final double TOLERANCE = 1e-12;

  /**
   * Newton stops at gradient 1e-9, so fitted probabilities are within about that of the optimum.
   */
  static final double PLATT_TOLERANCE = 1e-7;

  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void isotonic_handWorkedExample_poolsTheViolator() {
    // raw 0.1 0.2 0.3 0.4 0.5, outcomes 0 1 0 1 1: the pair (0.2: 1, 0.3: 0) violates the order and
    // pools to 0.5; blocks {0.1}: 0, {0.2, 0.3}: 0.5, {0.4}: 1, {0.5}: 1 (worked by hand).
    ProbabilityCalibration c =
        ProbabilityCalibration.isotonic(
            new double[] {0.3, 0.1, 0.5, 0.2, 0.4}, new boolean[] {false, false, true, true, true});
    assertEquals(ProbabilityCalibration.ISOTONIC, c.method());
    assertArrayEquals(new double[] {0.1, 0.2, 0.3, 0.4, 0.5}, c.breakpoints(), TOLERANCE);
    assertArrayEquals(new double[] {0, 0.5, 0.5, 1, 1}, c.values(), TOLERANCE);
    assertEquals(0, c.apply(0.05), TOLERANCE);
    assertEquals(0.25, c.apply(0.15), TOLERANCE); // halfway between 0 and 0.5
    assertEquals(0.5, c.apply(0.25), TOLERANCE); // flat inside the pooled block
    assertEquals(0.75, c.apply(0.35), TOLERANCE);
    assertEquals(1, c.apply(0.9), TOLERANCE);
  }

  @Test
  void isotonic_tiesAndCascadingPools_handWorked() {
    // raw 0.2 (×2: outcomes 1, 0), 0.6: 0, 0.8: 1. Tie block {0.2}: 0.5; then 0.6: 0 violates →
    // pool
    // {0.2, 0.2, 0.6} = 1/3; 0.8: 1. Breakpoints 0.2, 0.6, 0.8 with values 1/3, 1/3, 1.
    ProbabilityCalibration c =
        ProbabilityCalibration.isotonic(
            new double[] {0.2, 0.6, 0.2, 0.8}, new boolean[] {true, false, false, true});
    assertArrayEquals(new double[] {0.2, 0.6, 0.8}, c.breakpoints(), TOLERANCE);
    assertArrayEquals(new double[] {1.0 / 3, 1.0 / 3, 1}, c.values(), TOLERANCE);
  }

  @Test
  void isotonicAndPlatt_anyData_nonDecreasingAndInUnitInterval() {
    qt().withExamples(200)
        .withFixedSeed(55L)
        .forAll(integers().between(1, 60), longs().all())
        .checkAssert(ProbabilityCalibrationTest::calibrationsMonotoneInUnitInterval);
  }

  private static void calibrationsMonotoneInUnitInterval(int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] raw = new double[n];
    boolean[] outcome = new boolean[n];
    for (int i = 0; i < n; i++) {
      // coarse grid so that ties occur; sometimes the exact ends 0 and 1
      raw[i] = rng.nextInt(11) / 10.0;
      outcome[i] = rng.nextBoolean();
    }
    for (ProbabilityCalibration c :
        new ProbabilityCalibration[] {
          ProbabilityCalibration.isotonic(raw, outcome),
          ProbabilityCalibration.platt(raw, outcome),
          ProbabilityCalibration.fit(raw, outcome)
        }) {
      double previous = -1;
      for (int k = 0; k <= 200; k++) {
        double q = c.apply(k / 200.0);
        assertTrue(q >= 0 && q <= 1, c + " gave " + q);
        assertTrue(q >= previous, c + " decreases at " + k / 200.0);
        previous = q;
      }
    }
  }

  @Test
  void isotonic_miscalibratedScore_reducesBrierOnFreshData() {
    // the score is p² for a true probability p: monotone but biased low
    SplittableRandom rng = new SplittableRandom(5);
    int n = 5000;
    double[] fitRaw = new double[n];
    boolean[] fitOut = new boolean[n];
    double[] testRaw = new double[n];
    boolean[] testOut = new boolean[n];
    for (int i = 0; i < n; i++) {
      double p = rng.nextDouble();
      fitRaw[i] = p * p;
      fitOut[i] = rng.nextDouble() < p;
      double q = rng.nextDouble();
      testRaw[i] = q * q;
      testOut[i] = rng.nextDouble() < q;
    }
    ProbabilityCalibration c = ProbabilityCalibration.isotonic(fitRaw, fitOut);
    double rawBrier = brier(testRaw, testOut);
    double calibratedBrier = brier(c.apply(testRaw), testOut);
    // raw Brier ≈ E[p(1−p)] + E[(p − p²)²] = 1/6 + 1/30; calibrated should approach 1/6
    assertTrue(calibratedBrier < rawBrier - 0.02, "Brier " + rawBrier + " → " + calibratedBrier);
    ProbabilityCalibration platt = ProbabilityCalibration.platt(fitRaw, fitOut);
    assertTrue(brier(platt.apply(testRaw), testOut) < rawBrier - 0.02);
  }

  static double brier(double[] p, boolean[] y) {
    double sum = 0;
    for (int i = 0; i < p.length; i++) {
      double e = p[i] - (y[i] ? 1 : 0);
      sum += e * e;
    }
    return sum / p.length;
  }

  @Test
  void platt_twoDistinctScores_saturatedFitEqualsSmoothedRates() {
    // With two distinct raw values the model σ(A·z + B) is saturated: at the optimum the fitted
    // probability at each value equals the mean smoothed target there (score equations, worked by
    // hand). N₊ = 9, N₋ = 11: t₊ = 10/11, t₋ = 1/13.
    //   raw 0.2: 3 events of 10 → (3·10/11 + 7/13)/10 = 0.326573426...
    //   raw 0.7: 6 events of 10 → (6·10/11 + 4/13)/10 = 0.576223776...
    double[] raw = new double[20];
    boolean[] out = new boolean[20];
    for (int i = 0; i < 10; i++) {
      raw[i] = 0.2;
      out[i] = i < 3;
      raw[10 + i] = 0.7;
      out[10 + i] = i < 6;
    }
    ProbabilityCalibration c = ProbabilityCalibration.platt(raw, out);
    assertEquals(ProbabilityCalibration.PLATT, c.method());
    assertEquals((3 * 10.0 / 11 + 7.0 / 13) / 10, c.apply(0.2), PLATT_TOLERANCE);
    assertEquals((6 * 10.0 / 11 + 4.0 / 13) / 10, c.apply(0.7), PLATT_TOLERANCE);
    assertEquals(0.326573426, c.apply(0.2), 1e-8);
    assertEquals(0.576223776, c.apply(0.7), 1e-8);
  }

  @Test
  void platt_generalData_matchesNelderMeadOnTheSameLikelihood() {
    SplittableRandom rng = new SplittableRandom(9);
    int n = 300;
    double[] raw = new double[n];
    boolean[] out = new boolean[n];
    int events = 0;
    for (int i = 0; i < n; i++) {
      raw[i] = 0.01 + 0.98 * rng.nextDouble();
      out[i] = rng.nextDouble() < Math.sqrt(raw[i]);
      events += out[i] ? 1 : 0;
    }
    ProbabilityCalibration c = ProbabilityCalibration.platt(raw, out);
    double tPos = (events + 1.0) / (events + 2.0);
    double tNeg = 1.0 / (n - events + 2.0);
    ObjectiveFunction nll =
        new ObjectiveFunction(
            ab -> {
              double sum = 0;
              for (int i = 0; i < n; i++) {
                double z = Math.log(raw[i] / (1 - raw[i]));
                double q = 1 / (1 + Math.exp(-(ab[0] * z + ab[1])));
                double t = out[i] ? tPos : tNeg;
                sum -= t * Math.log(q) + (1 - t) * Math.log(1 - q);
              }
              return sum;
            });
    PointValuePair best =
        new SimplexOptimizer(1e-13, 1e-13)
            .optimize(
                new MaxEval(20000),
                nll,
                GoalType.MINIMIZE,
                new InitialGuess(new double[] {1, 0}),
                new NelderMeadSimplex(2));
    assertEquals(best.getPoint()[0], c.slope(), 1e-5);
    assertEquals(best.getPoint()[1], c.intercept(), 1e-5);
  }

  @Test
  void platt_antiCorrelatedScores_flatNotDecreasing() {
    double[] raw = {0.1, 0.2, 0.3, 0.7, 0.8, 0.9};
    boolean[] out = {true, true, false, true, false, false};
    ProbabilityCalibration c = ProbabilityCalibration.platt(raw, out);
    assertEquals(0, c.slope(), 0.0);
    assertEquals(c.apply(0.1), c.apply(0.9), TOLERANCE);
    // mean smoothed target: N₊ = N₋ = 3, t₊ = 4/5, t₋ = 1/5 → 0.5
    assertEquals(0.5, c.apply(0.5), TOLERANCE);
  }

  @Test
  void fit_routesByEventCounts() {
    SplittableRandom rng = new SplittableRandom(3);
    double[] raw = new double[400];
    boolean[] many = new boolean[400];
    boolean[] few = new boolean[400];
    for (int i = 0; i < raw.length; i++) {
      raw[i] = rng.nextDouble();
      many[i] = rng.nextDouble() < raw[i];
      few[i] = i < 10;
    }
    assertEquals(ProbabilityCalibration.ISOTONIC, ProbabilityCalibration.fit(raw, many).method());
    assertEquals(ProbabilityCalibration.PLATT, ProbabilityCalibration.fit(raw, few).method());
  }

  @Test
  void fit_noEventsOrOnlyEvents_constantBaseRateNeverNaN() {
    double[] raw = {0.1, 0.5, 0.9};
    ProbabilityCalibration none = ProbabilityCalibration.fit(raw, new boolean[3]);
    assertEquals(ProbabilityCalibration.CONSTANT, none.method());
    assertEquals(0, none.apply(0.99), 0.0);
    ProbabilityCalibration all = ProbabilityCalibration.fit(raw, new boolean[] {true, true, true});
    assertEquals(1, all.apply(0.01), 0.0);
    ProbabilityCalibration isoNone = ProbabilityCalibration.isotonic(raw, new boolean[3]);
    assertEquals(0, isoNone.apply(0.7), 0.0);
    double plattNone = ProbabilityCalibration.platt(raw, new boolean[3]).apply(0.7);
    assertTrue(plattNone >= 0 && plattNone < 0.5, "Platt with no events: " + plattNone);
  }

  @Test
  void inputs_nonFiniteOrOutOfRange_refused() {
    ProbabilityCalibration c = ProbabilityCalibration.constant(0.2);
    assertThrows(IllegalArgumentException.class, () -> c.apply(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> c.apply(1.5));
    assertThrows(
        IllegalArgumentException.class,
        () -> ProbabilityCalibration.fit(new double[] {0.1, Double.NaN}, new boolean[2]));
    assertThrows(
        IllegalArgumentException.class,
        () -> ProbabilityCalibration.fit(new double[0], new boolean[0]));
    assertThrows(
        IllegalArgumentException.class,
        () -> ProbabilityCalibration.fit(new double[2], new boolean[3]));
  }

  @Test
  void json_roundTrip_everyMethod() throws Exception {
    double[] raw = {0.3, 0.1, 0.5, 0.2, 0.4};
    boolean[] out = {false, false, true, true, true};
    for (ProbabilityCalibration c :
        new ProbabilityCalibration[] {
          ProbabilityCalibration.isotonic(raw, out),
          ProbabilityCalibration.platt(raw, out),
          ProbabilityCalibration.constant(0.07)
        }) {
      String json = JSON.writeValueAsString(c);
      ProbabilityCalibration back = JSON.readValue(json, ProbabilityCalibration.class);
      assertEquals(c, back, json);
      assertEquals(c.apply(0.33), back.apply(0.33), 0.0);
    }
  }

  @Test
  void json_invalidCalibration_refused() {
    String decreasing =
        "{\"method\":\"isotonic\",\"breakpoints\":[0.1,0.2],\"values\":[0.6,0.4],"
            + "\"slope\":0,\"intercept\":0}";
    assertThrows(
        ValueInstantiationException.class,
        () -> JSON.readValue(decreasing, ProbabilityCalibration.class));
    String unknown =
        "{\"method\":\"beta\",\"breakpoints\":[],\"values\":[],\"slope\":0,\"intercept\":0}";
    assertThrows(
        ValueInstantiationException.class,
        () -> JSON.readValue(unknown, ProbabilityCalibration.class));
  }

  @Test
  void arrays_copiedInAndOut() {
    double[] bp = {0.1, 0.9};
    double[] v = {0.2, 0.8};
    ProbabilityCalibration c =
        new ProbabilityCalibration(ProbabilityCalibration.ISOTONIC, bp, v, 0, 0);
    bp[0] = 0.5;
    c.values()[0] = 0.9;
    assertEquals(0.2, c.apply(0.1), 0.0);
  }
}

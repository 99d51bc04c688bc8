package io.liqopt.ml.gbm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.liqopt.core.forecast.baseline.ReflectedStudentT;
import java.util.SplittableRandom;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.PointValuePair;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.hipparchus.optim.nonlinear.scalar.noderiv.SimplexOptimizer;
import org.junit.jupiter.api.Test;

class StressStackingTest {

  /** Rows where the event follows p = σ(b0 + b1·logit(pv) + b2·logit(pc)) exactly. */
  private record Sample(double[] pv, double[] pc, boolean[] y) {}

  private static Sample sample(int n, double b0, double b1, double b2, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] pv = new double[n];
    double[] pc = new double[n];
    boolean[] y = new boolean[n];
    for (int i = 0; i < n; i++) {
      pv[i] = 1 / (1 + Math.exp(-(r.nextDouble() * 6 - 5)));
      pc[i] = 1 / (1 + Math.exp(-(r.nextDouble() * 6 - 5)));
      double z = b0 + b1 * StressStacking.logit(pv[i]) + b2 * StressStacking.logit(pc[i]);
      y[i] = r.nextDouble() < 1 / (1 + Math.exp(-z));
    }
    return new Sample(pv, pc, y);
  }

  @Test
  void fit_recoversTheWeightsOfSimulatedEvents() {
    Sample s = sample(200_000, -0.5, 0.8, 0.3, 1);
    StressStacking st = StressStacking.fit(s.pv(), s.pc(), s.y());
    // maximum likelihood on 200 000 rows: standard errors are about 0.01
    assertEquals(-0.5, st.intercept(), 0.06);
    assertEquals(0.8, st.volatilityWeight(), 0.03);
    assertEquals(0.3, st.classifierWeight(), 0.03);
    assertEquals(200_000, st.rows());
  }

  @Test
  void fit_isTheMaximumOfTheLikelihood() {
    Sample s = sample(3_000, -1, 1.2, 0.4, 2);
    StressStacking st = StressStacking.fit(s.pv(), s.pc(), s.y());
    // an independent optimiser on the same likelihood finds the same point
    SimplexOptimizer opt = new SimplexOptimizer(1e-13, 1e-13);
    PointValuePair best =
        opt.optimize(
            new MaxEval(200_000),
            GoalType.MINIMIZE,
            new InitialGuess(new double[] {0, 1, 0}),
            new NelderMeadSimplex(3),
            new ObjectiveFunction(b -> nll(s, b[0], b[1], b[2])));
    assertEquals(
        best.getValue(),
        nll(s, st.intercept(), st.volatilityWeight(), st.classifierWeight()),
        1e-6);
    assertEquals(best.getPoint()[1], st.volatilityWeight(), 1e-3);
    assertEquals(best.getPoint()[2], st.classifierWeight(), 1e-3);
  }

  @Test
  void fit_dropsAnInputThatWouldGetANegativeWeight() {
    // the classifier is anti-informative: an unconstrained fit would give it a negative weight
    Sample s = sample(50_000, -0.5, 1.0, -0.6, 3);
    StressStacking st = StressStacking.fit(s.pv(), s.pc(), s.y());
    assertEquals(0, st.classifierWeight());
    assertTrue(st.volatilityWeight() > 0.8, "volatility weight " + st.volatilityWeight());
  }

  @Test
  void apply_isNonDecreasingInBothInputs() {
    StressStacking st = new StressStacking(-1, 0.7, 0.2, 10, 2);
    double prev = 0;
    for (double p = 0; p <= 1; p += 0.01) {
      double q = st.apply(p, 0.3);
      assertTrue(q >= prev && q >= 0 && q <= 1);
      prev = q;
    }
    assertTrue(st.apply(0.2, 0.9) >= st.apply(0.2, 0.1));
    // the identity stack (weight 1 on volatility, 0 elsewhere) returns its input
    assertEquals(0.123, new StressStacking(0, 1, 0, 1, 1).apply(0.123, 0.9), 1e-12);
  }

  @Test
  void refusesOneClassBlocksAndNegativeWeights() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            StressStacking.fit(
                new double[] {0.1, 0.2}, new double[] {0.1, 0.2}, new boolean[] {false, false}));
    assertThrows(IllegalArgumentException.class, () -> new StressStacking(0, -0.1, 0, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> new StressStacking(Double.NaN, 1, 0, 1, 1));
  }

  @Test
  void roundTripsThroughJson() throws Exception {
    ObjectMapper json = new ObjectMapper();
    StressStacking st = new StressStacking(-2.5, 0.9, 0.1, 1_000, 40);
    String text = json.writeValueAsString(st);
    assertEquals(st, json.readValue(text, StressStacking.class));
    assertFalse(text.contains("reflectionNu"), text);
    StressStacking reflected = StressStacking.reflected(ReflectedStudentT.of(4), 500, 20);
    assertEquals(
        reflected, json.readValue(json.writeValueAsString(reflected), StressStacking.class));
    assertEquals(4, reflected.reflection().nu());
  }

  @Test
  void reflected_identityStack_refusesBadNu() {
    StressStacking st = StressStacking.reflected(ReflectedStudentT.of(6), 10, 1);
    assertEquals(0.0321, st.apply(0.0321, 0.9), 1e-12);
    assertThrows(IllegalArgumentException.class, () -> new StressStacking(0, 1, 0, 1, 1, 1.5));
    assertEquals(null, new StressStacking(0, 1, 0, 1, 1).reflection());
  }

  private static double nll(Sample s, double b0, double b1, double b2) {
    double f = 0;
    for (int i = 0; i < s.y().length; i++) {
      double z = b0 + b1 * StressStacking.logit(s.pv()[i]) + b2 * StressStacking.logit(s.pc()[i]);
      f += Math.log1p(Math.exp(-Math.abs(z))) + Math.max(z, 0) - (s.y()[i] ? z : 0);
    }
    return f;
  }
}

package io.liqopt.training.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liqopt.core.forecast.baseline.ReflectedStudentT;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StressSourceSelectionTest {
  private static final double LEVEL = 0.10;
  private static final int CAL = 2_000;
  private static final int SEL = 1_000;

  @Test
  void choose_equallyGoodSources_keepsTheDefault() {
    SplittableRandom r = new SplittableRandom(5);
    double[] truth = variances(r);
    boolean[] events = events(truth, r);
    StressSourceSelection.Choice c = choose(truth, truth.clone(), events);
    assertEquals("ml", c.source);
    assertEquals(StressSourceSelection.REFLECTED, c.stack);
    assertEquals(c.stacking, c.bestMl);
    assertTrue(c.losses.containsKey("garch/withClassifier"), c.losses.toString());
  }

  @Test
  void choose_uninformativeMlVariance_clearlyBeaten_givesWayToTheInformativeSource() {
    SplittableRandom r = new SplittableRandom(9);
    double[] truth = variances(r);
    boolean[] events = events(truth, r);
    double[] flat = new double[truth.length];
    java.util.Arrays.fill(flat, 1e-3);
    StressSourceSelection.Choice c = choose(flat, truth, events);
    assertEquals("garch", c.source);
    assertTrue(c.losses.get("garch/" + c.stack) < c.losses.get("ml/reflected"));
  }

  @Test
  void choose_mlNu_fittedOnTheFitBlockToo() {
    SplittableRandom r = new SplittableRandom(13);
    double[] truth = variances(r);
    boolean[] events = events(truth, r);
    double[] fit = new double[20_000];
    for (int i = 0; i < fit.length; i++) {
      fit[i] = Math.exp(Math.log(2e-4) + r.nextDouble() * Math.log(100));
    }
    boolean[] fitEvents = events(fit, r); // drawn at ν = 4
    StressSourceSelection.Choice c = choose(truth, truth.clone(), events, fit, fitEvents);
    assertEquals("ml/reflected", c.source + "/" + c.stack);
    double nu = c.stacking.reflectionNu();
    assertTrue(nu >= 3.5 && nu <= 5, "nu " + nu);
  }

  private static StressSourceSelection.Choice choose(
      double[] ml, double[] garch, boolean[] events) {
    return choose(ml, garch, events, new double[0], new boolean[0]);
  }

  private static StressSourceSelection.Choice choose(
      double[] ml, double[] garch, boolean[] events, double[] fit, boolean[] fitEvents) {
    boolean[] sel = java.util.Arrays.copyOfRange(events, 0, SEL);
    boolean[] cal = java.util.Arrays.copyOfRange(events, SEL, SEL + CAL);
    long[] selTimes = new long[SEL];
    for (int i = 0; i < SEL; i++) {
      selTimes[i] = i * 3_600_000L;
    }
    double[] clfCal = new double[CAL];
    double[] clfSel = new double[SEL];
    java.util.Arrays.fill(clfCal, 0.05);
    java.util.Arrays.fill(clfSel, 0.05);
    return StressSourceSelection.choose(
        List.of(scored("ml", ml), scored("garch", garch)),
        clfCal,
        cal,
        clfSel,
        sel,
        selTimes,
        LEVEL,
        2,
        10,
        fit,
        fitEvents);
  }

  /** A source whose moves' exceedance is the reflected map at ν = 8 (a misspecified tail). */
  private static StressSourceSelection.Scored scored(String name, double[] variance) {
    ReflectedStudentT m = ReflectedStudentT.of(8);
    double[] p = new double[variance.length];
    for (int i = 0; i < p.length; i++) {
      p[i] = m.exceedance(LEVEL, variance[i]);
    }
    return new StressSourceSelection.Scored(
        name,
        java.util.Arrays.copyOfRange(p, SEL, SEL + CAL),
        java.util.Arrays.copyOfRange(p, 0, SEL),
        new double[] {1, 2, 3},
        java.util.Arrays.copyOfRange(variance, SEL, SEL + CAL),
        java.util.Arrays.copyOfRange(variance, 0, SEL));
  }

  private static double[] variances(SplittableRandom r) {
    double[] v = new double[SEL + CAL];
    for (int i = 0; i < v.length; i++) {
      v[i] = Math.exp(Math.log(2e-4) + r.nextDouble() * Math.log(100));
    }
    return v;
  }

  private static boolean[] events(double[] variance, SplittableRandom r) {
    ReflectedStudentT m = ReflectedStudentT.of(4);
    boolean[] e = new boolean[variance.length];
    for (int i = 0; i < e.length; i++) {
      e[i] = r.nextDouble() < m.exceedance(LEVEL, variance[i]);
    }
    return e;
  }
}

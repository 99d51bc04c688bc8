package io.liqopt.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LinearBaseTest {
  static final List<String> NAMES = List.of("a", "x1", "b", "x2");

  private static double[][] rows(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] x = new double[n][];
    for (int i = 0; i < n; i++) {
      x[i] = new double[] {r.nextDouble(), r.nextGaussian(), r.nextDouble(), r.nextGaussian()};
    }
    return x;
  }

  @Test
  void fit_recoversAnExactLinearRelationOnTheNamedColumnsOnly() {
    double[][] x = rows(5_000, 1);
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = 1.5 + 2 * x[i][1] - 0.25 * x[i][3];
    }
    // clamping at the 0.1 % / 99.9 % quantiles changes 0.2 % of the rows: fit on rows inside them
    LinearBase base = LinearBase.fit(x, y, NAMES, List.of("x1", "x2"));
    assertEquals(1.5, base.intercept(), 0.02);
    assertArrayEquals(new double[] {2, -0.25}, base.coefficients(), 0.02);
    double[] p = base.predict(new double[][] {{9, 0.3, 9, -0.2}}, base.bind(NAMES));
    assertEquals(1.5 + 0.6 + 0.05, p[0], 0.01);
  }

  @Test
  void fit_collinearAndConstantColumns_stillFits() {
    // training on the market asset alone: its daily RV is the market's, column for column
    double[][] x = rows(3_000, 4);
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      x[i][3] = x[i][1];
      x[i][2] = 0.5;
      y[i] = -1 + 3 * x[i][1];
    }
    LinearBase base = LinearBase.fit(x, y, NAMES, List.of("x1", "x2", "b"));
    double[] c = base.coefficients();
    assertEquals(
        3, c[0] + c[1], 0.01, "the two copies share the weight (clamping tilts it a little)");
    assertEquals(c[0], c[1], 1e-9);
    assertEquals(0, c[2], "a constant column gets no weight");
    assertEquals(-1, base.intercept(), 0.02);
  }

  @Test
  void predict_clampsInputsToTheTrainingRange() {
    LinearBase base =
        new LinearBase(List.of("x1"), 1, new double[] {2}, new double[] {-1}, new double[] {1});
    int[] at = base.bind(NAMES);
    // a flat day's floored log variance (−46) counts as the training minimum, not −46
    assertEquals(-1, base.predict(new double[][] {{0, -46, 0, 0}}, at)[0], 1e-15);
    assertEquals(3, base.predict(new double[][] {{0, 50, 0, 0}}, at)[0], 1e-15);
    assertEquals(2, base.predict(new double[][] {{0, 0.5, 0, 0}}, at)[0], 1e-15);
  }

  @Test
  void refusesAMissingColumnAndInconsistentShapes() {
    LinearBase base =
        new LinearBase(List.of("zz"), 0, new double[] {1}, new double[] {0}, new double[] {1});
    assertThrows(IllegalArgumentException.class, () -> base.bind(NAMES));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new LinearBase(
                List.of("x1"), 0, new double[] {1, 2}, new double[] {0}, new double[] {1}));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new LinearBase(List.of("x1"), 0, new double[] {1}, new double[] {2}, new double[] {1}));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new LinearBase(
                List.of("x1"), 0, new double[] {Double.NaN}, new double[] {0}, new double[] {1}));
  }

  @Test
  void roundTripsThroughJson() throws Exception {
    ObjectMapper json = new ObjectMapper();
    LinearBase base =
        LinearBase.fit(
            rows(500, 2),
            new SplittableRandom(3).doubles(500).toArray(),
            NAMES,
            List.of("x1", "x2"));
    LinearBase back = json.readValue(json.writeValueAsString(base), LinearBase.class);
    assertEquals(base.columns(), back.columns());
    assertEquals(base.intercept(), back.intercept());
    assertArrayEquals(base.coefficients(), back.coefficients());
    assertArrayEquals(base.lower(), back.lower());
    assertArrayEquals(base.upper(), back.upper());
  }
}

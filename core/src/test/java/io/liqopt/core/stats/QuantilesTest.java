package io.liqopt.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuantilesTest {
  private static final long SEED = 20_261_204L;

  @Test
  void knownValues_matchRAndNumpyDefaults() {
    // R: quantile(c(1, 2, 3, 4), c(0, .25, .5, .9, 1)) = 1, 1.75, 2.5, 3.7, 4 (type 7)
    double[] x = {1, 2, 3, 4};
    assertEquals(1, Quantiles.ofSorted(x, 0), 0);
    assertEquals(1.75, Quantiles.ofSorted(x, 0.25), 1e-15);
    assertEquals(2.5, Quantiles.ofSorted(x, 0.5), 1e-15);
    assertEquals(3.7, Quantiles.ofSorted(x, 0.9), 1e-15);
    assertEquals(4, Quantiles.ofSorted(x, 1), 0);
    // numpy.percentile(range(1, 101), 99) = 99.01
    double[] y = new double[100];
    for (int i = 0; i < y.length; i++) {
      y[i] = i + 1;
    }
    assertEquals(99.01, Quantiles.ofSorted(y, 0.99), 1e-12);
    assertEquals(7, Quantiles.ofSorted(new double[] {7}, 0.3), 0);
  }

  @Test
  void prefixAndLongs_agreeWithTheArrayForm() {
    double[] x = {1, 2, 3, 4, 100, 200};
    assertEquals(Quantiles.ofSorted(new double[] {1, 2, 3, 4}, 0.9), Quantiles.ofSorted(x, 4, 0.9));
    assertEquals(3.7, Quantiles.ofSorted(new long[] {1, 2, 3, 4}, 0.9), 1e-15);
  }

  @Test
  void badInput_refused() {
    assertThrows(IllegalArgumentException.class, () -> Quantiles.ofSorted(new double[0], 0.5));
    assertThrows(IllegalArgumentException.class, () -> Quantiles.ofSorted(new double[] {1}, 1.1));
    assertThrows(
        IllegalArgumentException.class, () -> Quantiles.ofSorted(new double[] {1}, Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> Quantiles.ofSorted(new long[0], 0.5));
    assertThrows(IllegalArgumentException.class, () -> Quantiles.ofSorted(new double[] {1}, 2, 0));
  }

  @Test
  void property_nonDecreasingInP_andBetweenMinAndMax() {
    qt().withExamples(500)
        .withFixedSeed(SEED)
        .forAll(
            lists().of(doubles().between(-1e6, 1e6)).ofSizeBetween(1, 60),
            integers().between(0, 1000),
            integers().between(0, 1000))
        .checkAssert(
            (List<Double> values, Integer a, Integer b) -> {
              double[] s = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
              double p = Math.min(a, b) / 1000.0;
              double q = Math.max(a, b) / 1000.0;
              double qp = Quantiles.ofSorted(s, p);
              double qq = Quantiles.ofSorted(s, q);
              assertTrue(qp <= qq, () -> Arrays.toString(s) + " p=" + p + " q=" + q);
              assertTrue(s[0] <= qp && qq <= s[s.length - 1]);
              assertEquals(s[0], Quantiles.ofSorted(s, 0), 0);
              assertEquals(s[s.length - 1], Quantiles.ofSorted(s, 1), 0);
            });
  }

  /* The unsorted form is the sorted form, bit for bit, for low and high p, ties and -0.0. */
  @Test
  void ofUnsorted_equalsSortingFirst() {
    qt().withExamples(500)
        .forAll(
            lists().of(integers().between(-50, 50)).ofSizeBetween(1, 400),
            doubles().between(0, 1),
            integers().between(0, 3))
        .checkAssert(
            (ints, p, scale) -> {
              double[] x = new double[ints.size()];
              for (int i = 0; i < x.length; i++) {
                x[i] = ints.get(i) == 0 && i % 2 == 1 ? -0.0 : ints.get(i) / Math.pow(10, scale);
              }
              double[] before = x.clone();
              double[] sorted = x.clone();
              Arrays.sort(sorted);
              for (double q : new double[] {p, p / 100, 0.01, 0, 1}) {
                assertEquals(
                    Double.doubleToLongBits(Quantiles.ofSorted(sorted, q)),
                    Double.doubleToLongBits(Quantiles.ofUnsorted(x, x.length, q)),
                    () -> "p " + q + " of " + Arrays.toString(before));
              }
              assertTrue(Arrays.equals(before, x), "the sample is not modified");
            });
    assertEquals(2.5, Quantiles.ofUnsorted(new double[] {4, 1, 3, 2, 9}, 4, 0.5), 1e-15);
    assertThrows(IllegalArgumentException.class, () -> Quantiles.ofUnsorted(new double[0], 0, 0.5));
  }
}

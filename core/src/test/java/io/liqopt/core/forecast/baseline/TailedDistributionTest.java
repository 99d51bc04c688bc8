package io.liqopt.core.forecast.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TailedDistributionTest {
  /** The fixture's figures are shortest round-trip reprs; the arithmetic differs in order. */
  private static final double TOLERANCE = 1e-12;

  @Test
  void of_tSample_matchesScipyFixture() throws IOException {
    // expected values: src/test/resources/fixtures/tailed_distribution.py (numpy, scipy)
    List<String> input = lines("tailed-input.csv");
    double[] z = input.stream().mapToDouble(Double::parseDouble).toArray();
    Map<String, Double> expected = new LinkedHashMap<>();
    for (String line : lines("tailed-expected.csv")) {
      int comma = line.lastIndexOf(',');
      expected.put(line.substring(0, comma), Double.parseDouble(line.substring(comma + 1)));
    }
    TailedDistribution d = TailedDistribution.of(EmpiricalDistribution.of(z, z.length));
    assertTrue(d.hasTail());
    assertEquals(expected.get("threshold"), d.threshold(), TOLERANCE);
    assertEquals(expected.get("shape"), d.shape(), TOLERANCE);
    assertEquals(expected.get("scale"), d.scale(), TOLERANCE);
    int checked = 0;
    for (Map.Entry<String, Double> e : expected.entrySet()) {
      if (e.getKey().startsWith("S(")) {
        double x = Double.parseDouble(e.getKey().substring(2, e.getKey().length() - 1));
        double want = e.getValue();
        assertEquals(want, d.exceedance(x), TOLERANCE * Math.max(1, want), e.getKey());
        checked++;
      }
    }
    assertEquals(14, checked);
  }

  @Test
  void exceedance_anySample_monotoneBoundedContinuousAtThreshold() {
    qt().withExamples(100)
        .withFixedSeed(2024L)
        .forAll(integers().between(1, 3000), integers().between(1, 1_000_000))
        .checkAssert(
            (n, seed) -> {
              double[] z = sample(n, seed);
              EmpiricalDistribution e = EmpiricalDistribution.of(z, n);
              TailedDistribution d = TailedDistribution.of(e);
              double previous = 1;
              for (double x = -0.5; x < 30; x += 0.01) {
                double s = d.exceedance(x);
                assertTrue(s >= 0 && s <= 1, "S(" + x + ") = " + s);
                assertTrue(s <= previous, "S rises at " + x);
                previous = s;
              }
              if (d.hasTail()) {
                double u = d.threshold();
                double below = d.exceedance(Math.nextDown(u));
                assertEquals(e.exceedance(u), d.exceedance(u), TOLERANCE);
                assertEquals(d.exceedance(u), below, 1e-9);
              }
            });
  }

  @Test
  void exceedance_belowThreshold_equalsEmpiricalAtOrderStatistics() {
    qt().withExamples(100)
        .withFixedSeed(77L)
        .forAll(integers().between(1, 2000), integers().between(1, 1_000_000))
        .checkAssert(
            (n, seed) -> {
              double[] z = sample(n, seed);
              EmpiricalDistribution e = EmpiricalDistribution.of(z, n);
              TailedDistribution d = TailedDistribution.of(e);
              for (double v : e.sortedSamples()) {
                if (v < d.threshold()) {
                  assertEquals(e.exceedance(v), d.exceedance(v), TOLERANCE);
                }
              }
            });
  }

  @Test
  void exceedance_breaksTies_betweenOrderStatistics() {
    // sorted 1 2 3 4: S(2) = 0.5, S(3) = 0.25, halfway 0.375 (the step function says 0.5)
    TailedDistribution d =
        TailedDistribution.of(EmpiricalDistribution.of(new double[] {4, 2, 3, 1}, 4));
    assertFalse(d.hasTail());
    assertEquals(0.375, d.exceedance(2.5), TOLERANCE);
    assertEquals(1, d.exceedance(0.5), TOLERANCE);
    assertEquals(0, d.exceedance(4), TOLERANCE);
  }

  @Test
  void of_thresholdLevelOutside01_refused() {
    EmpiricalDistribution e = EmpiricalDistribution.of(new double[] {1, 2}, 2);
    assertThrows(IllegalArgumentException.class, () -> TailedDistribution.of(e, 1));
    assertThrows(IllegalArgumentException.class, () -> TailedDistribution.of(e, Double.NaN));
  }

  @Test
  void exceedance_largeDoubles_stayFinite() {
    qt().withExamples(50)
        .withFixedSeed(5L)
        .forAll(doubles().between(0, 1e6))
        .checkAssert(
            x -> {
              double s =
                  TailedDistribution.of(EmpiricalDistribution.of(sample(500, 3), 500))
                      .exceedance(x);
              assertTrue(s >= 0 && s <= 1);
            });
  }

  /** |t_4|-like moves, rounded to 0.01 so that the sample ties. */
  private static double[] sample(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] z = new double[n];
    for (int i = 0; i < n; i++) {
      double g = r.nextGaussian();
      double chi = 0;
      for (int j = 0; j < 4; j++) {
        double c = r.nextGaussian();
        chi += c * c;
      }
      z[i] = Math.round(Math.abs(g / Math.sqrt(chi / 4)) * 100) / 100.0;
    }
    return z;
  }

  private static List<String> lines(String file) throws IOException {
    List<String> out = new ArrayList<>();
    try (InputStream in = TailedDistributionTest.class.getResourceAsStream("/fixtures/" + file);
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (!line.isBlank()) {
          out.add(line);
        }
      }
    }
    return out;
  }
}

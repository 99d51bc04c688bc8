package io.liqopt.training.metrics;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The fixture of {@code src/test/resources/fixtures/}: an input series and the values statsmodels,
 * numpy and scipy computed on it ({@code coverage_tests.py} says how and with which versions).
 */
final class CoverageFixture {
  /** Relative agreement with the Python values: both sides are double arithmetic. */
  static final double RELATIVE_TOLERANCE = 1e-9;

  /** The nominal hit probability p of the fixture's hits. */
  static final double EXPECTED_RATE = 0.05;

  /** The overlap h of the fixture's hits (24-step windows). */
  static final int HORIZON = 24;

  final long[] position;
  final boolean[] hit;
  final double[] quantile;
  final double[][] loss;
  private final Map<String, Double> expected;

  private CoverageFixture(
      long[] position,
      boolean[] hit,
      double[] quantile,
      double[][] loss,
      Map<String, Double> expected) {
    this.position = position;
    this.hit = hit;
    this.quantile = quantile;
    this.loss = loss;
    this.expected = expected;
  }

  /** Reads both files. */
  static CoverageFixture load() {
    List<String[]> rows = read("coverage-input.csv");
    int n = rows.size();
    long[] position = new long[n];
    boolean[] hit = new boolean[n];
    double[] quantile = new double[n];
    double[][] loss = new double[4][n];
    for (int i = 0; i < n; i++) {
      String[] r = rows.get(i);
      position[i] = Long.parseLong(r[0]);
      hit[i] = r[1].equals("1");
      quantile[i] = Double.parseDouble(r[2]);
      for (int k = 0; k < 4; k++) {
        loss[k][i] = Double.parseDouble(r[3 + k]);
      }
    }
    Map<String, Double> expected = new HashMap<>();
    for (String[] r : read("coverage-expected.csv")) {
      expected.put(r[0], Double.parseDouble(r[1]));
    }
    return new CoverageFixture(position, hit, quantile, loss, expected);
  }

  /** The recorded value {@code name}. */
  double expected(String name) {
    Double v = expected.get(name);
    if (v == null) {
      throw new IllegalArgumentException("no expected value " + name);
    }
    return v;
  }

  /** The tolerance for comparing with {@code expected(name)}. */
  double tolerance(String name) {
    return RELATIVE_TOLERANCE * Math.max(1e-300, Math.abs(expected(name)));
  }

  /** The data lines of a CSV (header and # comments skipped). */
  private static List<String[]> read(String file) {
    try (InputStream in = CoverageFixture.class.getResourceAsStream("/fixtures/" + file)) {
      if (in == null) {
        throw new IllegalStateException("missing fixture " + file);
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      List<String[]> rows = new ArrayList<>();
      boolean header = true;
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.startsWith("#")) {
          continue;
        }
        if (!header) {
          rows.add(line.split(","));
        }
        header = false;
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

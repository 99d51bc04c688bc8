package io.liqopt.training.walkforward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.liqopt.core.stats.DayBlockBootstrap;
import io.liqopt.core.stats.DayBlockBootstrap.Interval;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The evaluation's bootstrap AUC intervals against an independent computation: expected values from
 * {@code src/test/resources/fixtures/bootstrap_auc.py} (numpy 1.24.2, scipy 1.10.1; the script says
 * how to re-run it): day multiplicities by the circular-block rule written out in Python, AUCs by
 * {@code scipy.stats.mannwhitneyu} on the expanded sample (rows repeated by their day's
 * multiplicity), interval ends by {@code numpy.quantile(method="linear")}. The block starts are
 * drawn in Python and read here, so {@link DayBlockBootstrap#draws} is not exercised.
 */
class BootstrapAucFixtureTest {
  /** The fixture's values are shortest round-trip reprs; the sums run in another order. */
  private static final double TOLERANCE = 1e-12;

  /** Days per block of the fixture's resamples. */
  private static final int BLOCK_DAYS = 10;

  /** The day axis of the fixture. */
  private static final int DAYS = 63;

  private static final double LEVEL = 0.95;

  /** The fixture, read afresh for each test (JUnit makes an instance per test). */
  private final Fixture f = Fixture.load();

  @Test
  void fixture_sizes_asWritten() {
    assertEquals(400, f.score.length);
    assertEquals(50, f.starts.length);
    assertEquals(50, f.counts.length);
    assertEquals((DAYS + BLOCK_DAYS - 1) / BLOCK_DAYS, f.starts[0].length);
    assertEquals(DAYS, f.counts[0].length);
    assertEquals(DAYS - 1, Arrays.stream(f.rowDay).max().getAsInt());
  }

  @Test
  void dayCounts_fixtureStarts_matchPythonMultiplicities() {
    int[] got = new int[DAYS];
    for (int b = 0; b < f.starts.length; b++) {
      DayBlockBootstrap.dayCounts(f.starts[b], BLOCK_DAYS, DAYS, got);
      assertArrayEquals(f.counts[b], got, "resample " + (b + 1));
    }
    DayBlockBootstrap.dayCounts(
        DayBlockBootstrap.identity(DAYS, BLOCK_DAYS), BLOCK_DAYS, DAYS, got);
    int[] once = new int[DAYS];
    Arrays.fill(once, 1);
    assertArrayEquals(once, got);
  }

  @Test
  void weightedAuc_fixtureResamples_matchScipyMannWhitneyOnExpandedSample() {
    double[] auc = aucs();
    for (int b = 0; b < auc.length; b++) {
      assertEquals(f.expected("auc." + b), auc[b], TOLERANCE, "auc." + b);
    }
  }

  @Test
  void interval_fixtureAucs_matchNumpyType7Quantiles() {
    Interval i = DayBlockBootstrap.interval(aucs(), LEVEL);
    assertEquals(f.expected("auc.0"), i.estimate(), TOLERANCE);
    assertEquals(f.expected("lower"), i.lower(), TOLERANCE);
    assertEquals(f.expected("upper"), i.upper(), TOLERANCE);
    assertEquals((int) f.expected("resamples"), i.resamples());
  }

  /**
   * The AUC on the data as they are (index 0) and in each resample, as {@link
   * ScoreIntervals.StressIntervals} computes them: rows in ascending score by {@link
   * ScoreIntervals#sortedOrder}, tie flags between neighbours in that order, and the day counts of
   * {@link DayBlockBootstrap#dayCounts} (of {@link DayBlockBootstrap#identity} for index 0).
   */
  private double[] aucs() {
    int[] order = ScoreIntervals.sortedOrder(f.score);
    boolean[] tieNext = new boolean[f.score.length];
    for (int k = 0; k + 1 < f.score.length; k++) {
      tieNext[k] = f.score[order[k]] == f.score[order[k + 1]];
    }
    int[] dayCount = new int[DAYS];
    double[] out = new double[f.starts.length + 1];
    for (int b = 0; b < out.length; b++) {
      int[] s = b == 0 ? DayBlockBootstrap.identity(DAYS, BLOCK_DAYS) : f.starts[b - 1];
      DayBlockBootstrap.dayCounts(s, BLOCK_DAYS, DAYS, dayCount);
      out[b] = ScoreIntervals.weightedAuc(order, tieNext, f.outcome, f.rowDay, dayCount);
    }
    return out;
  }

  /** The four files of the fixture, as read. */
  private static final class Fixture {
    final double[] score;
    final boolean[] outcome;
    final int[] rowDay;
    final int[][] starts;
    final int[][] counts;
    private final Map<String, Double> expected;

    private Fixture(List<String[]> input, int[][] starts, int[][] counts, Map<String, Double> e) {
      score = new double[input.size()];
      outcome = new boolean[input.size()];
      rowDay = new int[input.size()];
      for (int i = 0; i < score.length; i++) {
        String[] r = input.get(i);
        score[i] = Double.parseDouble(r[0]);
        outcome[i] = r[1].equals("1");
        rowDay[i] = Integer.parseInt(r[2]);
      }
      this.starts = starts;
      this.counts = counts;
      this.expected = e;
    }

    static Fixture load() {
      Map<String, Double> expected = new HashMap<>();
      for (String[] r : read("bootstrap-auc-expected.csv")) {
        expected.put(r[0], Double.parseDouble(r[1]));
      }
      return new Fixture(
          read("bootstrap-auc-input.csv"),
          ints(read("bootstrap-auc-resamples.csv")),
          ints(read("bootstrap-auc-counts.csv")),
          expected);
    }

    /** The recorded value {@code name}. */
    double expected(String name) {
      Double v = expected.get(name);
      if (v == null) {
        throw new IllegalArgumentException("no expected value " + name);
      }
      return v;
    }

    private static int[][] ints(List<String[]> rows) {
      int[][] out = new int[rows.size()][];
      for (int i = 0; i < out.length; i++) {
        out[i] = Arrays.stream(rows.get(i)).mapToInt(Integer::parseInt).toArray();
      }
      return out;
    }

    /** The data lines of a fixture CSV (its header and # comments skipped). */
    private static List<String[]> read(String file) {
      try (InputStream in = Fixture.class.getResourceAsStream("/fixtures/" + file)) {
        if (in == null) {
          throw new IllegalStateException("missing fixture " + file);
        }
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        List<String[]> rows = new ArrayList<>();
        boolean header = true;
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          if (!line.startsWith("#")) {
            if (!header) {
              rows.add(line.split(","));
            }
            header = false;
          }
        }
        return rows;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}

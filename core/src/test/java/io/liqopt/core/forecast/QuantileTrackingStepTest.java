package io.liqopt.core.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.liqopt.core.market.BarInterval;
import io.liqopt.core.market.BarSeries;
import io.liqopt.core.market.BarSeriesBuilder;
import io.liqopt.core.target.HorizonTargets;
import io.liqopt.core.target.TargetCalculator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link QuantileTracking#next}, the one-forecast-at-a-time driver the service and backtest use.
 */
class QuantileTrackingStepTest {
  private static final long HOUR = 3_600_000L;
  private static final double[] LEVELS = {0.9, 0.99};

  /** A forecast of one 24 h horizon whose long quantiles are {@code q}. */
  private static AssetForecast forecast(long asOf, double[] q) {
    QuantileCurve curve = QuantileCurve.of(LEVELS, q);
    return new AssetForecast(
        "X", asOf, "test", List.of(new HorizonForecast(24, 0.001, curve, curve)), 0.1, 24, 0.05);
  }

  /** A random series: hourly, with gaps, NaN outcomes; quantiles far apart so none cross. */
  private record Series(long[] t, double[][] q, double[] y) {
    static Series random(long seed, int n) {
      SplittableRandom r = new SplittableRandom(seed);
      long[] t = new long[n];
      double[][] q = new double[LEVELS.length][n];
      double[] y = new double[n];
      long at = 0;
      for (int i = 0; i < n; i++) {
        at += r.nextInt(40) == 0 ? (2 + r.nextInt(30)) * HOUR : HOUR;
        t[i] = at;
        double base = 0.02 + 0.04 * r.nextDouble();
        q[0][i] = base;
        q[1][i] = 2.5 * base;
        y[i] = r.nextInt(25) == 0 ? Double.NaN : -Math.expm1(-0.03 * -Math.log(r.nextDouble()));
      }
      return new Series(t, q, y);
    }

    QuantileTracking.Outcomes outcomes() {
      Map<Long, Double> byTime = new HashMap<>();
      for (int i = 0; i < t.length; i++) {
        byTime.put(t[i], y[i]);
      }
      return (asOf, h) -> byTime.getOrDefault(asOf, Double.NaN);
    }
  }

  @Test
  void stepByStep_equalsTheSeriesDriver() {
    qt().withExamples(30)
        .forAll(longs().between(1, 1_000_000))
        .checkAssert(
            seed -> {
              Series s = Series.random(seed, 600);
              QuantileTracking tracking = new QuantileTracking(0.01);
              double[][] expected = new double[LEVELS.length][];
              for (int k = 0; k < LEVELS.length; k++) {
                expected[k] = tracking.trackSeries(s.t, s.q[k], s.y, LEVELS[k], 24 * HOUR);
              }
              QuantileTrackingState state = null;
              for (int i = 0; i < s.t.length; i++) {
                QuantileTracking.Step step =
                    tracking.next(
                        state, forecast(s.t[i], new double[] {s.q[0][i], s.q[1][i]}), s.outcomes());
                state = step.state();
                double[] got = step.forecast().horizon(24).longAdverseMove().values();
                for (int k = 0; k < LEVELS.length; k++) {
                  assertEquals(expected[k][i], got[k], 1e-15, "seed " + seed + " row " + i);
                }
              }
            });
  }

  /** The outcomes of a window of bars are the evaluation's targets, row by row. */
  @Test
  void outcomesOf_areTheTargetsOfTheWholeSeries() {
    SplittableRandom r = new SplittableRandom(9);
    BarSeriesBuilder b = new BarSeriesBuilder("X", BarInterval.H1, 300);
    long t = 1_700_000_000_000L - 1_700_000_000_000L % HOUR;
    double close = 100;
    for (int i = 0; i < 300; i++) {
      t += i == 120 ? 3 * HOUR : HOUR; // a gap
      double open = close;
      close = open * Math.exp(0.01 * (r.nextDouble() - 0.5));
      double high = Math.max(open, close) * (1 + 0.005 * r.nextDouble());
      double low = Math.min(open, close) * (1 - 0.005 * r.nextDouble());
      b.append(t, open, high, low, close, 1, close);
    }
    BarSeries s = b.build();
    QuantileTracking.Outcomes outcomes = QuantileTracking.outcomesOf(s);
    for (int h : new int[] {1, 24}) {
      HorizonTargets all = TargetCalculator.DEFAULT.compute(s, h);
      int defined = 0;
      for (int i = 0; i < s.size(); i++) {
        double got = outcomes.longAdverseMove(s.openTimeMs(i), h);
        assertEquals(all.longAdverseMove(i), got, 0, "h " + h + " row " + i);
        defined += Double.isNaN(got) ? 0 : 1;
      }
      assertEquals(all.definedCount(), defined);
    }
    assertEquals(Double.NaN, outcomes.longAdverseMove(s.openTimeMs(0) + 1, 24), 0);
  }

  /**
   * Where tracked levels cross, the served curve is their rearrangement, and each level's offset
   * still moves exactly as the series driver moves it.
   */
  @Test
  void crossingLevels_servedSorted_offsetsAsTheSeriesDriver() {
    int n = 300;
    long[] t = new long[n];
    double[] q9 = new double[n];
    double[] q99 = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = i * HOUR;
      q9[i] = 0.03;
      q99[i] = 0.0306; // barely above: the 0.9 level's hits push it past
      y[i] = i % 3 == 0 ? 0.0303 : 0.01;
    }
    Series s = new Series(t, new double[][] {q9, q99}, y);
    QuantileTracking tracking = new QuantileTracking(0.05);
    double[] low = tracking.trackSeries(t, q9, y, LEVELS[0], 24 * HOUR);
    double[] high = tracking.trackSeries(t, q99, y, LEVELS[1], 24 * HOUR);
    QuantileTrackingState state = null;
    int crossed = 0;
    for (int i = 0; i < n; i++) {
      QuantileTracking.Step step =
          tracking.next(state, forecast(t[i], new double[] {q9[i], q99[i]}), s.outcomes());
      state = step.state();
      double[] got = step.forecast().horizon(24).longAdverseMove().values();
      assertEquals(Math.min(low[i], high[i]), got[0], 1e-15, "row " + i);
      assertEquals(Math.max(low[i], high[i]), got[1], 1e-15, "row " + i);
      crossed += low[i] > high[i] ? 1 : 0;
    }
    assertTrue(crossed > 10, "the levels crossed: " + crossed);
  }

  @Test
  void theSameBarTwice_countsOnce() {
    Series s = Series.random(11, 300);
    QuantileTracking tracking = new QuantileTracking(0.02);
    QuantileTrackingState once = null;
    QuantileTrackingState twice = null;
    for (int i = 0; i < s.t.length; i++) {
      double[] q = {s.q[0][i], s.q[1][i]};
      once = tracking.next(once, forecast(s.t[i], q), s.outcomes()).state();
      twice = tracking.next(twice, forecast(s.t[i], q), s.outcomes()).state();
      twice = tracking.next(twice, forecast(s.t[i], q), s.outcomes()).state();
    }
    assertEquals(once, twice);
    assertNotEquals(0, once.offsetsOf(24).values()[1], "the series moved the offsets");
  }

  @Test
  void anOlderForecast_isLeftAsMade_andLeavesTheState() {
    Series s = Series.random(5, 100);
    QuantileTracking tracking = new QuantileTracking(0.05);
    QuantileTrackingState state = null;
    for (int i = 0; i < s.t.length; i++) {
      state =
          tracking.next(state, forecast(s.t[i], new double[] {0.01, 0.02}), s.outcomes()).state();
    }
    AssetForecast older = forecast(s.t[10], new double[] {0.01, 0.02});
    QuantileTracking.Step step = tracking.next(state, older, s.outcomes());
    assertSame(state, step.state());
    assertSame(older, step.forecast(), "later windows must not move an earlier forecast");
  }

  @Test
  void offsets_stayBounded_andTheQuantilesValid() {
    QuantileTracking tracking = new QuantileTracking(QuantileTracking.MAX_GAMMA);
    QuantileTrackingState state = null;
    AssetForecast last = null;
    for (int i = 0; i < 400; i++) {
      // every window a hit, and a zero quantile at the lowest level
      last =
          tracking
              .next(state, forecast(i * HOUR, new double[] {0, 0.02}), (t, h) -> 0.9)
              .forecast();
      state =
          tracking.next(state, forecast(i * HOUR, new double[] {0, 0.02}), (t, h) -> 0.9).state();
    }
    // the zero quantile is hit every time: its offset climbs to the bound, no further
    assertEquals(QuantileTracking.MAX_OFFSET, state.offsetsOf(24).values()[0], 0);
    double[] v = last.horizon(24).longAdverseMove().values();
    assertEquals(0, v[0], 0);
    assertTrue(v[1] < 1, "a valid curve: " + v[1]);
  }

  @Test
  void disabled_returnsTheForecastAsGiven() {
    AssetForecast f = forecast(HOUR, new double[] {0.01, 0.02});
    QuantileTracking.Step step = new QuantileTracking(0).next(null, f, (t, h) -> 0.5);
    assertSame(f, step.forecast());
    assertEquals(null, step.state());
  }

  @Test
  void state_roundTripsThroughJson() throws Exception {
    Series s = Series.random(3, 80);
    QuantileTracking tracking = new QuantileTracking(0.05);
    QuantileTrackingState state = null;
    for (int i = 0; i < s.t.length; i++) {
      state =
          tracking
              .next(state, forecast(s.t[i], new double[] {s.q[0][i], s.q[1][i]}), s.outcomes())
              .state();
    }
    ObjectMapper json = new ObjectMapper();
    QuantileTrackingState back =
        json.readValue(json.writeValueAsString(state), QuantileTrackingState.class);
    assertEquals(state, back);
    assertArrayEquals(state.offsetsOf(24).values(), back.offsetsOf(24).values(), 0);
  }
}

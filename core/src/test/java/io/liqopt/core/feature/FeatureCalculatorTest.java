package io.liqopt.core.feature;

import static io.liqopt.core.market.Bars.H;
import static io.liqopt.core.market.Bars.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liqopt.core.market.BarInterval;
import io.liqopt.core.market.BarSeries;
import io.liqopt.core.market.BarSeriesBuilder;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Known values: each feature is recomputed here by a direct loop over its definition (an
 * independent implementation of the formula in {@link FeatureCalculator}'s javadoc) and compared.
 */
class FeatureCalculatorTest {
  private static final double TOLERANCE = 1e-9;

  /** A seeded random walk with wicks and varying volume, hourly from T0, no gaps. */
  static BarSeries randomWalk(String symbol, int n, long seed) {
    return randomWalk(symbol, T0, n, seed, 0);
  }

  /** As above, with every {@code gapEvery}-th hour missing (0: no gaps). */
  static BarSeries randomWalk(String symbol, long start, int n, long seed, int gapEvery) {
    SplittableRandom rnd = new SplittableRandom(seed);
    BarSeriesBuilder b = new BarSeriesBuilder(symbol, BarInterval.H1, n);
    double p = 100;
    long time = start;
    for (int i = 0; i < n; i++) {
      double o = p * Math.exp(0.001 * rnd.nextGaussian());
      double c = o * Math.exp(0.01 * rnd.nextGaussian());
      double hi = Math.max(o, c) * (1 + 0.004 * rnd.nextDouble());
      double lo = Math.min(o, c) * (1 - 0.004 * rnd.nextDouble());
      double v = 10 + 90 * rnd.nextDouble();
      b.append(time, o, hi, lo, c, v, v * c);
      p = c;
      time += H;
      if (gapEvery > 0 && i % gapEvery == gapEvery - 1) {
        time += H;
      }
    }
    return b.build();
  }

  @Test
  void compute_returnsAndHar_matchDirectLoops() {
    BarSeries s = randomWalk("X", 1000, 1);
    FeatureMatrix f = FeatureCalculator.DEFAULT.compute(s, s);
    int t = 900;
    assertEquals(Math.log(s.close(t) / s.close(t - 1)), f.value(t, "ret_1h"), TOLERANCE);
    assertEquals(Math.log(s.close(t) / s.close(t - 168)), f.value(t, "ret_168h"), TOLERANCE);
    assertEquals(Math.log(sumSq(s, t - 23, t)), f.value(t, "log_rv_1d"), TOLERANCE);
    assertEquals(Math.log(sumSq(s, t - 167, t) / 7), f.value(t, "log_rv_1w"), TOLERANCE);
    assertEquals(Math.log(sumSq(s, t - 719, t) / 30), f.value(t, "log_rv_1m"), TOLERANCE);
    // the market factor of a series that is its own market equals its own features
    assertEquals(f.value(t, "ret_24h"), f.value(t, "mkt_ret_24h"));
    assertEquals(f.value(t, "log_rv_1d"), f.value(t, "mkt_log_rv_1d"));
  }

  @Test
  void compute_rangeEstimators_matchDirectLoops() {
    BarSeries s = randomWalk("X", 200, 2);
    FeatureMatrix f = FeatureCalculator.DEFAULT.compute(s, s);
    int t = 150;
    double pk = 0;
    double gk = 0;
    double rs = 0;
    double[] o = new double[24];
    double[] c = new double[24];
    for (int i = t - 23; i <= t; i++) {
      double hl = Math.log(s.high(i) / s.low(i));
      double co = Math.log(s.close(i) / s.open(i));
      pk += hl * hl / (4 * Math.log(2));
      gk += 0.5 * hl * hl - (2 * Math.log(2) - 1) * co * co;
      rs +=
          Math.log(s.high(i) / s.close(i)) * Math.log(s.high(i) / s.open(i))
              + Math.log(s.low(i) / s.close(i)) * Math.log(s.low(i) / s.open(i));
      o[i - (t - 23)] = Math.log(s.open(i) / s.close(i - 1));
      c[i - (t - 23)] = co;
    }
    // mean per bar × 24 bars per day = the sum
    assertEquals(Math.log(pk), f.value(t, "log_parkinson_1d"), TOLERANCE);
    assertEquals(Math.log(gk), f.value(t, "log_garman_klass_1d"), TOLERANCE);
    assertEquals(Math.log(rs), f.value(t, "log_rogers_satchell_1d"), TOLERANCE);
    double k = 0.34 / (1.34 + 25.0 / 23.0);
    double yz = 24 * (variance(o) + k * variance(c) + (1 - k) * rs / 24);
    assertEquals(Math.log(yz), f.value(t, "log_yang_zhang_1d"), 1e-7);
  }

  @Test
  void compute_ewmaJumpDrawdownVolume_matchDirectLoops() {
    BarSeries s = randomWalk("X", 1000, 3);
    FeatureMatrix f = FeatureCalculator.DEFAULT.compute(s, s);
    double var = sq(Math.log(s.close(1) / s.close(0)));
    for (int i = 2; i <= 900; i++) {
      var = 0.94 * var + 0.06 * sq(Math.log(s.close(i) / s.close(i - 1)));
    }
    int t = 900;
    assertEquals(Math.log(var), f.value(t, "log_ewma_var"), TOLERANCE);
    double rv = sumSq(s, t - 23, t);
    double bv = 0;
    double absSum = 0;
    double qv = 0;
    for (int i = t - 23; i <= t; i++) {
      bv += Math.abs(ret(s, i)) * Math.abs(ret(s, i - 1));
      absSum += Math.abs(ret(s, i));
      qv += s.quoteVolume(i);
    }
    assertEquals(Math.max(0, 1 - Math.PI / 2 * bv / rv), f.value(t, "jump_share_1d"), TOLERANCE);
    assertEquals(Math.log(qv), f.value(t, "log_quote_volume_1d"), TOLERANCE);
    assertEquals(Math.log(absSum / qv), f.value(t, "log_amihud_1d"), TOLERANCE);
    double qvMonth = 0;
    double maxHigh = 0;
    for (int i = t - 719; i <= t; i++) {
      qvMonth += s.quoteVolume(i);
      maxHigh = Math.max(maxHigh, s.high(i));
    }
    assertEquals(Math.log(qv / (qvMonth / 30)), f.value(t, "volume_surprise"), TOLERANCE);
    assertEquals(1 - s.close(t) / maxHigh, f.value(t, "drawdown_30d"), TOLERANCE);
  }

  @Test
  void compute_calendar_isTheCloseHourAndWeekday() {
    BarSeries s = randomWalk("X", 30, 4);
    FeatureMatrix f = FeatureCalculator.DEFAULT.compute(s, s);
    // bar 0 opens 2024-01-01T00:00Z (a Monday) and closes at 01:00: hour 1, weekday 0 + 1/24
    assertEquals(Math.sin(2 * Math.PI / 24), f.value(0, "hour_sin"), TOLERANCE);
    assertEquals(Math.cos(2 * Math.PI / 24), f.value(0, "hour_cos"), TOLERANCE);
    assertEquals(Math.sin(2 * Math.PI * (1 / 24.0) / 7), f.value(0, "dow_sin"), TOLERANCE);
    // bar 23 closes at midnight of Tuesday: hour 0, weekday 1
    assertEquals(0, f.value(23, "hour_sin"), TOLERANCE);
    assertEquals(Math.sin(2 * Math.PI / 7), f.value(23, "dow_sin"), TOLERANCE);
  }

  @Test
  void compute_warmUp_undefinedUntilTheWindowIsCovered() {
    BarSeries s = randomWalk("X", 800, 5);
    FeatureMatrix f = FeatureCalculator.DEFAULT.compute(s, s);
    int col = f.schema().indexOf("log_rv_1d");
    assertTrue(Double.isNaN(f.value(23, col)), "bar 23 has only 23 returns behind it");
    assertFalse(Double.isNaN(f.value(24, col)));
    assertFalse(f.isComplete(719));
    assertTrue(f.isComplete(720));
  }

  @Test
  void compute_gap_windowsAreInHoursAndTheGapReturnCounts() {
    // every 10th hour missing: a 24 h window holds fewer than 24 bars
    BarSeries s = randomWalk("X", T0, 400, 6, 10);
    FeatureMatrix f = FeatureCalculator.DEFAULT.compute(s, s);
    int t = 300;
    long from = s.openTimeMs(t) - 24 * H;
    double sum = 0;
    int bars = 0;
    for (int i = t; s.openTimeMs(i) > from; i--) {
      sum += sq(ret(s, i));
      bars++;
    }
    assertTrue(bars < 24 && bars >= 21, "bars in window: " + bars);
    assertEquals(Math.log(sum), f.value(t, "log_rv_1d"), TOLERANCE);
    long missing = s.openTimeMs(t) - s.openTimeMs(t - 1);
    assertNotEquals(0, missing);
  }

  @Test
  void compute_marketFactor_takesTheLastMarketBarAtOrBefore() {
    BarSeries asset = randomWalk("ALT", 300, 7);
    // the market series starts 50 h later and misses every 5th hour
    BarSeries market = randomWalk("BTC", T0 + 50 * H, 240, 8, 5);
    FeatureMatrix fa = FeatureCalculator.DEFAULT.compute(asset, market);
    FeatureMatrix fm = FeatureCalculator.DEFAULT.compute(market, market);
    assertTrue(Double.isNaN(fa.value(49, "mkt_ret_24h")), "no market bar yet");
    for (int t = 50; t < asset.size(); t++) {
      int j = market.size() - 1;
      while (market.openTimeMs(j) > asset.openTimeMs(t)) {
        j--;
      }
      assertEquals(
          Double.doubleToLongBits(fm.value(j, "ret_24h")),
          Double.doubleToLongBits(fa.value(t, "mkt_ret_24h")),
          "row " + t);
      assertEquals(
          Double.doubleToLongBits(fm.value(j, "log_rv_1d")),
          Double.doubleToLongBits(fa.value(t, "mkt_log_rv_1d")),
          "row " + t);
    }
  }

  @Test
  void schema_fingerprint_changesWithOrder() {
    FeatureSchema a = FeatureCalculator.SCHEMA;
    FeatureSchema b = new FeatureSchema("1", java.util.List.of("ret_6h", "ret_1h"));
    FeatureSchema c = new FeatureSchema("1", java.util.List.of("ret_1h", "ret_6h"));
    assertNotEquals(b.fingerprint(), c.fingerprint());
    assertEquals(a.fingerprint(), new FeatureSchema(a.version(), a.names()).fingerprint());
  }

  private static double ret(BarSeries s, int i) {
    return Math.log(s.close(i) / s.close(i - 1));
  }

  private static double sumSq(BarSeries s, int from, int to) {
    double sum = 0;
    for (int i = from; i <= to; i++) {
      sum += sq(ret(s, i));
    }
    return sum;
  }

  private static double variance(double[] x) {
    double mean = 0;
    for (double v : x) {
      mean += v / x.length;
    }
    double ss = 0;
    for (double v : x) {
      ss += (v - mean) * (v - mean);
    }
    return ss / (x.length - 1);
  }

  private static double sq(double x) {
    return x * x;
  }
}

package io.liqopt.core.simulation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liqopt.core.forecast.baseline.GarchTParams;
import io.liqopt.core.market.BarInterval;
import io.liqopt.core.market.BarSeries;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Whole histories by joint filtered historical simulation. */
class HistorySimulatorTest {
  private static final long T0 = 1_700_000_000_000L / 3_600_000L * 3_600_000L;
  private static final int HOURS = 6_000;

  /** A GARCH(1,1) market: ω 2e-7, α 0.08, β 0.9, Student-ish shocks; bars shaped around C. */
  private static BarSeries garch(String symbol, double scale, long seed, int hours) {
    SplittableRandom rng = new SplittableRandom(seed);
    long[] t = new long[hours];
    double[] o = new double[hours];
    double[] h = new double[hours];
    double[] l = new double[hours];
    double[] c = new double[hours];
    double[] v = new double[hours];
    double[] q = new double[hours];
    double var = 1e-5;
    double prev = 100 * scale;
    for (int i = 0; i < hours; i++) {
      double z = rng.nextGaussian() * (rng.nextDouble() < 0.02 ? 3 : 1) / 1.08;
      double r = Math.sqrt(var) * z;
      t[i] = T0 + 3_600_000L * i;
      o[i] = prev * Math.exp(Math.sqrt(var) * 0.05 * rng.nextGaussian());
      c[i] = prev * Math.exp(r);
      h[i] = Math.max(o[i], c[i]) * (1 + 0.3 * Math.sqrt(var) * rng.nextDouble());
      l[i] = Math.min(o[i], c[i]) * (1 - 0.3 * Math.sqrt(var) * rng.nextDouble());
      q[i] = 1e6 * (1 + rng.nextDouble());
      v[i] = q[i] / c[i];
      var = 2e-7 + 0.08 * r * r + 0.9 * var;
      prev = c[i];
    }
    return BarSeries.of(symbol, BarInterval.H1, t, o, h, l, c, v, q);
  }

  /** The same returns as {@code s}, every price times {@code k}. */
  private static BarSeries scaled(BarSeries s, String symbol, double k) {
    double[] o = s.opens();
    double[] h = s.highs();
    double[] l = s.lows();
    double[] c = s.closes();
    for (int i = 0; i < c.length; i++) {
      o[i] *= k;
      h[i] *= k;
      l[i] *= k;
      c[i] *= k;
    }
    return BarSeries.of(
        symbol, BarInterval.H1, s.openTimesMs(), o, h, l, c, s.volumes(), s.quoteVolumes());
  }

  @Test
  void oneBlockOfTheWholeHistory_reproducesIt() {
    BarSeries real = garch("AAA", 1, 1, HOURS);
    HistorySimulator sim = HistorySimulator.fit(List.of(real));
    BarSeries drawn = sim.draw(HOURS, 99).get(0);
    assertEquals(HOURS - 1, drawn.size());
    for (int i = 0; i < drawn.size(); i++) {
      assertEquals(real.openTimeMs(i + 1), drawn.openTimeMs(i));
      assertEquals(real.close(i + 1), drawn.close(i), real.close(i + 1) * 1e-9);
      assertEquals(real.high(i + 1), drawn.high(i), real.high(i + 1) * 1e-9);
      assertEquals(real.low(i + 1), drawn.low(i), real.low(i + 1) * 1e-9);
      assertEquals(real.open(i + 1), drawn.open(i), real.open(i + 1) * 1e-9);
      assertEquals(real.quoteVolume(i + 1), drawn.quoteVolume(i));
    }
  }

  @Test
  void fit_recoversTheGarchPersistence() {
    GarchTParams p = HistorySimulator.fit(List.of(garch("AAA", 1, 2, 20_000))).params().get(0);
    assertEquals(0.98, p.persistence(), 0.02, p::toString);
    assertEquals(0.08, p.alpha(), 0.03, p::toString);
  }

  @Test
  void draw_sameSeedSameHistory_otherSeedAnother() {
    HistorySimulator sim =
        HistorySimulator.fit(List.of(garch("AAA", 1, 3, HOURS), garch("BBB", 2, 4, HOURS)));
    List<BarSeries> a = sim.draw(24, 7);
    List<BarSeries> b = sim.draw(24, 7);
    List<BarSeries> c = sim.draw(24, 8);
    assertTrue(a.get(0).contentEquals(b.get(0)) && a.get(1).contentEquals(b.get(1)));
    assertFalse(a.get(0).contentEquals(c.get(0)));
    assertEquals(List.of("AAA", "BBB"), sim.symbols());
  }

  @Test
  void draw_theSameHoursForEveryAsset() {
    // B is A at twice the price: the same standardised moves, so a joint draw keeps B = 2 A
    BarSeries a = garch("AAA", 1, 5, HOURS);
    HistorySimulator sim = HistorySimulator.fit(List.of(a, scaled(a, "BBB", 2)));
    List<BarSeries> d = sim.draw(24, 11);
    for (int i = 0; i < d.get(0).size(); i++) {
      assertEquals(2 * d.get(0).close(i), d.get(1).close(i), d.get(1).close(i) * 1e-9);
      assertEquals(2 * d.get(0).low(i), d.get(1).low(i), d.get(1).low(i) * 1e-9);
    }
  }

  @Test
  void draw_volatilityClusters_evenWithOneHourBlocks() {
    HistorySimulator sim = HistorySimulator.fit(List.of(garch("AAA", 1, 6, 20_000)));
    BarSeries d = sim.draw(1, 3).get(0);
    double[] r2 = new double[d.size() - 1];
    for (int i = 1; i < d.size(); i++) {
      double r = Math.log(d.close(i) / d.close(i - 1));
      r2[i - 1] = r * r;
    }
    // hourly resampling alone would leave squared returns uncorrelated
    assertTrue(autocorrelation(r2, 1) > 0.05, () -> "acf " + autocorrelation(r2, 1));
  }

  @Test
  void fit_onlyTheCommonHours_andRefusesTooFew() {
    BarSeries a = garch("AAA", 1, 7, HOURS);
    BarSeries late = garch("BBB", 1, 8, HOURS + 100);
    long[] t = late.openTimesMs();
    for (int i = 0; i < t.length; i++) {
      t[i] -= 3_600_000L * 200; // starts 200 h before A, ends 100 h before A
    }
    BarSeries shifted =
        BarSeries.of(
            "BBB",
            BarInterval.H1,
            t,
            late.opens(),
            late.highs(),
            late.lows(),
            late.closes(),
            late.volumes(),
            late.quoteVolumes());
    HistorySimulator sim = HistorySimulator.fit(List.of(a, shifted));
    assertEquals(HOURS - 100 - 1, sim.hours());
    assertArrayEquals(
        Arrays.copyOfRange(a.openTimesMs(), 1, HOURS - 100), sim.draw(24, 1).get(0).openTimesMs());
    assertThrows(
        IllegalArgumentException.class,
        () -> HistorySimulator.fit(List.of(garch("AAA", 1, 9, 100))));
    assertThrows(IllegalArgumentException.class, () -> HistorySimulator.fit(List.of(a, a)));
    assertThrows(IllegalArgumentException.class, () -> sim.draw(0, 1));
  }

  private static double autocorrelation(double[] x, int lag) {
    double mean = Arrays.stream(x).average().orElse(0);
    double num = 0;
    double den = 0;
    for (int i = 0; i < x.length; i++) {
      den += (x[i] - mean) * (x[i] - mean);
      if (i >= lag) {
        num += (x[i] - mean) * (x[i - lag] - mean);
      }
    }
    return num / den;
  }
}

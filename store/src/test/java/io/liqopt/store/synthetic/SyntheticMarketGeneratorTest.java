package io.liqopt.store.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liqopt.core.market.BarInterval;
import io.liqopt.core.market.BarSeries;
import io.liqopt.core.market.StylisedFacts;
import io.liqopt.store.MarketStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stylised facts of hourly crypto returns on generated data. The bounds are loose versions of what
 * the real BTC/ETH history shows (README, "Synthetic market"), and hold for every seed tried.
 */
class SyntheticMarketGeneratorTest {
  private static final long SEED = 42;
  private static List<BarSeries> market;

  @TempDir Path dir;

  @BeforeAll
  static void generate() {
    market = SyntheticMarketGenerator.DEFAULT.generate(SyntheticMarketConfig.defaults(3, 4, SEED));
  }

  @Test
  void returns_fatTailed() {
    for (BarSeries s : market) {
      assertTrue(StylisedFacts.of(s).kurtosis() > 8, s.symbol() + " kurtosis");
    }
  }

  @Test
  void absoluteReturns_clustered_longMemory() {
    for (BarSeries s : market) {
      StylisedFacts f = StylisedFacts.of(s);
      assertTrue(f.acfAbsReturnLag1() > 0.15, s.symbol() + " acf|r| lag 1 " + f.acfAbsReturnLag1());
      assertTrue(f.acfAbsReturnLag24() > 0.1, s.symbol() + " acf|r| lag 24");
      assertTrue(f.acfAbsReturnLag168() > 0.04, s.symbol() + " acf|r| lag 168");
    }
  }

  @Test
  void returns_nearlyUncorrelated() {
    for (BarSeries s : market) {
      assertTrue(Math.abs(StylisedFacts.of(s).acfReturnLag1()) < 0.05, s.symbol());
    }
  }

  @Test
  void volatility_nearNominal_andCrashesHappen() {
    for (int i = 0; i < market.size(); i++) {
      StylisedFacts f = StylisedFacts.of(market.get(i));
      double nominal = SyntheticMarketConfig.UNIVERSE.get(i).annualizedVol();
      assertTrue(
          f.annualizedVol() > 0.8 * nominal && f.annualizedVol() < 1.35 * nominal,
          market.get(i).symbol() + " vol " + f.annualizedVol());
      assertTrue(f.maeOver10Pct() > 0.002, "no 10 % intraday drawdowns at all");
    }
  }

  /**
   * The intrabar path gives wicks: high and low extend beyond open and close on most bars (about 69
   * % each side with the 12-step bridge; fewer than on real bars, see README).
   */
  @Test
  void bars_intrabarPath_makesWicks_openIsPreviousClose() {
    for (BarSeries s : market) {
      int upperWicks = 0;
      int lowerWicks = 0;
      int continuous = 0;
      for (int i = 1; i < s.size(); i++) {
        upperWicks += s.high(i) > Math.max(s.open(i), s.close(i)) ? 1 : 0;
        lowerWicks += s.low(i) < Math.min(s.open(i), s.close(i)) ? 1 : 0;
        continuous += s.open(i) == s.close(i - 1) ? 1 : 0;
      }
      assertTrue(
          upperWicks > 0.6 * s.size() && lowerWicks > 0.6 * s.size(),
          s.symbol() + " upper " + upperWicks + " lower " + lowerWicks + " of " + s.size());
      // open = previous close except after an outage (and where the price tick changes)
      assertTrue(continuous > 0.99 * s.size(), s.symbol() + " continuous " + continuous);
    }
  }

  @Test
  void outages_exchangeWide_sameGapsForEveryAsset() {
    assertFalse(market.get(0).gaps().isEmpty());
    for (BarSeries s : market) {
      assertEquals(market.get(0).gaps(), s.gaps());
    }
  }

  @Test
  void assets_coMove_moreInTurbulence() {
    BarSeries a = market.get(0);
    BarSeries b = market.get(1);
    int n = a.size();
    double[] ra = new double[n - 1];
    double[] rb = new double[n - 1];
    double[] absA = new double[n - 1];
    for (int i = 1; i < n; i++) {
      ra[i - 1] = Math.log(a.close(i) / a.close(i - 1));
      rb[i - 1] = Math.log(b.close(i) / b.close(i - 1));
      absA[i - 1] = Math.abs(ra[i - 1]);
    }
    // split hours by the leader's trailing 24 h realised volatility
    double[] trailing = new double[ra.length];
    for (int i = 24; i < ra.length; i++) {
      double ss = 0;
      for (int k = i - 24; k < i; k++) {
        ss += ra[k] * ra[k];
      }
      trailing[i] = ss;
    }
    double[] sorted = Arrays.copyOfRange(trailing, 24, trailing.length);
    Arrays.sort(sorted);
    double q20 = sorted[sorted.length / 5];
    double q80 = sorted[sorted.length * 4 / 5];
    double calm = corr(ra, rb, trailing, 0, q20);
    double stressed = corr(ra, rb, trailing, q80, Double.POSITIVE_INFINITY);
    assertTrue(calm > 0.5, "calm correlation " + calm);
    assertTrue(stressed > calm, "stressed " + stressed + " vs calm " + calm);
  }

  private static double corr(double[] x, double[] y, double[] key, double lo, double hi) {
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double syy = 0;
    double sxy = 0;
    int n = 0;
    for (int i = 24; i < x.length; i++) {
      if (key[i] >= lo && key[i] < hi) {
        sx += x[i];
        sy += y[i];
        sxx += x[i] * x[i];
        syy += y[i] * y[i];
        sxy += x[i] * y[i];
        n++;
      }
    }
    double cov = sxy / n - sx / n * sy / n;
    return cov / Math.sqrt((sxx / n - sx / n * sx / n) * (syy / n - sy / n * sy / n));
  }

  @Test
  void sameSeed_byteIdenticalParquet_otherSeedDiffers() throws IOException {
    SyntheticMarketConfig cfg = SyntheticMarketConfig.defaults(2, 0.5, 7);
    byte[][] files = new byte[3][];
    for (int run = 0; run < 3; run++) {
      SyntheticMarketConfig c = run < 2 ? cfg : SyntheticMarketConfig.defaults(2, 0.5, 8);
      MarketStore store = new MarketStore(dir.resolve("run" + run));
      for (BarSeries s : SyntheticMarketGenerator.DEFAULT.generate(c)) {
        store.write(s, "synthetic");
      }
      files[run] = Files.readAllBytes(store.pathOf("SYNETHUSDT", market.get(0).interval()));
    }
    assertArrayEquals(files[0], files[1]);
    assertFalse(Arrays.equals(files[0], files[2]));
  }

  @Test
  void config_outOfRange_refused() {
    assertThrows(IllegalArgumentException.class, () -> SyntheticMarketConfig.defaults(0, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> SyntheticMarketConfig.defaults(1001, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> SyntheticMarketConfig.defaults(2, -1, 1));
    assertThrows(
        IllegalArgumentException.class, () -> SyntheticMarketConfig.defaults(2, Double.NaN, 1));
  }

  @Test
  void minuteBars_cutFromTheSameHours_asTheHourlyMarketOfAsManySteps() {
    SyntheticMarketConfig cfg =
        SyntheticMarketConfig.defaults(2, 0.02, SEED).withIntrabarSteps(120);
    List<BarSeries> hours = SyntheticMarketGenerator.DEFAULT.generate(cfg);
    List<BarSeries> minutes =
        SyntheticMarketGenerator.DEFAULT.generate(cfg, BarInterval.M1, h -> {});
    for (int a = 0; a < hours.size(); a++) {
      BarSeries h = hours.get(a);
      BarSeries m = minutes.get(a);
      assertEquals(BarInterval.M1, m.interval());
      assertEquals(60 * h.size(), m.size(), "60 minute bars per hourly bar, outages alike");
      for (int t = 0; t < h.size(); t++) {
        double tick = SyntheticMarketGenerator.tick(h.open(t));
        int first = 60 * t;
        assertEquals(h.openTimeMs(t), m.openTimeMs(first));
        assertEquals(h.open(t), m.open(first), 1.01 * tick, "open of hour " + t);
        assertEquals(h.close(t), m.close(first + 59), 2.01 * tick, "close of hour " + t);
        double hi = 0;
        double lo = Double.MAX_VALUE;
        double volume = 0;
        for (int k = first; k < first + 60; k++) {
          assertEquals(h.openTimeMs(t) + (k - first) * 60_000L, m.openTimeMs(k));
          assertTrue(m.low(k) <= Math.min(m.open(k), m.close(k)));
          assertTrue(m.high(k) >= Math.max(m.open(k), m.close(k)));
          if (k > first) {
            assertEquals(m.close(k - 1), m.open(k), 1.01 * tick, "open is the previous close");
          }
          hi = Math.max(hi, m.high(k));
          lo = Math.min(lo, m.low(k));
          volume += m.volume(k);
        }
        assertEquals(h.high(t), hi, 2.01 * tick, "high of hour " + t);
        assertEquals(h.low(t), lo, 2.01 * tick, "low of hour " + t);
        assertEquals(h.volume(t), volume, 1e-3 + 1e-9 * volume, "volume of hour " + t);
      }
    }
  }

  @Test
  void beyondTheUniverse_variationsWithTheirOwnNames() {
    SyntheticMarketConfig cfg = SyntheticMarketConfig.defaults(20, 0.01, SEED);
    assertEquals(SyntheticMarketConfig.UNIVERSE, cfg.assets().subList(0, 8));
    assertEquals("SYNA008USDT", cfg.assets().get(8).symbol());
    assertEquals(20, cfg.assets().stream().map(AssetProfile::symbol).distinct().count());
    for (AssetProfile p : cfg.assets().subList(8, 20)) {
      AssetProfile base = SyntheticMarketConfig.UNIVERSE.get(cfg.assets().indexOf(p) % 8);
      double ratio = p.annualizedVol() / base.annualizedVol();
      assertTrue(ratio >= 0.8 && ratio < 1.2, p.symbol() + " vol ratio " + ratio);
    }
    assertThrows(
        IllegalArgumentException.class,
        () ->
            SyntheticMarketGenerator.DEFAULT.generate(
                SyntheticMarketConfig.defaults(1, 0.01, SEED), BarInterval.M1, h -> {}),
        "12 steps cannot be cut into 60 minutes");
  }
}

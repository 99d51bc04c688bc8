package io.liqopt.core.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liqopt.core.forecast.baseline.GarchVariance;
import io.liqopt.core.market.BarInterval;
import io.liqopt.core.market.BarSeries;
import io.liqopt.core.market.BarSeriesBuilder;
import io.liqopt.core.market.Bars;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Bars shorter than an hour: features keep their windows and levels in hours, targets and GARCH
 * count horizons in bars of the series' own interval, and on hourly bars nothing changes.
 */
class MinuteBarsTest {
  /** Per-minute volatility: 0.2 % an hour, about 0.98 % a day. */
  private static final double SIGMA_MIN = 0.002 / Math.sqrt(60);

  /** A Gaussian random walk of constant volatility in bars of {@code interval}, gaps optional. */
  private static BarSeries walk(BarInterval interval, int n, double sigma, long seed, int gaps) {
    SplittableRandom rnd = new SplittableRandom(seed);
    BarSeriesBuilder b = new BarSeriesBuilder("SIMUSDT", interval, n);
    double p = 100;
    long time = Bars.T0;
    for (int i = 0; i < n; i++) {
      double c = p * Math.exp(sigma * rnd.nextGaussian());
      b.append(time, p, Math.max(p, c) * 1.0001, Math.min(p, c) * 0.9999, c, 10, 10 * c);
      p = c;
      time += interval.millis();
      if (gaps > 0 && i % gaps == gaps - 1) {
        time += 3 * interval.millis();
      }
    }
    return b.build();
  }

  private static double meanExp(AssetHistory h, String feature, int from) {
    double sum = 0;
    int m = 0;
    for (int row = from; row < h.size(); row++) {
      sum += Math.exp(h.features().value(row, feature));
      m++;
    }
    return sum / m;
  }

  @Test
  void minuteFeatures_keepHourAndDayLevels() {
    BarSeries s = walk(BarInterval.M1, 32 * 1440, SIGMA_MIN, 1, 0);
    AssetHistory h = AssetHistory.of(s, s);
    int from = 31 * 1440; // past every warm-up, the 30-day windows and the EWMA's 720 h
    double hourly = 60 * SIGMA_MIN * SIGMA_MIN;
    assertEquals(1, meanExp(h, "log_ewma_var", from) / hourly, 0.1, "EWMA variance per hour");
    assertEquals(1, meanExp(h, "log_rv_1d", from) / (24 * hourly), 0.1, "daily RV");
    assertEquals(1, meanExp(h, "log_rv_1m", from) / (24 * hourly), 0.05, "monthly RV per day");
  }

  @Test
  void barReturn_onHourlyBars_isRet1h_bitForBit_acrossGaps() {
    BarSeries s = walk(BarInterval.H1, 2_000, 0.01, 2, 97);
    AssetHistory h = AssetHistory.of(s, s);
    for (int row = 1; row < h.size(); row++) {
      assertEquals(h.features().value(row, "ret_1h"), h.barReturn(row), 0.0, "row " + row);
    }
  }

  @Test
  void barsIn_countsTheInterval_andRefusesPartBars() {
    BarSeries minutes = walk(BarInterval.M1, 10, SIGMA_MIN, 3, 0);
    assertEquals(1_440, AssetHistory.of(minutes, minutes).barsIn(24));
    assertEquals(43_200, AssetHistory.of(minutes, minutes).rowsForHours(720), "720 h of minutes");
    BarSeries twoHours = walk(BarInterval.H2, 10, 0.01, 3, 0);
    AssetHistory h2 = AssetHistory.of(twoHours, twoHours);
    assertEquals(12, h2.barsIn(24));
    assertThrows(IllegalArgumentException.class, () -> h2.barsIn(1));
    assertEquals(720, h2.rowsForHours(720), "never fewer rows than hours");
    assertThrows(
        IllegalArgumentException.class,
        () -> TrainingSet.before(List.of(h2), Long.MAX_VALUE, ForecastSpec.of(List.of(1), 0.1), 1));
  }

  @Test
  void garchOnMinutes_sumsTheBarsOfTheHorizon() {
    BarSeries s = walk(BarInterval.M1, 20 * 1440, SIGMA_MIN, 4, 0);
    AssetHistory h = AssetHistory.of(s, s);
    GarchVariance g = GarchVariance.fit(h, h.size() - 1);
    int row = h.size() - 1;
    double day = g.variance(h, row, 24);
    double hour = g.variance(h, row, 1);
    assertEquals(1, day / (1_440 * SIGMA_MIN * SIGMA_MIN), 0.15, "24 h variance from minutes");
    assertTrue(day / hour > 20 && day / hour < 28, "24 h over 1 h: " + day / hour);
  }

  @Test
  void trainingSet_onMinutes_targetsOverTheHorizonsBars() {
    BarSeries s = walk(BarInterval.M1, 3 * 1440, SIGMA_MIN, 5, 0);
    AssetHistory h = AssetHistory.of(s, s);
    TrainingSet set =
        TrainingSet.before(List.of(h), Long.MAX_VALUE, ForecastSpec.of(List.of(1, 24), 0.1), 7);
    var day = set.assets().get(0).targets(24);
    int last = h.size() - 1 - 1_440;
    assertTrue(day.isDefined(last), "defined with 1440 minutes after the row");
    assertTrue(!day.isDefined(last + 1), "undefined with one minute short");
    double sum = 0;
    for (int k = 1; k <= 1_440; k++) {
      sum += h.barReturn(last + k) * h.barReturn(last + k);
    }
    assertEquals(sum, day.realisedVariance(last), 1e-15);
  }
}

package io.liqopt.core.feature;

import static io.liqopt.core.market.Bars.H;
import static io.liqopt.core.market.Bars.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.liqopt.core.market.BarInterval;
import io.liqopt.core.market.BarSeries;
import io.liqopt.core.market.BarSeriesBuilder;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * No look-ahead: appending arbitrary future bars (any prices, jumps, gaps, volumes, to the asset
 * and to the market series) leaves every feature value at every earlier bar bit-for-bit unchanged.
 */
class FeatureCausalityPropertiesTest {

  @Test
  void appendingFutureBars_changesNoEarlierFeature() {
    // each example computes every feature over up to 1250 bars twice: shrinking is bounded
    qt().withExamples(60)
        .withFixedSeed(21L)
        .withShrinkCycles(200)
        .forAll(integers().between(1, 900), integers().between(1, 300), longs().all())
        .checkAssert(FeatureCausalityPropertiesTest::pastFeaturesUnchanged);
  }

  private static void pastFeaturesUnchanged(int pastBars, int futureBars, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    Generated asset = generate("ALT", pastBars + futureBars, rnd);
    Generated market = generate("BTC", pastBars + futureBars + 50, rnd);
    BarSeries pastAsset = asset.series.slice(Long.MIN_VALUE, asset.cut(pastBars));
    BarSeries pastMarket = market.series.slice(Long.MIN_VALUE, asset.cut(pastBars));

    FeatureMatrix full = FeatureCalculator.DEFAULT.compute(asset.series, market.series);
    FeatureMatrix past = FeatureCalculator.DEFAULT.compute(pastAsset, pastMarket);
    for (int row = 0; row < past.rows(); row++) {
      for (int col = 0; col < past.schema().size(); col++) {
        int r = row;
        String name = past.schema().names().get(col);
        assertEquals(
            Double.doubleToLongBits(past.value(row, col)),
            Double.doubleToLongBits(full.value(row, col)),
            () -> "feature " + name + " at row " + r + " changed when future bars were appended");
      }
    }
  }

  record Generated(BarSeries series) {
    /** The exclusive end time that keeps the first {@code bars} bars. */
    long cut(int bars) {
      return series.openTimeMs(bars - 1) + 1;
    }
  }

  /** A random walk with heavy-tailed jumps, random gaps and zero-volume bars. */
  static Generated generate(String symbol, int n, SplittableRandom rnd) {
    BarSeriesBuilder b = new BarSeriesBuilder(symbol, BarInterval.H1, n);
    double p = 10 + 1000 * rnd.nextDouble();
    long time = T0;
    for (int i = 0; i < n; i++) {
      double jump = rnd.nextInt(50) == 0 ? 0.3 * rnd.nextGaussian() : 0;
      double o = p;
      double c = Math.max(1e-6, o * Math.exp(0.02 * rnd.nextGaussian() + jump));
      double hi = Math.max(o, c) * (1 + 0.01 * rnd.nextDouble());
      double lo = Math.min(o, c) * (1 - 0.01 * rnd.nextDouble());
      double v = rnd.nextInt(20) == 0 ? 0 : 1000 * rnd.nextDouble();
      b.append(time, o, hi, lo, c, v, rnd.nextBoolean() ? v * c : Double.NaN);
      p = c;
      time += H * (rnd.nextInt(40) == 0 ? 1 + rnd.nextInt(30) : 1);
    }
    return new Generated(b.build());
  }
}

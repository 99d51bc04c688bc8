package io.liqopt.core.feature;

import static io.liqopt.core.market.Bars.H;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.liqopt.core.forecast.AssetHistory;
import io.liqopt.core.market.BarSeries;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A held window that slides (bars appended to the asset and to the market factor, in either order,
 * the oldest dropped) gets from {@link AssetHistory#extend} the features {@link AssetHistory#of}
 * computes on it, wherever the window's start no longer matters (from {@link
 * FeatureCalculator#LOOKBACK_HOURS} in), and the rows it kept are copied bit for bit.
 */
class FeatureExtendPropertiesTest {
  private static final double TOLERANCE = 1e-9;

  @Test
  void slidingWindow_extendEqualsCompute() {
    qt().withExamples(40)
        .withFixedSeed(33L)
        .withShrinkCycles(100)
        .forAll(integers().between(0, 40), integers().between(0, 6), longs().all())
        .checkAssert(FeatureExtendPropertiesTest::sameFeatures);
  }

  private static void sameFeatures(int appended, int lags, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int past = 1100 + rnd.nextInt(600);
    var asset = FeatureCausalityPropertiesTest.generate("ALT", past + appended, rnd).series();
    var market = FeatureCausalityPropertiesTest.generate("BTC", past + appended + 60, rnd).series();
    // the market factor is behind the asset by up to 3 bars before, and by up to 3 after
    int lagBefore = lags % 4;
    int lagAfter = lags / 2;
    long start = asset.openTimeMs(rnd.nextInt(60));
    long end = asset.openTimeMs(past - 1) + 1;
    long nowEnd = asset.openTimeMs(past + appended - 1) + 1;
    long nowStart = asset.openTimeMs(asset.indexAtOrAfter(start) + rnd.nextInt(appended + 1));
    AssetHistory earlier =
        AssetHistory.of(asset.slice(start, end), market.slice(start, end - lagBefore * H));
    BarSeries window = asset.slice(nowStart, nowEnd);
    BarSeries factor = market.slice(nowStart, nowEnd - lagAfter * H);

    FeatureMatrix ext = AssetHistory.extend(earlier, window, factor).features();
    FeatureMatrix ref = AssetHistory.of(window, factor).features();
    assertEquals(ref.rows(), ext.rows());
    long settled = window.openTimeMs(0) + FeatureCalculator.LOOKBACK_HOURS * H;
    int compared = 0;
    for (int row = 0; row < ref.rows(); row++) {
      if (ref.openTimeMs(row) < settled) {
        continue;
      }
      compared++;
      for (int col = 0; col < ref.schema().size(); col++) {
        double a = ref.value(row, col);
        double b = ext.value(row, col);
        String what = ref.schema().names().get(col) + " at row " + row;
        if (Double.isNaN(a) || Double.isNaN(b)) {
          assertEquals(Double.isNaN(a), Double.isNaN(b), what);
        } else {
          assertEquals(a, b, TOLERANCE * Math.max(1, Math.abs(a)), what);
        }
      }
    }
    assertTrue(compared > 0, "no settled row");
    // the rows both held, up to the factor's last bar then, are copied
    long through =
        Math.min(
            earlier.series().lastOpenTimeMs(),
            market.slice(start, end - lagBefore * H).lastOpenTimeMs());
    int offset = earlier.series().indexAtOrAfter(window.openTimeMs(0));
    for (int row = 0; row < ext.rows() && window.openTimeMs(row) <= through; row++) {
      for (int col = 0; col < ext.schema().size(); col++) {
        assertEquals(
            Double.doubleToLongBits(earlier.features().value(row + offset, col)),
            Double.doubleToLongBits(ext.value(row, col)),
            "kept row " + row);
      }
    }
  }
}

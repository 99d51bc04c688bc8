package io.liqopt.core.feature;

import static io.liqopt.core.market.Bars.H;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.liqopt.core.forecast.AssetHistory;
import io.liqopt.core.market.BarSeries;
import io.liqopt.core.market.SeriesMerge;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A held window that slides (bars appended to the asset and to the market factor, in either order,
 * the oldest dropped) gets from {@link AssetHistory#extend} the features {@link AssetHistory#of}
 * computes on it, wherever the window's start no longer matters (from {@link
 * FeatureCalculator#LOOKBACK_HOURS} in, in hours and in bars), and the rows it kept are copied bit
 * for bit; also when the asset is its own factor, the factor runs ahead, loses bars, or the asset
 * falls silent for 600–800 hours.
 */
class FeatureExtendPropertiesTest {
  // the window sums are differences of running sums: a near-empty window (a flat day, just after
  // a long gap) loses digits to them, in the full computation as in the extension
  private static final double TOLERANCE = 1e-6;

  @Test
  void slidingWindow_extendEqualsCompute() {
    qt().withExamples(60)
        .withFixedSeed(33L)
        .withShrinkCycles(100)
        .forAll(integers().between(0, 40), integers().between(0, 27), longs().all())
        .checkAssert(FeatureExtendPropertiesTest::sameFeatures);
  }

  /** Cases too rare to leave to the draw: the factor a bar shorter now, a long gap, each kind. */
  @Test
  void fixedCases_extendEqualsCompute() {
    for (long seed = 1; seed <= 3; seed++) {
      sameFeatures(0, 6, seed); // the factor 2 bars behind, then 3: it lost a bar
      for (int kind = 0; kind < 4; kind++) {
        sameFeatures((int) seed, 7 * kind + 1, seed);
      }
    }
  }

  /**
   * {@code shape} % 7: the factor's lags before and after (0–3 bars behind the asset, the factor
   * also losing bars), and / 7: 0 a factor of its own, 1 the asset its own factor, 2 a gap of
   * 600–800 hours in the asset, 3 the factor 1–5 bars ahead of the asset.
   */
  private static void sameFeatures(int appended, int shape, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int kind = shape / 7;
    int past = 1100 + rnd.nextInt(600) + (kind == 2 ? 800 : 0);
    BarSeries asset = FeatureCausalityPropertiesTest.generate("ALT", past + appended, rnd).series();
    BarSeries market =
        FeatureCausalityPropertiesTest.generate("BTC", past + appended + 60, rnd).series();
    if (kind == 2) { // a long silence: the bars of 600–800 hours taken out
      int at = 100 + rnd.nextInt(past - 200);
      long gapFrom = asset.openTimeMs(at);
      long gapTo = gapFrom + (600 + rnd.nextInt(201)) * H;
      asset =
          SeriesMerge.of(asset.slice(Long.MIN_VALUE, gapFrom), asset.slice(gapTo, Long.MAX_VALUE))
              .series();
      past = Math.min(past, asset.size() - appended);
    }
    int lagBefore = kind == 3 ? -1 - rnd.nextInt(5) : shape % 7 % 4;
    int lagAfter = kind == 3 ? -1 - rnd.nextInt(5) : shape % 7 / 2;
    long start = asset.openTimeMs(rnd.nextInt(60));
    long end = asset.openTimeMs(past - 1) + 1;
    long nowEnd = asset.openTimeMs(asset.size() - 1) + 1;
    long nowStart = asset.openTimeMs(asset.indexAtOrAfter(start) + rnd.nextInt(appended + 1));
    BarSeries window = asset.slice(nowStart, nowEnd);
    BarSeries before = asset.slice(start, end);
    BarSeries marketBefore = market.slice(start, end - lagBefore * H);
    BarSeries factor = market.slice(nowStart, nowEnd - lagAfter * H);
    if (kind == 1) {
      marketBefore = before;
      factor = window;
    }
    AssetHistory earlier = AssetHistory.of(before, marketBefore);

    FeatureMatrix ext = AssetHistory.extend(earlier, window, factor).features();
    FeatureMatrix ref = AssetHistory.of(window, factor).features();
    assertEquals(ref.rows(), ext.rows());
    long settled = window.openTimeMs(0) + FeatureCalculator.LOOKBACK_HOURS * H;
    int compared = 0;
    for (int row = 0; row < ref.rows(); row++) {
      if (ref.openTimeMs(row) < settled || row < FeatureCalculator.LOOKBACK_HOURS + 3) {
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
            Math.min(earlier.series().lastOpenTimeMs(), marketBefore.lastOpenTimeMs()),
            factor.lastOpenTimeMs());
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

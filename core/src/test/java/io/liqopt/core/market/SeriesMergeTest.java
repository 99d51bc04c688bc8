package io.liqopt.core.market;

import static io.liqopt.core.market.Bars.H;
import static io.liqopt.core.market.Bars.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import org.junit.jupiter.api.Test;

class SeriesMergeTest {

  @Test
  void merge_overlap_identicalBarsKeptOnce() {
    BarSeries all = Bars.hourly("BTCUSDT", 100);
    SeriesMerge m =
        SeriesMerge.of(all.slice(T0, T0 + 60 * H), all.slice(T0 + 40 * H, T0 + 100 * H));
    assertTrue(m.series().contentEquals(all));
    assertEquals(40, m.added());
    assertEquals(20, m.duplicates());
  }

  @Test
  void merge_conflictingBar_refusedNamingBoth() {
    BarSeries a = Bars.hourly("BTCUSDT", 10);
    BarSeries b = Bars.hourlyFrom("BTCUSDT", T0 + 5 * H, 10, 150.0);
    BarRejectedException e = assertThrows(BarRejectedException.class, () -> SeriesMerge.of(a, b));
    assertEquals(BarDefect.CONFLICTING_DUPLICATE, e.defect());
    assertEquals(0, e.conflictingIndex());
    assertTrue(e.getMessage().contains("stored") && e.getMessage().contains("incoming"));
  }

  @Test
  void merge_differentSymbol_refused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> SeriesMerge.of(Bars.hourly("A", 3), Bars.hourly("B", 3)));
  }

  /** Any two windows of one series merge back into their union, in either order. */
  @Test
  void merge_anyTwoWindows_isTheirUnion() {
    qt().withExamples(200)
        .withFixedSeed(42L)
        .forAll(
            integers().between(0, 80),
            integers().between(1, 80),
            integers().between(0, 80),
            integers().between(1, 80))
        .checkAssert(SeriesMergeTest::mergeBothWays);
  }

  private static void mergeBothWays(int a0, int aLen, int b0, int bLen) {
    BarSeries all = Bars.hourly("ETHUSDT", 200);
    BarSeries a = all.slice(T0 + a0 * H, T0 + (a0 + aLen) * H);
    BarSeries b = all.slice(T0 + b0 * H, T0 + (b0 + bLen) * H);
    SeriesMerge ab = SeriesMerge.of(a, b);
    SeriesMerge ba = SeriesMerge.of(b, a);
    assertTrue(ab.series().contentEquals(ba.series()));
    int overlap = Math.max(0, Math.min(a0 + aLen, b0 + bLen) - Math.max(a0, b0));
    assertEquals(overlap, ab.duplicates());
    assertEquals(aLen + bLen - overlap, ab.series().size());
    // gaps appear exactly when the windows do not touch
    boolean disjoint = Math.max(a0, b0) > Math.min(a0 + aLen, b0 + bLen);
    assertEquals(disjoint ? 1 : 0, ab.series().gaps().size());
  }
}

package io.liqopt.core.market;

import static io.liqopt.core.market.Bars.H;
import static io.liqopt.core.market.Bars.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BarSeriesBuilderTest {

  private static BarSeriesBuilder sut() {
    BarSeriesBuilder b = new BarSeriesBuilder("BTCUSDT", BarInterval.H1);
    b.append(T0, 100, 101, 99, 100.5, 5, 500);
    return b;
  }

  private static BarDefect defectOf(Runnable r) {
    return assertThrows(BarRejectedException.class, r::run).defect();
  }

  @Test
  void values_valid_noDefect() {
    assertNull(BarDefect.ofValues(100, 101, 99, 100.5, 0, Double.NaN));
    assertNull(BarDefect.ofValues(100, 100, 100, 100, 0, 0));
  }

  @Test
  void values_nanOrInfinitePrice_refused() {
    assertEquals(BarDefect.NON_FINITE_PRICE, BarDefect.ofValues(Double.NaN, 101, 99, 100, 1, 1));
    assertEquals(
        BarDefect.NON_FINITE_PRICE,
        BarDefect.ofValues(100, Double.POSITIVE_INFINITY, 99, 100, 1, 1));
    assertEquals(BarDefect.NON_FINITE_PRICE, BarDefect.ofValues(100, 101, 99, Double.NaN, 1, 1));
  }

  @Test
  void values_zeroOrNegativePrice_refused() {
    assertEquals(BarDefect.NON_POSITIVE_PRICE, BarDefect.ofValues(100, 101, 0, 100, 1, 1));
    assertEquals(BarDefect.NON_POSITIVE_PRICE, BarDefect.ofValues(-1, 101, -2, 100, 1, 1));
  }

  @Test
  void values_lowAboveBodyOrHighBelowBody_refused() {
    assertEquals(BarDefect.LOW_ABOVE_BODY, BarDefect.ofValues(100, 101, 100.2, 100.5, 1, 1));
    assertEquals(BarDefect.HIGH_BELOW_BODY, BarDefect.ofValues(100, 100.4, 99, 100.5, 1, 1));
  }

  @Test
  void values_badVolume_refused_missingQuoteVolumeAllowed() {
    assertEquals(BarDefect.BAD_VOLUME, BarDefect.ofValues(100, 101, 99, 100, -1, 1));
    assertEquals(BarDefect.BAD_VOLUME, BarDefect.ofValues(100, 101, 99, 100, Double.NaN, 1));
    assertEquals(BarDefect.BAD_VOLUME, BarDefect.ofValues(100, 101, 99, 100, 1, -0.5));
    assertEquals(
        BarDefect.BAD_VOLUME, BarDefect.ofValues(100, 101, 99, 100, 1, Double.POSITIVE_INFINITY));
    assertNull(BarDefect.ofValues(100, 101, 99, 100, 1, Double.NaN));
  }

  @Test
  void append_exactDuplicate_droppedAndCounted() {
    BarSeriesBuilder b = sut();
    assertEquals(
        BarSeriesBuilder.Appended.DUPLICATE_DROPPED, b.append(T0, 100, 101, 99, 100.5, 5, 500));
    assertEquals(1, b.size());
    assertEquals(1, b.duplicatesDropped());
  }

  @Test
  void append_conflictingDuplicate_refusedNamingEarlierBar() {
    BarSeriesBuilder b = sut();
    BarRejectedException e =
        assertThrows(BarRejectedException.class, () -> b.append(T0, 100, 101, 99, 100.6, 5, 500));
    assertEquals(BarDefect.CONFLICTING_DUPLICATE, e.defect());
    assertEquals(0, e.conflictingIndex());
    assertEquals(1, b.size());
  }

  @Test
  void append_earlierTime_outOfOrder() {
    BarSeriesBuilder b = sut();
    b.append(T0 + H, 100, 101, 99, 100.5, 5, 500);
    assertEquals(BarDefect.OUT_OF_ORDER, defectOf(() -> b.append(T0, 100, 101, 99, 100.5, 5, 500)));
    assertEquals(2, b.size());
  }

  @Test
  void append_offGrid_badBarLength() {
    BarSeriesBuilder b = sut();
    assertEquals(
        BarDefect.BAD_BAR_LENGTH,
        defectOf(() -> b.append(T0 + H / 2, 100, 101, 99, 100.5, 5, 500)));
  }

  @Test
  void build_gapKept_reportedNotFilled() {
    BarSeriesBuilder b = sut();
    b.append(T0 + 4 * H, 100, 101, 99, 100.5, 5, 500);
    BarSeries s = b.build();
    assertEquals(2, s.size());
    assertEquals(List.of(new Gap(T0, T0 + 4 * H, 3)), s.gaps());
  }

  @Test
  void of_invalidColumns_refusedWithBarNamed() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                BarSeries.of(
                    "X",
                    BarInterval.H1,
                    new long[] {T0, T0 + H},
                    new double[] {1, 1},
                    new double[] {1, 1},
                    new double[] {1, 2},
                    new double[] {1, 1},
                    new double[] {1, 1},
                    new double[] {1, 1}));
    assertTrue(e.getMessage().contains("bar 1"), e.getMessage());
  }

  @Test
  void bar_negativePrice_refused() {
    assertThrows(IllegalArgumentException.class, () -> new Bar("BTCUSDT", T0, -1, 1, -2, 1, 1, 1));
  }

  @Test
  void slice_halfOpenRange() {
    BarSeries s = Bars.hourly("BTCUSDT", 10);
    BarSeries part = s.slice(T0 + 2 * H, T0 + 5 * H);
    assertEquals(3, part.size());
    assertEquals(T0 + 2 * H, part.firstOpenTimeMs());
    assertEquals(0, s.slice(T0 + 20 * H, T0 + 30 * H).size());
  }
}

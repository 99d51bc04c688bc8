package io.liqopt.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liqopt.report.ChartSeries.LinePattern;
import io.liqopt.report.ChartSeries.Style;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChartSeriesTest {
  private static final double NAN = Double.NaN;
  private static final double INF = Double.POSITIVE_INFINITY;

  @Test
  void of_mismatchedLengths_throwsIllegalArgument() {
    assertThrows(
        IllegalArgumentException.class,
        () -> ChartSeries.of("a", new double[] {1, 2}, new double[] {1}, Style.LINE));
  }

  @Test
  void overTime_mismatchedLengths_throwsIllegalArgument() {
    assertThrows(
        IllegalArgumentException.class,
        () -> ChartSeries.overTime("a", new long[] {1}, new double[] {1, 2}, Style.LINE));
  }

  @Test
  void of_nullName_throwsIllegalArgument() {
    assertThrows(
        IllegalArgumentException.class,
        () -> ChartSeries.of(null, new double[] {1}, new double[] {1}, Style.LINE));
  }

  @Test
  void overTime_nullName_throwsIllegalArgument() {
    assertThrows(
        IllegalArgumentException.class,
        () -> ChartSeries.overTime(null, new long[] {1}, new double[] {1}, Style.MARKERS));
  }

  @Test
  void of_nullValuesOrStyle_throwsIllegalArgument() {
    double[] v = {1};
    assertThrows(IllegalArgumentException.class, () -> ChartSeries.of("a", null, v, Style.LINE));
    assertThrows(IllegalArgumentException.class, () -> ChartSeries.of("a", v, null, Style.LINE));
    assertThrows(IllegalArgumentException.class, () -> ChartSeries.of("a", v, v, null));
  }

  @Test
  void overTime_stepBelowOne_throwsIllegalArgument() {
    assertThrows(
        IllegalArgumentException.class,
        () -> ChartSeries.overTime("a", new long[] {1}, new double[] {1}, Style.LINE, 0));
  }

  @Test
  void of_nonFinitePoints_leftOut() {
    ChartSeries s =
        ChartSeries.of(
            "a",
            new double[] {1, 2, NAN, 4, 5},
            new double[] {10, NAN, 30, -INF, 50},
            Style.LINE_WITH_MARKERS);
    assertArrayEquals(new double[] {1, 5}, s.x());
    assertArrayEquals(new double[] {10, 50}, s.y());
    assertEquals(2, s.size());
  }

  @Test
  void overTime_step_samplesEveryStepThenLeavesOutNonFinite() {
    long[] t = {0, 1000, 2000, 3000, 4000, 5000, 6000};
    double[] y = {0, 1, NAN, 3, 4, 5, 6};
    ChartSeries s = ChartSeries.overTime("a", t, y, Style.LINE, 2);
    // sampled 0, 2, 4, 6; the NaN at 2 is left out
    assertArrayEquals(new double[] {0, 4000, 6000}, s.x());
    assertArrayEquals(new double[] {0, 4, 6}, s.y());
    assertEquals(ChartSpec.XAxis.TIME, s.xAxis());
  }

  @Test
  void overTime_allNonFinite_isEmpty() {
    ChartSeries s =
        ChartSeries.overTime("a", new long[] {1, 2}, new double[] {NAN, INF}, Style.MARKERS);
    assertTrue(s.isEmpty());
  }

  @Test
  void arrays_copiedInAndOut_seriesUnchanged() {
    double[] x = {1, 2};
    double[] y = {3, 4};
    ChartSeries s = ChartSeries.of("a", x, y, Style.LINE);
    x[0] = 99;
    y[0] = 99;
    s.x()[1] = 99;
    s.y()[1] = 99;
    assertArrayEquals(new double[] {1, 2}, s.x());
    assertArrayEquals(new double[] {3, 4}, s.y());
  }

  @Test
  void withers_newSeries_originalUnchanged() {
    ChartSeries s = ChartSeries.of("a", new double[] {1}, new double[] {2}, Style.LINE);
    ChartSeries t =
        s.withColour(Rgba.RED)
            .withLinePattern(LinePattern.DASHED)
            .hiddenFromLegend()
            .onSecondYAxis();
    assertEquals(Optional.of(Rgba.RED), t.colour());
    assertEquals(Optional.of(LinePattern.DASHED), t.linePattern());
    assertFalse(t.inLegend());
    assertTrue(t.secondYAxis());
    assertArrayEquals(s.y(), t.y());
    assertEquals(Optional.empty(), s.colour());
    assertEquals(Optional.empty(), s.linePattern());
    assertTrue(s.inLegend());
    assertFalse(s.secondYAxis());
    assertEquals(s, ChartSeries.of("a", new double[] {1}, new double[] {2}, Style.LINE));
  }

  @Test
  void withColour_null_throwsIllegalArgument() {
    ChartSeries s = ChartSeries.of("a", new double[] {1}, new double[] {2}, Style.LINE);
    assertThrows(IllegalArgumentException.class, () -> s.withColour(null));
    assertThrows(IllegalArgumentException.class, () -> s.withLinePattern(null));
  }

  @Test
  void rgba_channelOutOfRange_throwsIllegalArgument() {
    assertThrows(IllegalArgumentException.class, () -> new Rgba(256, 0, 0, 255));
    assertThrows(IllegalArgumentException.class, () -> new Rgba(0, 0, 0, -1));
    assertEquals(new Rgba(1, 2, 3, 255), Rgba.of(1, 2, 3));
  }
}

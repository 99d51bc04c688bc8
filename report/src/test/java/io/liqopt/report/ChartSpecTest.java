package io.liqopt.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.liqopt.report.ChartSeries.Style;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChartSpecTest {
  private static ChartSeries numeric(String name, double... y) {
    double[] x = new double[y.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = i;
    }
    return ChartSeries.of(name, x, y, Style.LINE);
  }

  @Test
  void overTime_noSize_defaultsToTimeChartSize() {
    ChartSpec s = ChartSpec.overTime("t").build();
    assertEquals(ChartSpec.XAxis.TIME, s.xAxis());
    assertEquals(1000, s.widthPx());
    assertEquals(420, s.heightPx());
  }

  @Test
  void numeric_noSize_defaultsToNumericChartSize() {
    ChartSpec s = ChartSpec.numeric("t").build();
    assertEquals(600, s.widthPx());
    assertEquals(500, s.heightPx());
    assertEquals("", s.xAxisTitle());
    assertEquals(Optional.empty(), s.secondYAxisTitle());
  }

  @Test
  void size_notPositive_throwsIllegalArgument() {
    assertThrows(IllegalArgumentException.class, () -> ChartSpec.numeric("t").size(0, 10));
    assertThrows(IllegalArgumentException.class, () -> ChartSpec.numeric("t").size(10, -1));
  }

  @Test
  void numeric_nullTitle_throwsIllegalArgument() {
    assertThrows(IllegalArgumentException.class, () -> ChartSpec.numeric(null));
    assertThrows(IllegalArgumentException.class, () -> ChartSpec.overTime("t").yAxisTitle(null));
  }

  @Test
  void add_emptySeries_leftOut() {
    ChartSpec s =
        ChartSpec.numeric("t")
            .add(numeric("a", 1))
            .add(numeric("b", Double.NaN))
            .add(numeric("c", 2))
            .build();
    assertEquals(List.of("a", "c"), s.series().stream().map(ChartSeries::name).toList());
  }

  @Test
  void build_duplicateNames_throwsIllegalArgument() {
    ChartSpec.Builder b = ChartSpec.numeric("t").add(numeric("a", 1)).add(numeric("a", 2));
    assertThrows(IllegalArgumentException.class, b::build);
  }

  @Test
  void build_numericSeriesOnTimeChart_throwsIllegalArgument() {
    ChartSpec.Builder b = ChartSpec.overTime("t").add(numeric("a", 1));
    assertThrows(IllegalArgumentException.class, b::build);
  }

  @Test
  void build_secondAxisSeriesWithoutSecondAxis_throwsIllegalArgument() {
    ChartSpec.Builder b = ChartSpec.numeric("t").add(numeric("a", 1).onSecondYAxis());
    assertThrows(IllegalArgumentException.class, b::build);
  }

  @Test
  void build_nonPositiveValueOnLogAxis_throwsIllegalArgument() {
    ChartSpec.Builder b = ChartSpec.numeric("t").logY().add(numeric("a", 1, 0));
    assertThrows(IllegalArgumentException.class, b::build);
  }

  @Test
  void build_positiveValuesOnLogAxis_keepsTheSeriesInOrder() {
    ChartSpec s =
        ChartSpec.numeric("t")
            .logY()
            .secondYAxis("p")
            .add(numeric("a", 1e-7, 2))
            .add(numeric("b", -1).onSecondYAxis())
            .build();
    assertEquals(List.of("a", "b"), s.series().stream().map(ChartSeries::name).toList());
    assertEquals(Optional.of("p"), s.secondYAxisTitle());
  }
}

package io.liqopt.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liqopt.report.ChartSeries.LinePattern;
import io.liqopt.report.ChartSeries.Style;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

class ChartRendererTest {
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  private static final long DAY_MS = 86_400_000L;

  private static ChartSpec timeChart() {
    long[] t = {0, DAY_MS, 2 * DAY_MS, 3 * DAY_MS};
    return ChartSpec.overTime("LT against price")
        .xAxisTitle("UTC")
        .yAxisTitle("LT (%)")
        .secondYAxis("price")
        .add(ChartSeries.overTime("LT", t, new double[] {80, 81, Double.NaN, 79}, Style.LINE))
        .add(
            ChartSeries.overTime("price", t, new double[] {100, 90, 95, 97}, Style.LINE)
                .onSecondYAxis())
        .add(
            ChartSeries.overTime(
                    "liquidations", new long[] {DAY_MS}, new double[] {90}, Style.SCATTER)
                .onSecondYAxis())
        .build();
  }

  @Test
  void toXChart_timeChart_labelsDatesInUtcWhateverTheDefaultZone() {
    java.util.TimeZone before = java.util.TimeZone.getDefault();
    try {
      java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("Pacific/Auckland"));
      XYChart c = ChartRenderer.toXChart(timeChart());
      assertEquals("UTC", c.getStyler().getTimezone().getID());
    } finally {
      java.util.TimeZone.setDefault(before);
    }
  }

  @Test
  void writeChart_timeChart_writesAPngOfTheDefaultSize(@TempDir Path dir) throws IOException {
    RunReport report = RunReport.create(dir, "test", Instant.EPOCH);
    String file = report.writeChart("lt", timeChart());
    assertEquals("lt.png", file);
    assertPng(report.dir().resolve(file), 1000, 420);
  }

  @Test
  void writeChart_numericLogChartOfAGivenSize_writesAPngOfThatSize(@TempDir Path dir)
      throws IOException {
    ChartSpec spec =
        ChartSpec.numeric("P(insolvency)")
            .xAxisTitle("LT")
            .yAxisTitle("P")
            .logY()
            .size(900, 480)
            .add(
                ChartSeries.of(
                    "P",
                    new double[] {0.5, 0.6, 0.7},
                    new double[] {1e-4, Double.NaN, 1e-2},
                    Style.LINE_WITH_MARKERS))
            .add(
                ChartSeries.of(
                        "eps", new double[] {0.5, 0.7}, new double[] {1e-3, 1e-3}, Style.LINE)
                    .withLinePattern(LinePattern.DASHED))
            .build();
    RunReport report = RunReport.create(dir, "test", Instant.EPOCH);
    assertPng(report.dir().resolve(report.writeChart("p", spec)), 900, 480);
  }

  private static void assertPng(Path p, int width, int height) throws IOException {
    byte[] bytes = Files.readAllBytes(p);
    assertTrue(bytes.length > PNG_SIGNATURE.length, "empty file");
    assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(bytes, PNG_SIGNATURE.length));
    BufferedImage image = ImageIO.read(p.toFile());
    assertNotNull(image, "ImageIO cannot read it");
    assertEquals(width, image.getWidth());
    assertEquals(height, image.getHeight());
  }

  @Test
  void toXChart_styles_mapToXChartSeries() {
    double[] x = {1, 2};
    ChartSpec spec =
        ChartSpec.numeric("t")
            .secondYAxis("right")
            .add(
                ChartSeries.of("line", x, x, Style.LINE)
                    .withColour(new Rgba(150, 150, 150, 110))
                    .withLinePattern(LinePattern.SOLID)
                    .hiddenFromLegend())
            .add(ChartSeries.of("marked", x, x, Style.LINE_WITH_MARKERS))
            .add(ChartSeries.of("markers", x, x, Style.MARKERS))
            .add(ChartSeries.of("scatter", x, x, Style.SCATTER).onSecondYAxis())
            .add(ChartSeries.of("bars", x, x, Style.STEP_AREA).withColour(Rgba.RED))
            .build();
    XYChart c = ChartRenderer.toXChart(spec);
    assertEquals(600, c.getWidth());
    assertEquals(Color.WHITE, c.getStyler().getChartBackgroundColor());
    XYSeries line = c.getSeriesMap().get("line");
    assertEquals(SeriesMarkers.NONE, line.getMarker());
    assertEquals(new Color(150, 150, 150, 110), line.getLineColor());
    assertEquals(SeriesLines.SOLID, line.getLineStyle());
    assertFalse(line.isShowInLegend());
    XYSeries marked = c.getSeriesMap().get("marked");
    assertEquals(null, marked.getMarker());
    assertEquals(null, marked.getLineStyle());
    assertEquals(
        XYSeries.XYSeriesRenderStyle.Scatter,
        c.getSeriesMap().get("markers").getXYSeriesRenderStyle());
    XYSeries scatter = c.getSeriesMap().get("scatter");
    assertEquals(XYSeries.XYSeriesRenderStyle.Scatter, scatter.getXYSeriesRenderStyle());
    assertEquals(SeriesMarkers.CIRCLE, scatter.getMarker());
    assertEquals(1, scatter.getYAxisGroup());
    assertEquals("right", c.getYAxisGroupTitle(1));
    XYSeries bars = c.getSeriesMap().get("bars");
    assertEquals(XYSeries.XYSeriesRenderStyle.StepArea, bars.getXYSeriesRenderStyle());
    assertEquals(SeriesMarkers.NONE, bars.getMarker());
    assertEquals(new Color(255, 0, 0), bars.getFillColor());
  }
}

package io.liqopt.report;

import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws a {@link ChartSpec} with XChart, headless, as a PNG: white background, dates as yyyy-MM-dd
 * and small (4 px) markers on a time axis; colours, markers and line patterns the spec leaves open
 * come from XChart's cycle in series order. The only place XChart and java.awt are used.
 */
final class ChartRenderer {
  private static final String DATE_PATTERN = "yyyy-MM-dd";
  private static final int TIME_MARKER_SIZE_PX = 4;
  private static final int SECOND_Y_AXIS_GROUP = 1;

  private ChartRenderer() {}

  /** The PNG bytes of {@code spec}, {@code widthPx} x {@code heightPx}. */
  static byte[] png(ChartSpec spec) throws IOException {
    return BitmapEncoder.getBitmapBytes(toXChart(spec), BitmapEncoder.BitmapFormat.PNG);
  }

  /** {@code spec} as an XChart chart. */
  static XYChart toXChart(ChartSpec spec) {
    boolean time = spec.xAxis() == ChartSpec.XAxis.TIME;
    XYChart c =
        new XYChartBuilder()
            .width(spec.widthPx())
            .height(spec.heightPx())
            .title(spec.title())
            .xAxisTitle(spec.xAxisTitle())
            .yAxisTitle(spec.yAxisTitle())
            .build();
    if (time) {
      c.getStyler().setDatePattern(DATE_PATTERN);
      // the axis says UTC; XChart would label dates in the JVM's default zone
      c.getStyler().setTimezone(java.util.TimeZone.getTimeZone("UTC"));
    }
    c.getStyler().setChartBackgroundColor(Color.WHITE);
    if (time) {
      c.getStyler().setMarkerSize(TIME_MARKER_SIZE_PX);
    }
    c.getStyler().setYAxisLogarithmic(spec.logY());
    boolean secondAxisUsed = false;
    for (ChartSeries s : spec.series()) {
      XYSeries x =
          time
              ? c.addSeries(s.name(), dates(s.x()), boxed(s.y()))
              : c.addSeries(s.name(), s.x(), s.y());
      style(x, s);
      if (s.secondYAxis()) {
        x.setYAxisGroup(SECOND_Y_AXIS_GROUP);
        secondAxisUsed = true;
      }
    }
    if (secondAxisUsed) {
      c.setYAxisGroupTitle(SECOND_Y_AXIS_GROUP, spec.secondYAxisTitle().orElseThrow());
    }
    return c;
  }

  private static void style(XYSeries x, ChartSeries s) {
    switch (s.style()) {
      case LINE -> x.setMarker(SeriesMarkers.NONE);
      case LINE_WITH_MARKERS -> {
        // XChart's default: a line with the cycle's marker
      }
      case MARKERS -> x.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      case SCATTER -> {
        x.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        x.setMarker(SeriesMarkers.CIRCLE);
      }
      case STEP_AREA -> {
        x.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.StepArea);
        x.setMarker(SeriesMarkers.NONE);
      }
      default -> throw new IllegalStateException("unknown style " + s.style());
    }
    s.colour()
        .ifPresent(
            rgba -> {
              Color colour = new Color(rgba.red(), rgba.green(), rgba.blue(), rgba.alpha());
              x.setLineColor(colour);
              x.setMarkerColor(colour);
              x.setFillColor(colour); // read by STEP_AREA only
            });
    s.linePattern()
        .ifPresent(
            p ->
                x.setLineStyle(
                    switch (p) {
                      case SOLID -> SeriesLines.SOLID;
                      case DASHED -> SeriesLines.DASH_DASH;
                    }));
    x.setShowInLegend(s.inLegend());
  }

  private static List<Date> dates(double[] epochMs) {
    List<Date> out = new ArrayList<>(epochMs.length);
    for (double t : epochMs) {
      out.add(new Date((long) t));
    }
    return out;
  }

  private static List<Double> boxed(double[] v) {
    List<Double> out = new ArrayList<>(v.length);
    for (double d : v) {
      out.add(d);
    }
    return out;
  }
}

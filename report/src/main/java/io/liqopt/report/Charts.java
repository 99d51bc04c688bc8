package io.liqopt.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Builders of the report charts (XChart, rendered headless to PNG by {@link RunReport#writeChart}).
 * Non-finite points are left out of a series rather than drawn as zero.
 */
public final class Charts {
  private static final int WIDTH = 1000;
  private static final int HEIGHT = 420;

  private Charts() {
  }

  /** An empty chart with a date x axis. */
  public static XYChart timeChart(String title, String yAxisTitle) {
    XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
        .xAxisTitle("UTC").yAxisTitle(yAxisTitle).build();
    c.getStyler().setDatePattern("yyyy-MM-dd");
    c.getStyler().setChartBackgroundColor(Color.WHITE);
    c.getStyler().setMarkerSize(4);
    return c;
  }

  /** An empty chart with numeric axes. */
  public static XYChart xyChart(String title, String xAxisTitle, String yAxisTitle) {
    XYChart c = new XYChartBuilder().width(600).height(500).title(title)
        .xAxisTitle(xAxisTitle).yAxisTitle(yAxisTitle).build();
    c.getStyler().setChartBackgroundColor(Color.WHITE);
    return c;
  }

  /** Adds a line over time, every {@code step}-th point (1: all). */
  public static void line(XYChart chart, String name, long[] timesMs, double[] y, int step) {
    List<Date> xs = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    for (int i = 0; i < timesMs.length; i += step) {
      if (Double.isFinite(y[i])) {
        xs.add(new Date(timesMs[i]));
        ys.add(y[i]);
      }
    }
    if (!xs.isEmpty()) {
      XYSeries s = chart.addSeries(name, xs, ys);
      s.setMarker(SeriesMarkers.NONE);
    }
  }

  /** Adds unconnected markers over time at the finite points. */
  public static void markers(XYChart chart, String name, long[] timesMs, double[] y) {
    List<Date> xs = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    for (int i = 0; i < timesMs.length; i++) {
      if (Double.isFinite(y[i])) {
        xs.add(new Date(timesMs[i]));
        ys.add(y[i]);
      }
    }
    if (!xs.isEmpty()) {
      XYSeries s = chart.addSeries(name, xs, ys);
      s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    }
  }

  /** Adds a numeric line with markers (a reliability curve, a frontier). */
  public static void points(XYChart chart, String name, double[] x, double[] y, boolean connect) {
    List<Double> xs = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    for (int i = 0; i < x.length; i++) {
      if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
        xs.add(x[i]);
        ys.add(y[i]);
      }
    }
    if (!xs.isEmpty()) {
      XYSeries s = chart.addSeries(name, xs, ys);
      if (!connect) {
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      }
    }
  }
}

package io.liqopt.report;

import io.liqopt.core.Checks;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * One named series of a {@link ChartSpec}: its points (x over time in epoch milliseconds, or
 * numeric), how they are drawn, an optional colour and line pattern (else the renderer's cycle),
 * whether the legend names it and whether it is read on the chart's second y axis. Immutable: the
 * arrays are copied in and out. Points with a non-finite x or y are left out, so a gap in the data
 * is not drawn as zero; a series may be left empty that way.
 */
public final class ChartSeries {
  /** How the points are drawn. */
  public enum Style {
    /** Joined by a line, no markers. */
    LINE,
    /** Joined by a line, a marker at each point (the renderer's marker cycle). */
    LINE_WITH_MARKERS,
    /** Unjoined markers (the renderer's marker cycle). */
    MARKERS,
    /** Unjoined circles. */
    SCATTER,
    /**
     * Filled steps: each y held until the next point's x and filled down to the axis, no markers
     * (daily counts drawn as adjacent bars, one a day).
     */
    STEP_AREA
  }

  /** The pattern of a series' line. */
  public enum LinePattern {
    SOLID,
    DASHED
  }

  private final String name;
  private final ChartSpec.XAxis xAxis;
  private final double[] x;
  private final double[] y;
  private final Style style;
  private final Rgba colour;
  private final LinePattern linePattern;
  private final boolean inLegend;
  private final boolean secondYAxis;

  private ChartSeries(
      String name,
      ChartSpec.XAxis xAxis,
      double[] x,
      double[] y,
      Style style,
      Rgba colour,
      LinePattern linePattern,
      boolean inLegend,
      boolean secondYAxis) {
    this.name = name;
    this.xAxis = xAxis;
    this.x = x;
    this.y = y;
    this.style = style;
    this.colour = colour;
    this.linePattern = linePattern;
    this.inLegend = inLegend;
    this.secondYAxis = secondYAxis;
  }

  /** A series over time, every point. */
  public static ChartSeries overTime(String name, long[] timesMs, double[] y, Style style) {
    return overTime(name, timesMs, y, style, 1);
  }

  /**
   * A series over time, every {@code step}-th point (0, step, 2 step, ...; 1: all), which keeps
   * long hourly lines light; the sampled points with a non-finite y are then left out.
   */
  public static ChartSeries overTime(
      String name, long[] timesMs, double[] y, Style style, int step) {
    check(name, timesMs == null ? null : timesMs.length, y, style);
    Checks.positive(step, "step");
    double[] xs = new double[(timesMs.length + step - 1) / step];
    double[] ys = new double[xs.length];
    for (int i = 0, k = 0; i < timesMs.length; i += step, k++) {
      xs[k] = timesMs[i];
      ys[k] = y[i];
    }
    return finitePoints(name, ChartSpec.XAxis.TIME, xs, ys, style);
  }

  /** A series on a numeric x axis. */
  public static ChartSeries of(String name, double[] x, double[] y, Style style) {
    check(name, x == null ? null : x.length, y, style);
    return finitePoints(name, ChartSpec.XAxis.NUMERIC, x, y, style);
  }

  private static void check(String name, Integer xLength, double[] y, Style style) {
    if (name == null) {
      throw new IllegalArgumentException("a series needs a name");
    }
    if (xLength == null || y == null) {
      throw new IllegalArgumentException("series " + name + " needs x and y values");
    }
    if (xLength != y.length) {
      throw new IllegalArgumentException(
          "series " + name + " has " + xLength + " x values and " + y.length + " y values");
    }
    if (style == null) {
      throw new IllegalArgumentException("series " + name + " needs a style");
    }
  }

  /** Copies the points whose x and y are both finite. */
  private static ChartSeries finitePoints(
      String name, ChartSpec.XAxis xAxis, double[] x, double[] y, Style style) {
    int n = 0;
    double[] xs = new double[x.length];
    double[] ys = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
        xs[n] = x[i];
        ys[n++] = y[i];
      }
    }
    return new ChartSeries(
        name, xAxis, Arrays.copyOf(xs, n), Arrays.copyOf(ys, n), style, null, null, true, false);
  }

  /** This series in {@code colour} (line and markers). */
  public ChartSeries withColour(Rgba colour) {
    if (colour == null) {
      throw new IllegalArgumentException("series " + name + ": colour must not be null");
    }
    return new ChartSeries(name, xAxis, x, y, style, colour, linePattern, inLegend, secondYAxis);
  }

  /** This series with its line drawn in {@code pattern}. */
  public ChartSeries withLinePattern(LinePattern pattern) {
    if (pattern == null) {
      throw new IllegalArgumentException("series " + name + ": line pattern must not be null");
    }
    return new ChartSeries(name, xAxis, x, y, style, colour, pattern, inLegend, secondYAxis);
  }

  /** This series, left out of the legend. */
  public ChartSeries hiddenFromLegend() {
    return new ChartSeries(name, xAxis, x, y, style, colour, linePattern, false, secondYAxis);
  }

  /** This series, read on the chart's second y axis. */
  public ChartSeries onSecondYAxis() {
    return new ChartSeries(name, xAxis, x, y, style, colour, linePattern, inLegend, true);
  }

  public String name() {
    return name;
  }

  /** The kind of x axis the series belongs on. */
  public ChartSpec.XAxis xAxis() {
    return xAxis;
  }

  /** The x values of the finite points (epoch milliseconds on a time axis); a copy. */
  public double[] x() {
    return x.clone();
  }

  /** The y values of the finite points; a copy. */
  public double[] y() {
    return y.clone();
  }

  /** The number of finite points. */
  public int size() {
    return x.length;
  }

  public boolean isEmpty() {
    return x.length == 0;
  }

  public Style style() {
    return style;
  }

  /** The colour; empty: the renderer's colour cycle. */
  public Optional<Rgba> colour() {
    return Optional.ofNullable(colour);
  }

  /** The line pattern; empty: the renderer's pattern cycle (solid for the first series). */
  public Optional<LinePattern> linePattern() {
    return Optional.ofNullable(linePattern);
  }

  /** Whether the legend names this series. */
  public boolean inLegend() {
    return inLegend;
  }

  /** Whether this series is read on the chart's second y axis. */
  public boolean secondYAxis() {
    return secondYAxis;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ChartSeries s
        && name.equals(s.name)
        && xAxis == s.xAxis
        && Arrays.equals(x, s.x)
        && Arrays.equals(y, s.y)
        && style == s.style
        && Objects.equals(colour, s.colour)
        && linePattern == s.linePattern
        && inLegend == s.inLegend
        && secondYAxis == s.secondYAxis;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        name,
        xAxis,
        Arrays.hashCode(x),
        Arrays.hashCode(y),
        style,
        colour,
        linePattern,
        inLegend,
        secondYAxis);
  }

  @Override
  public String toString() {
    return "ChartSeries[" + name + ", " + xAxis + ", " + x.length + " points, " + style + "]";
  }
}

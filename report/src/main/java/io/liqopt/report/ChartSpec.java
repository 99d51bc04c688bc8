package io.liqopt.report;

import io.liqopt.core.Checks;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A library-neutral description of an x-y chart in a report: title, x axis (time in epoch
 * milliseconds, or numeric), y axis (optionally logarithmic), an optional second y axis, the size
 * in pixels and the {@link ChartSeries}, in drawing and legend order. Immutable; built with {@link
 * #overTime} or {@link #numeric} and rendered to PNG by {@link RunReport#writeChart}.
 *
 * <p>Invariants: every series belongs on the chart's kind of x axis, names are unique, a series on
 * the second y axis needs the chart to have one, and a logarithmic y axis has only positive values.
 * Empty series (nothing finite to draw) are left out when added.
 */
public final class ChartSpec {
  /** The kind of x axis. */
  public enum XAxis {
    /**
     * Instants in epoch milliseconds, labelled as dates (yyyy-MM-dd, UTC, whatever the JVM's
     * default time zone).
     */
    TIME,
    /** Plain numbers. */
    NUMERIC
  }

  /** Default width of a chart over time, pixels. */
  public static final int TIME_WIDTH_PX = 1000;

  /** Default height of a chart over time, pixels. */
  public static final int TIME_HEIGHT_PX = 420;

  /** Default width of a numeric chart, pixels. */
  public static final int NUMERIC_WIDTH_PX = 600;

  /** Default height of a numeric chart, pixels. */
  public static final int NUMERIC_HEIGHT_PX = 500;

  private final String title;
  private final XAxis xAxis;
  private final String xAxisTitle;
  private final String yAxisTitle;
  private final boolean logY;
  private final String secondYAxisTitle;
  private final int widthPx;
  private final int heightPx;
  private final List<ChartSeries> series;

  private ChartSpec(Builder b) {
    this.title = b.title;
    this.xAxis = b.xAxis;
    this.xAxisTitle = b.xAxisTitle;
    this.yAxisTitle = b.yAxisTitle;
    this.logY = b.logY;
    this.secondYAxisTitle = b.secondYAxisTitle;
    this.widthPx = b.widthPx;
    this.heightPx = b.heightPx;
    this.series = List.copyOf(b.series);
  }

  /** A chart over time (default 1000 x 420 px). */
  public static Builder overTime(String title) {
    return new Builder(title, XAxis.TIME, TIME_WIDTH_PX, TIME_HEIGHT_PX);
  }

  /** A chart with a numeric x axis (default 600 x 500 px). */
  public static Builder numeric(String title) {
    return new Builder(title, XAxis.NUMERIC, NUMERIC_WIDTH_PX, NUMERIC_HEIGHT_PX);
  }

  public String title() {
    return title;
  }

  public XAxis xAxis() {
    return xAxis;
  }

  public String xAxisTitle() {
    return xAxisTitle;
  }

  public String yAxisTitle() {
    return yAxisTitle;
  }

  /** Whether the (first) y axis is logarithmic. */
  public boolean logY() {
    return logY;
  }

  /** The title of the second y axis; empty: the chart has none. */
  public Optional<String> secondYAxisTitle() {
    return Optional.ofNullable(secondYAxisTitle);
  }

  public int widthPx() {
    return widthPx;
  }

  public int heightPx() {
    return heightPx;
  }

  /** The non-empty series in drawing and legend order. */
  public List<ChartSeries> series() {
    return series;
  }

  /** Collects a {@link ChartSpec}; not thread-safe. */
  public static final class Builder {
    private final String title;
    private final XAxis xAxis;
    private String xAxisTitle = "";
    private String yAxisTitle = "";
    private boolean logY;
    private String secondYAxisTitle;
    private int widthPx;
    private int heightPx;
    private final List<ChartSeries> series = new ArrayList<>();

    private Builder(String title, XAxis xAxis, int widthPx, int heightPx) {
      this.title = notNull(title, "title");
      this.xAxis = xAxis;
      this.widthPx = widthPx;
      this.heightPx = heightPx;
    }

    public Builder xAxisTitle(String title) {
      this.xAxisTitle = notNull(title, "x axis title");
      return this;
    }

    public Builder yAxisTitle(String title) {
      this.yAxisTitle = notNull(title, "y axis title");
      return this;
    }

    /** Makes the (first) y axis logarithmic. */
    public Builder logY() {
      this.logY = true;
      return this;
    }

    /** Gives the chart a second y axis, on the right, for the series put on it. */
    public Builder secondYAxis(String title) {
      this.secondYAxisTitle = notNull(title, "second y axis title");
      return this;
    }

    /** The size of the picture, pixels. */
    public Builder size(int widthPx, int heightPx) {
      this.widthPx = Checks.positive(widthPx, "width");
      this.heightPx = Checks.positive(heightPx, "height");
      return this;
    }

    /** Adds a series after those already added; an empty series is left out. */
    public Builder add(ChartSeries s) {
      if (s == null) {
        throw new IllegalArgumentException("series must not be null");
      }
      if (!s.isEmpty()) {
        series.add(s);
      }
      return this;
    }

    /** Checks the invariants (see {@link ChartSpec}) and returns the spec. */
    public ChartSpec build() {
      Set<String> names = new HashSet<>();
      for (ChartSeries s : series) {
        if (s.xAxis() != xAxis) {
          throw new IllegalArgumentException(
              "series " + s.name() + " is " + s.xAxis() + " but the chart's x axis is " + xAxis);
        }
        if (!names.add(s.name())) {
          throw new IllegalArgumentException("two series are named " + s.name());
        }
        if (s.secondYAxis() && secondYAxisTitle == null) {
          throw new IllegalArgumentException(
              "series " + s.name() + " is on the second y axis " + "but the chart has none");
        }
        if (logY && !s.secondYAxis()) {
          for (double v : s.y()) {
            if (!(v > 0)) {
              throw new IllegalArgumentException(
                  "series " + s.name() + " has y = " + v + " on a logarithmic axis");
            }
          }
        }
      }
      return new ChartSpec(this);
    }

    private static String notNull(String s, String what) {
      if (s == null) {
        throw new IllegalArgumentException(what + " must not be null");
      }
      return s;
    }
  }
}

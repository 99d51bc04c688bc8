package io.liqopt.core.simulation;

import java.util.List;

/**
 * Simulated hourly price paths of one or more assets, relative to the price now (1): for asset a,
 * path p and hour h (0-based, the h-th hour after now), {@link #logClose(int, int, int)} is the log
 * of the close over the current price and {@link #logLow(int, int, int)} the log of the hour's low,
 * at most the log close and the previous close.
 *
 * <p>Immutable. The values sit per asset in one paths × hours array, row-major, filled by a {@link
 * Builder} that hands its arrays over and is then unusable, so millions of path-hours are never
 * copied; read them by element ({@link #logClose(int, int, int)}, {@link #logLow(int, int, int)}),
 * never through the copying accessors inside a loop.
 */
public final class Paths {
  private final List<String> symbols;
  private final int paths;
  private final int hours;
  private final double[][] logClose;
  private final double[][] logLow;
  private final long[] startTimeMs;

  private Paths(
      List<String> symbols,
      int paths,
      int hours,
      double[][] logClose,
      double[][] logLow,
      long[] startTimeMs) {
    this.symbols = symbols;
    this.paths = paths;
    this.hours = hours;
    this.logClose = logClose;
    this.logLow = logLow;
    this.startTimeMs = startTimeMs;
  }

  /**
   * Paths from given arrays, copied (for hand-made paths; the engine uses a {@link Builder}).
   *
   * @param symbols the assets
   * @param paths the number of paths
   * @param hours H, the hours of each path
   * @param logClose per asset, paths × hours, row-major
   * @param logLow per asset, likewise
   * @param startTimeMs for replayed historical windows, the open time of each path's first hour;
   *     null for simulated paths
   */
  static Paths copyOf(
      List<String> symbols,
      int paths,
      int hours,
      double[][] logClose,
      double[][] logLow,
      long[] startTimeMs) {
    double[][] close = new double[logClose.length][];
    double[][] low = new double[logLow.length][];
    for (int a = 0; a < close.length; a++) {
      close[a] = logClose[a].clone();
    }
    for (int a = 0; a < low.length; a++) {
      low[a] = logLow[a].clone();
    }
    return new Paths(
        List.copyOf(symbols),
        paths,
        hours,
        close,
        low,
        startTimeMs == null ? null : startTimeMs.clone());
  }

  /** The assets, in the order of the asset index. */
  public List<String> symbols() {
    return symbols;
  }

  /** The number of paths. */
  public int paths() {
    return paths;
  }

  /** H, the hours of each path. */
  public int hours() {
    return hours;
  }

  /** The log close over the price now of asset {@code asset}, path {@code p}, hour {@code h}. */
  public double logClose(int asset, int p, int h) {
    return logClose[asset][p * hours + h];
  }

  /** The log low over the price now of asset {@code asset}, path {@code p}, hour {@code h}. */
  public double logLow(int asset, int p, int h) {
    return logLow[asset][p * hours + h];
  }

  /** Whether the paths are replayed historical windows, which have start times. */
  public boolean hasStartTimes() {
    return startTimeMs != null;
  }

  /**
   * The open time of the first hour of replayed window {@code p}, epoch ms.
   *
   * @throws IllegalStateException for simulated paths, which have none
   */
  public long startTimeMs(int p) {
    if (startTimeMs == null) {
      throw new IllegalStateException("simulated paths have no start times");
    }
    return startTimeMs[p];
  }

  /** A copy of asset {@code asset}'s log closes, paths × hours, row-major. */
  public double[] copyLogClose(int asset) {
    return logClose[asset].clone();
  }

  /** A copy of asset {@code asset}'s log lows, paths × hours, row-major. */
  public double[] copyLogLow(int asset) {
    return logLow[asset].clone();
  }

  /** The maximum adverse excursion of a long position over the first {@code h} hours of path p. */
  public double maxAdverseMove(int asset, int p, int h) {
    double min = 0;
    int base = p * hours;
    double[] low = logLow[asset];
    for (int i = 0; i < h; i++) {
      min = Math.min(min, low[base + i]);
    }
    return 1 - Math.exp(min);
  }

  /** The lowest log low over hours [from, to) of path p (0 when the window is empty). */
  public double minLogLow(int asset, int p, int from, int to) {
    double min = 0;
    int base = p * hours;
    double[] low = logLow[asset];
    for (int i = from; i < to && i < hours; i++) {
      min = Math.min(min, low[base + i]);
    }
    return min;
  }

  /**
   * Fills the arrays of new paths in place, then hands them to {@link #build} and becomes unusable.
   * {@link #set} may be called from several threads for disjoint paths; {@link #build} only after
   * they have all finished (a parallel stream's terminal operation is such a point).
   */
  static final class Builder {
    private final List<String> symbols;
    private final int paths;
    private final int hours;
    private double[][] logClose;
    private double[][] logLow;

    /**
     * @throws IllegalArgumentException if paths × hours exceeds an array's capacity
     */
    Builder(List<String> symbols, int paths, int hours) {
      long cells = (long) paths * hours;
      if (cells > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException("too many path-hours: " + cells);
      }
      this.symbols = symbols;
      this.paths = paths;
      this.hours = hours;
      this.logClose = new double[symbols.size()][(int) cells];
      this.logLow = new double[symbols.size()][(int) cells];
    }

    /** Sets asset {@code asset}'s log close and log low at path {@code p}, hour {@code h}. */
    void set(int asset, int p, int h, double logClose, double logLow) {
      int i = p * hours + h;
      this.logClose[asset][i] = logClose;
      this.logLow[asset][i] = logLow;
    }

    /**
     * The paths, owning this builder's arrays; the builder cannot be used afterwards.
     *
     * @param startTimeMs the start of each replayed window (not copied), or null when simulated
     */
    Paths build(long[] startTimeMs) {
      if (logClose == null) {
        throw new IllegalStateException("the paths were already built");
      }
      Paths built = new Paths(symbols, paths, hours, logClose, logLow, startTimeMs);
      logClose = null;
      logLow = null;
      return built;
    }
  }
}

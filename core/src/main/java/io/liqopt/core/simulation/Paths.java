package io.liqopt.core.simulation;

/**
 * Simulated hourly price paths of one or more assets, relative to the price now (1): for asset a,
 * path p and hour h (0-based, the h-th hour after now), {@code logClose[a][p·H + h]} is the log of
 * the close over the current price and {@code logLow[a][p·H + h]} the log of the hour's low, at
 * most the log close and the previous close.
 *
 * @param symbols the assets
 * @param paths the number of paths
 * @param hours H, the hours of each path
 * @param logClose per asset, paths × hours, row-major
 * @param logLow per asset, likewise
 * @param startTimeMs for replayed historical windows, the open time of each path's first hour; null
 *     for simulated paths
 */
public record Paths(
    java.util.List<String> symbols,
    int paths,
    int hours,
    double[][] logClose,
    double[][] logLow,
    long[] startTimeMs) {

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
}

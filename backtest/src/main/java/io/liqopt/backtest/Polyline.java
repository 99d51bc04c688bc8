package io.liqopt.backtest;

/**
 * The backtest's one interpolation rule for a figure along a curve of policies: linear between the
 * two points whose x (time-averaged LTV) bracket the asked x, the first such segment in ascending
 * x; NaN outside the curve's range or with fewer than two points. A segment of zero width gives its
 * first point's y.
 */
final class Polyline {
  private Polyline() {}

  /**
   * y at {@code x} on the polyline through ({@code xs[i]}, {@code ys[i]}), xs ascending.
   *
   * @return the interpolated y, or NaN outside [xs[0], xs[n − 1]]
   */
  static double at(double[] xs, double[] ys, double x) {
    for (int i = 1; i < xs.length; i++) {
      if (x >= xs[i - 1] && x <= xs[i]) {
        double span = xs[i] - xs[i - 1];
        double w = span > 0 ? (x - xs[i - 1]) / span : 0;
        return ys[i - 1] + w * (ys[i] - ys[i - 1]);
      }
    }
    return Double.NaN;
  }
}

package io.liqopt.core.market;

/** Test builders for bars and series (Strata's sut() style). */
public final class Bars {
  public static final long H = 3_600_000L;

  /** 2024-01-01T00:00Z. */
  public static final long T0 = 1_704_067_200_000L;

  private Bars() {}

  /** A valid hourly series of {@code n} bars from {@link #T0}, closes following a zig-zag. */
  public static BarSeries hourly(String symbol, int n) {
    return hourlyFrom(symbol, T0, n, 100.0);
  }

  public static BarSeries hourlyFrom(String symbol, long startMs, int n, double startPrice) {
    BarSeriesBuilder b = new BarSeriesBuilder(symbol, BarInterval.H1, n);
    double p = startPrice;
    for (int i = 0; i < n; i++) {
      double next = p * (1 + 0.01 * Math.sin(i * 0.7));
      double hi = Math.max(p, next) * 1.002;
      double lo = Math.min(p, next) * 0.998;
      b.append(startMs + i * H, p, hi, lo, next, 10 + i % 7, (10 + i % 7) * next);
      p = next;
    }
    return b.build();
  }

  /**
   * An hourly series from {@link #T0} whose closes follow the given log returns from 100 (bar i
   * opens at the previous close; high and low 0.1 % outside the body).
   */
  public static BarSeries fromLogReturns(String symbol, double[] logReturns) {
    BarSeriesBuilder b = new BarSeriesBuilder(symbol, BarInterval.H1, logReturns.length);
    double p = 100.0;
    for (int i = 0; i < logReturns.length; i++) {
      double next = p * Math.exp(logReturns[i]);
      b.append(
          T0 + i * H, p, Math.max(p, next) * 1.001, Math.min(p, next) * 0.999, next, 10, 10 * next);
      p = next;
    }
    return b.build();
  }
}

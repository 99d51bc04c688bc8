package io.liqopt.core.market;

/**
 * The hourly statistics the synthetic market is calibrated to, computed the same way on real and
 * generated series. Returns across a gap are left out.
 *
 * @param annualizedVol sample standard deviation of hourly log returns × sqrt(bars per year)
 * @param kurtosis sample kurtosis of hourly log returns (3 for a normal distribution)
 * @param acfReturnLag1 autocorrelation of returns at lag 1 (near 0 in efficient markets)
 * @param acfAbsReturnLag1 autocorrelation of |returns| at lag 1 (volatility clustering)
 * @param acfAbsReturnLag24 autocorrelation of |returns| at lag 24
 * @param acfAbsReturnLag168 autocorrelation of |returns| at lag 168 (one week)
 * @param dailyDropOver10Pct fraction of non-overlapping 24-bar windows whose close-to-close return
 *     is below −10 %
 * @param maeOver10Pct fraction of non-overlapping 24-bar windows whose maximum adverse excursion
 *     {@code 1 − min(low over t+1..t+24) / close(t)} exceeds 10 %
 */
public record StylisedFacts(
    double annualizedVol,
    double kurtosis,
    double acfReturnLag1,
    double acfAbsReturnLag1,
    double acfAbsReturnLag24,
    double acfAbsReturnLag168,
    double dailyDropOver10Pct,
    double maeOver10Pct) {

  private static final int DAY = 24;

  /** Computes the facts of an hourly (or any interval) series with at least 400 bars. */
  public static StylisedFacts of(BarSeries s) {
    if (s.size() < 400) {
      throw new IllegalArgumentException(
          "need at least 400 bars, " + s.symbol() + " has " + s.size());
    }
    long step = s.interval().millis();
    int n = s.size();
    // r[i] = return into bar i, NaN across a gap or at i = 0
    double[] r = new double[n];
    r[0] = Double.NaN;
    for (int i = 1; i < n; i++) {
      r[i] =
          s.openTimeMs(i) - s.openTimeMs(i - 1) == step
              ? Math.log(s.close(i) / s.close(i - 1))
              : Double.NaN;
    }
    double[] abs = new double[n];
    for (int i = 0; i < n; i++) {
      abs[i] = Math.abs(r[i]);
    }
    double mean = mean(r);
    double m2 = 0;
    double m4 = 0;
    int count = 0;
    for (double x : r) {
      if (!Double.isNaN(x)) {
        double d = x - mean;
        m2 += d * d;
        m4 += d * d * d * d;
        count++;
      }
    }
    double kurt = (m4 / count) / ((m2 / count) * (m2 / count));
    int windows = 0;
    int drops = 0;
    int maes = 0;
    for (int i = 0; i + DAY < n; i += DAY) {
      if (s.openTimeMs(i + DAY) - s.openTimeMs(i) != DAY * step) {
        continue; // window crosses a gap
      }
      windows++;
      if (s.close(i + DAY) / s.close(i) - 1 < -0.10) {
        drops++;
      }
      double minLow = Double.POSITIVE_INFINITY;
      for (int k = i + 1; k <= i + DAY; k++) {
        minLow = Math.min(minLow, s.low(k));
      }
      if (1 - minLow / s.close(i) > 0.10) {
        maes++;
      }
    }
    return new StylisedFacts(
        SeriesSummary.annualizedVol(s),
        kurt,
        acf(r, 1),
        acf(abs, 1),
        acf(abs, 24),
        acf(abs, 168),
        (double) drops / windows,
        (double) maes / windows);
  }

  private static double mean(double[] x) {
    double sum = 0;
    int c = 0;
    for (double v : x) {
      if (!Double.isNaN(v)) {
        sum += v;
        c++;
      }
    }
    return sum / c;
  }

  /** Sample autocorrelation at {@code lag}, over pairs where both values are defined. */
  static double acf(double[] x, int lag) {
    double mean = mean(x);
    double den = 0;
    for (double v : x) {
      if (!Double.isNaN(v)) {
        den += (v - mean) * (v - mean);
      }
    }
    double num = 0;
    for (int i = lag; i < x.length; i++) {
      if (!Double.isNaN(x[i]) && !Double.isNaN(x[i - lag])) {
        num += (x[i] - mean) * (x[i - lag] - mean);
      }
    }
    return num / den;
  }
}

package io.liqopt.core.market;

import java.util.List;

/**
 * What {@code liqopt data info} prints for one series.
 *
 * @param annualizedVol standard deviation of log close-to-close returns between adjacent bars
 *     (returns across a gap are left out), times sqrt(bars per year); NaN with fewer than 3 bars
 * @param maxDrawdown largest fall of the close from its running maximum, as a fraction (0.25 = 25
 *     %)
 */
public record SeriesSummary(
    String symbol,
    BarInterval interval,
    int rows,
    long firstOpenTimeMs,
    long lastOpenTimeMs,
    int gapCount,
    long missingBars,
    Gap largestGap,
    double annualizedVol,
    double maxDrawdown) {

  /** Summarises a non-empty series. */
  public static SeriesSummary of(BarSeries s) {
    if (s.isEmpty()) {
      throw new IllegalArgumentException(s.symbol() + " " + s.interval() + " holds no bars");
    }
    List<Gap> gaps = s.gaps();
    Gap largest = null;
    long missing = 0;
    for (Gap g : gaps) {
      missing += g.missingBars();
      if (largest == null || g.missingBars() > largest.missingBars()) {
        largest = g;
      }
    }
    return new SeriesSummary(
        s.symbol(),
        s.interval(),
        s.size(),
        s.firstOpenTimeMs(),
        s.lastOpenTimeMs(),
        gaps.size(),
        missing,
        largest,
        annualizedVol(s),
        maxDrawdown(s));
  }

  /** Two-pass standard deviation of adjacent-bar log returns, annualised. */
  static double annualizedVol(BarSeries s) {
    long step = s.interval().millis();
    int count = 0;
    double sum = 0;
    for (int i = 1; i < s.size(); i++) {
      if (s.openTimeMs(i) - s.openTimeMs(i - 1) == step) {
        sum += Math.log(s.close(i) / s.close(i - 1));
        count++;
      }
    }
    if (count < 2) {
      return Double.NaN;
    }
    double mean = sum / count;
    double ss = 0;
    for (int i = 1; i < s.size(); i++) {
      if (s.openTimeMs(i) - s.openTimeMs(i - 1) == step) {
        double d = Math.log(s.close(i) / s.close(i - 1)) - mean;
        ss += d * d;
      }
    }
    return Math.sqrt(ss / (count - 1) * s.interval().barsPerYear());
  }

  /** max over t of 1 - close(t) / max(close(0..t)). */
  static double maxDrawdown(BarSeries s) {
    double peak = s.close(0);
    double worst = 0;
    for (int i = 1; i < s.size(); i++) {
      double c = s.close(i);
      if (c > peak) {
        peak = c;
      } else {
        worst = Math.max(worst, 1 - c / peak);
      }
    }
    return worst;
  }
}

package io.liqopt.core.forecast;

import io.liqopt.core.feature.FeatureCalculator;
import io.liqopt.core.feature.FeatureMatrix;
import io.liqopt.core.market.BarSeries;
import java.util.Objects;

/**
 * One asset's bars and their features ({@link FeatureCalculator}, market factor included): what a
 * forecast model reads. A model forecasting at row {@code t} may read rows {@code ≤ t} only.
 */
public final class AssetHistory {
  private final BarSeries series;
  private final FeatureMatrix features;
  // the open time of the market factor's last bar when the features were computed
  private final long marketLastOpenMs;

  private AssetHistory(BarSeries series, FeatureMatrix features, long marketLastOpenMs) {
    this.series = series;
    this.features = features;
    this.marketLastOpenMs = marketLastOpenMs;
  }

  /** Computes the features of {@code series} with {@code market} as the market factor. */
  public static AssetHistory of(BarSeries series, BarSeries market) {
    Objects.requireNonNull(series, "series");
    return new AssetHistory(
        series, FeatureCalculator.DEFAULT.compute(series, market), lastOpenMs(market));
  }

  /**
   * {@link #of}, reusing what {@code earlier} computed: {@code series} is the held window of the
   * same asset after bars were appended (and its oldest perhaps dropped), {@code market} the
   * factor's likewise: bars already held must not change (the serving engine's ingest refuses that;
   * only the last bar kept is compared). The rows {@code earlier} holds, up to the factor's last
   * bar then, keep their features; the rows after are computed from the bars of the last {@link
   * FeatureCalculator#LOOKBACK_HOURS} before them ({@link FeatureCalculator#extend}: the same
   * values up to rounding). Falls back to {@link #of} when the bars do not line up.
   */
  public static AssetHistory extend(AssetHistory earlier, BarSeries series, BarSeries market) {
    Objects.requireNonNull(series, "series");
    if (earlier == null
        || series.isEmpty()
        || earlier.size() == 0
        || !earlier.symbol().equals(series.symbol())) {
      return of(series, market);
    }
    BarSeries old = earlier.series;
    // rows whose bars and factor bars are unchanged: up to both series' last bars then, and the
    // factor's now (a factor that lost bars changes the rows after its last)
    long through =
        Math.min(Math.min(old.lastOpenTimeMs(), earlier.marketLastOpenMs), lastOpenMs(market));
    int from = old.indexAtOrAfter(series.openTimeMs(0));
    int keep = Math.min(series.indexAtOrAfter(through + 1), old.size() - from);
    if (keep <= 0
        || old.openTimeMs(from) != series.openTimeMs(0)
        || !sameBar(old, from + keep - 1, series, keep - 1)) {
      return of(series, market);
    }
    return new AssetHistory(
        series,
        FeatureCalculator.DEFAULT.extend(earlier.features, from, keep, series, market),
        lastOpenMs(market));
  }

  private static boolean sameBar(BarSeries a, int i, BarSeries b, int j) {
    return a.openTimeMs(i) == b.openTimeMs(j)
        && a.open(i) == b.open(j)
        && a.close(i) == b.close(j)
        && a.volume(i) == b.volume(j)
        && a.high(i) == b.high(j)
        && a.low(i) == b.low(j);
  }

  private static long lastOpenMs(BarSeries market) {
    return market == null || market.isEmpty() ? Long.MIN_VALUE : market.lastOpenTimeMs();
  }

  /**
   * The first bars of this history, those opening before {@code endExclusiveMs}. Features are
   * causal, so they are reused rather than recomputed: the prefix's features are exactly those the
   * calculator would compute on the prefix alone (a property test checks this).
   */
  public AssetHistory before(long endExclusiveMs) {
    BarSeries s = series.slice(Long.MIN_VALUE, endExclusiveMs);
    return new AssetHistory(s, features.prefix(s.size()), marketLastOpenMs);
  }

  public String symbol() {
    return series.symbol();
  }

  public BarSeries series() {
    return series;
  }

  public FeatureMatrix features() {
    return features;
  }

  public int size() {
    return series.size();
  }

  /**
   * The log return into bar {@code row} from the bar before it,
   * ln(C<sub>row</sub>/C<sub>row−1</sub>) (across a data gap, one return); on hourly bars exactly
   * the feature {@code ret_1h}.
   */
  public double barReturn(int row) {
    return Math.log(series.close(row) / series.close(row - 1));
  }

  /**
   * A minimum sample of rows that means as much time on short bars as on hourly ones: the rows
   * spanning {@code hours} hours of this history's bars, and never fewer than {@code hours} (so on
   * hourly and longer bars, {@code hours}).
   */
  public int rowsForHours(int hours) {
    long bar = series.interval().millis();
    long rows = (hours * 3_600_000L + bar - 1) / bar;
    return Math.toIntExact(Math.max(hours, rows));
  }

  /**
   * The bars in {@code hours} hours of this history's interval.
   *
   * @throws IllegalArgumentException when the hours are not a whole number of bars
   */
  public int barsIn(int hours) {
    long ms = hours * 3_600_000L;
    long bar = series.interval().millis();
    if (ms % bar != 0) {
      throw new IllegalArgumentException(
          hours + " h is not a whole number of " + series.interval() + " bars of " + symbol());
    }
    return Math.toIntExact(ms / bar);
  }
}

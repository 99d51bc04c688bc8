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

  private AssetHistory(BarSeries series, FeatureMatrix features) {
    this.series = series;
    this.features = features;
  }

  /** Computes the features of {@code series} with {@code market} as the market factor. */
  public static AssetHistory of(BarSeries series, BarSeries market) {
    Objects.requireNonNull(series, "series");
    return new AssetHistory(series, FeatureCalculator.DEFAULT.compute(series, market));
  }

  /**
   * The first bars of this history, those opening before {@code endExclusiveMs}. Features are
   * causal, so they are reused rather than recomputed: the prefix's features are exactly those the
   * calculator would compute on the prefix alone (a property test checks this).
   */
  public AssetHistory before(long endExclusiveMs) {
    BarSeries s = series.slice(Long.MIN_VALUE, endExclusiveMs);
    return new AssetHistory(s, features.prefix(s.size()));
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

package io.liqopt.core.feature;

import static io.liqopt.core.feature.SeriesFeatures.DAY_H;
import static io.liqopt.core.feature.SeriesFeatures.MONTH_H;
import static io.liqopt.core.feature.SeriesFeatures.WEEK_H;

import io.liqopt.core.market.BarSeries;
import java.util.List;
import java.util.Objects;

/**
 * Computes the {@link #SCHEMA} features of a bar series: one pass per feature family, all windows
 * by prefix sums, so a five-year hourly series takes milliseconds.
 *
 * <p>Definitions (r<sub>i</sub> = ln(C<sub>i</sub>/C<sub>i−1</sub>), the log return into bar i from
 * the previous bar present; a window "W h at t" holds the bars with open time in (T<sub>t</sub> −
 * W, T<sub>t</sub>] and is defined only once the series reaches back W hours before T<sub>t</sub>):
 *
 * <ul>
 *   <li>{@code ret_Wh}: ln(C<sub>t</sub>/C<sub>j</sub>), j the last bar at or before T<sub>t</sub>
 *       − W;
 *   <li>{@code log_rv_1d|1w|1m}: the HAR components of Corsi (2009, J. Financial Econometrics
 *       7(2)), ln Σr² over 24 h, ln(Σr² over 168 h / 7), ln(Σr² over 720 h / 30): daily-scale
 *       realised variance;
 *   <li>{@code log_parkinson_1d}: Parkinson (1980, J. Business 53(1)), per bar (ln H/L)²/(4 ln 2);
 *       {@code log_garman_klass_1d}: Garman and Klass (1980, J. Business 53(1)), ½(ln H/L)² − (2 ln
 *       2 − 1)(ln C/O)²; {@code log_rogers_satchell_1d}: Rogers and Satchell (1991, Ann. Appl.
 *       Prob. 1(4)), ln(H/C)ln(H/O) + ln(L/C)ln(L/O); each the window mean × 24; {@code
 *       log_yang_zhang_1d}: Yang and Zhang (2000, J. Business 73(3)), σ²<sub>o</sub> +
 *       kσ²<sub>c</sub> + (1−k)σ²<sub>RS</sub> with k = 0.34/(1.34 + (m+1)/(m−1)), σ²<sub>o</sub>
 *       and σ²<sub>c</sub> the sample variances of ln(O<sub>i</sub>/C<sub>i−1</sub>) and
 *       ln(C<sub>i</sub>/O<sub>i</sub>) over the m bars of the window, × 24;
 *   <li>{@code log_ewma_var}: RiskMetrics (J.P. Morgan 1996) σ²<sub>t</sub> = λσ²<sub>t−1</sub> +
 *       (1−λ)r²<sub>t</sub>/g<sub>t</sub>, λ = 0.94, per hour (g<sub>t</sub> is the hours spanned
 *       by r<sub>t</sub>: 1 except across a gap), started at r²<sub>1</sub> and defined after a 720
 *       h warm-up (0.94<sup>720</sup> ≈ 5e−20); on bars of d &lt; 1 hour, λ<sup>d</sup> per bar and
 *       g<sub>t</sub> at least d, so that the variance is still per hour with the same memory;
 *   <li>{@code log_quote_volume_1d}: ln Σ quote volume over 24 h (base volume × close where the
 *       quote volume is unknown); {@code volume_surprise}: ln(24 h quote volume / mean daily quote
 *       volume over 720 h); {@code log_amihud_1d}: Amihud (2002, J. Financial Markets 5(1))
 *       illiquidity, here the ratio of sums ln(Σ|r| / Σ quote volume) over 24 h, which stays
 *       defined when a single bar has no volume (undefined when the whole day has none);
 *   <li>{@code jump_share_1d}: max(0, 1 − BV/RV) over 24 h, BV =
 *       (π/2)Σ|r<sub>i</sub>||r<sub>i−1</sub>| the bipower variation of Barndorff-Nielsen and
 *       Shephard (2004, J. Financial Econometrics 2(1)): the share of realised variance due to
 *       jumps;
 *   <li>{@code drawdown_30d}: 1 − C<sub>t</sub> / max(H over 720 h);
 *   <li>{@code hour_sin|cos}, {@code dow_sin|cos}: the UTC hour of day and day of week at the close
 *       of bar t (T<sub>t</sub> + one interval), on the circle;
 *   <li>{@code mkt_ret_24h}, {@code mkt_log_rv_1d}: {@code ret_24h} and {@code log_rv_1d} of the
 *       market series (BTC) at its last bar at or before T<sub>t</sub>.
 * </ul>
 *
 * Variances are floored at {@link #VARIANCE_FLOOR} before the logarithm so that a flat window gives
 * a very negative number rather than −∞. Windows are in hours of time for any bar interval.
 *
 * <p>Stateless and thread-safe.
 */
public final class FeatureCalculator {
  /** The calculator with the RiskMetrics λ = 0.94. */
  public static final FeatureCalculator DEFAULT = new FeatureCalculator();

  /** The schema this calculator produces. */
  public static final FeatureSchema SCHEMA =
      new FeatureSchema(
          "1",
          List.of(
              "ret_1h",
              "ret_6h",
              "ret_24h",
              "ret_168h",
              "log_rv_1d",
              "log_rv_1w",
              "log_rv_1m",
              "log_parkinson_1d",
              "log_garman_klass_1d",
              "log_rogers_satchell_1d",
              "log_yang_zhang_1d",
              "log_ewma_var",
              "log_quote_volume_1d",
              "volume_surprise",
              "log_amihud_1d",
              "jump_share_1d",
              "drawdown_30d",
              "hour_sin",
              "hour_cos",
              "dow_sin",
              "dow_cos",
              "mkt_ret_24h",
              "mkt_log_rv_1d"));

  /** RiskMetrics decay for hourly variance. */
  public static final double EWMA_LAMBDA = 0.94;

  /** The smallest variance taken to the logarithm. */
  public static final double VARIANCE_FLOOR = 1e-20;

  static final long HOUR_MS = 3_600_000L;

  /**
   * The most hours of bars before a row that its features read (the 30-day windows and the EWMA's
   * warm-up), and a day of margin: {@link #extend} computes a new row from these bars alone.
   */
  public static final int LOOKBACK_HOURS = MONTH_H + DAY_H;

  private static final long LOOKBACK_MS = LOOKBACK_HOURS * HOUR_MS;

  private FeatureCalculator() {}

  /**
   * The features of {@code series}, with the market factor taken from {@code market} (pass the
   * series itself when it is the market).
   *
   * @throws IllegalArgumentException if the series is empty
   */
  public FeatureMatrix compute(BarSeries series, BarSeries market) {
    Objects.requireNonNull(series, "series");
    Objects.requireNonNull(market, "market");
    if (series.isEmpty()) {
      throw new IllegalArgumentException(
          "no bars of " + series.symbol() + " to compute features on");
    }
    SeriesFeatures p = new SeriesFeatures(series);
    double[][] cols = new double[SCHEMA.size()][];
    int k = 0;
    cols[k++] = p.returnOver(1);
    cols[k++] = p.returnOver(6);
    cols[k++] = p.returnOver(DAY_H);
    cols[k++] = p.returnOver(WEEK_H);
    cols[k++] = p.logRealisedVariance(DAY_H, 1);
    cols[k++] = p.logRealisedVariance(WEEK_H, 7);
    cols[k++] = p.logRealisedVariance(MONTH_H, 30);
    double[][] range = p.rangeVariances(DAY_H);
    System.arraycopy(range, 0, cols, k, range.length);
    k += range.length;
    cols[k++] = p.logEwmaVariance();
    double[][] vol = p.volumeFeatures();
    System.arraycopy(vol, 0, cols, k, vol.length);
    k += vol.length;
    cols[k++] = p.jumpShare(DAY_H);
    cols[k++] = p.drawdown(MONTH_H);
    double[][] time = p.calendar();
    System.arraycopy(time, 0, cols, k, time.length);
    k += time.length;
    double[][] mkt = marketFactor(series, market == series ? p : new SeriesFeatures(market));
    cols[k++] = mkt[0];
    cols[k++] = mkt[1];
    if (k != cols.length) {
      throw new IllegalStateException(
          "computed " + k + " feature columns, schema has " + cols.length);
    }
    return new FeatureMatrix(series.symbol(), SCHEMA, series.openTimesMs(), cols);
  }

  /**
   * The features of {@code series} with {@code market} as the factor, when its first {@code keep}
   * rows are rows {@code from} to {@code from + keep − 1} of the bars {@code earlier} was computed
   * on, with a market factor that has not changed up to them: their features are copied, and only
   * the rows after are computed, over the bars of the last {@link #LOOKBACK_HOURS} before the first
   * of them, and at least as many bars (the market factor from a day before the bar those rows
   * align to). A held window that gains a bar then costs its new rows' features, not the whole
   * window's. The window must change only by bars appended and its oldest dropped (the serving
   * engine's ingest refuses anything else); at the minimum window of 31 days it is all recomputed.
   *
   * <p>Every windowed feature of the new rows is {@link #compute}'s up to the rounding of its sums
   * (the window's sums start later). The EWMA's recursion restarts at the first bar read; it
   * forgets its start by λ per bar, and over 745 bars that is below 10<sup>−19</sup> of its value.
   * Copied rows near the window's start may keep values that {@link #compute} on the window alone
   * would leave undefined for want of the factor's earlier bars.
   *
   * @throws IllegalArgumentException if {@code keep} or {@code from} are out of range
   */
  public FeatureMatrix extend(
      FeatureMatrix earlier, int from, int keep, BarSeries series, BarSeries market) {
    int n = series.size();
    if (keep < 0 || keep > n || from < 0 || from + keep > earlier.rows()) {
      throw new IllegalArgumentException(
          "rows " + from + " + " + keep + " of " + earlier.rows() + " for " + n + " bars");
    }
    if (keep == n) {
      return from == 0 && n == earlier.rows() ? earlier : earlier.rows(from, keep);
    }
    // at least the lookback's hours and as many bars (the EWMA forgets by bar), and two bars more
    // (the first returns of a cut series are 0, and jump share reads two in a row)
    int start =
        keep == 0
            ? 0
            : Math.min(
                    lastBarAtOrBefore(series, series.openTimeMs(keep) - LOOKBACK_MS),
                    keep - LOOKBACK_HOURS - 1)
                - 2;
    if (start <= 0) {
      return compute(series, market);
    }
    BarSeries tail = series.slice(series.openTimeMs(start), Long.MAX_VALUE);
    BarSeries marketTail = market == series ? tail : marketTail(market, series, keep);
    return earlier.rows(from, keep).append(compute(tail, marketTail), keep - start);
  }

  /**
   * The factor's bars that the factor columns of {@code series}' rows from {@code keep} on read:
   * from a day and two bars before the factor's bar the first of those rows aligns to.
   */
  private static BarSeries marketTail(BarSeries market, BarSeries series, int keep) {
    int aligned = lastBarAtOrBefore(market, series.openTimeMs(keep));
    if (aligned < 0) {
      return market;
    }
    int from = lastBarAtOrBefore(market, market.openTimeMs(aligned) - (DAY_H + 1) * HOUR_MS) - 2;
    return from <= 0 ? market : market.slice(market.openTimeMs(from), Long.MAX_VALUE);
  }

  /** The last bar of {@code s} opening at or before {@code timeMs}; −1 when there is none. */
  private static int lastBarAtOrBefore(BarSeries s, long timeMs) {
    int i = s.indexAtOrAfter(timeMs);
    return i < s.size() && s.openTimeMs(i) == timeMs ? i : i - 1;
  }

  /**
   * The market's 24 h return and log daily RV aligned to the last market bar at or before each bar.
   */
  private static double[][] marketFactor(BarSeries series, SeriesFeatures market) {
    double[] mRet = market.returnOver(DAY_H);
    double[] mRv = market.logRealisedVariance(DAY_H, 1);
    int n = series.size();
    double[] ret = new double[n];
    double[] rv = new double[n];
    int j = -1;
    for (int t = 0; t < n; t++) {
      long time = series.openTimeMs(t);
      while (j + 1 < market.size() && market.openTimeMs(j + 1) <= time) {
        j++;
      }
      ret[t] = j < 0 ? Double.NaN : mRet[j];
      rv[t] = j < 0 ? Double.NaN : mRv[j];
    }
    return new double[][] {ret, rv};
  }
}

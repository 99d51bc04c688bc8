package io.liqopt.core.policy;

import io.liqopt.core.Checks;
import io.liqopt.core.feature.FeatureCalculator;
import io.liqopt.core.forecast.AssetHistory;
import io.liqopt.core.market.BarSeries;

/**
 * The market inputs of the policy that are not in a forecast.
 *
 * @param symbol the asset
 * @param priceQuote the current price, quote currency per unit, positive and finite
 * @param dailyQuoteVolume V_day, the traded value over the last 24 h, quote currency, positive
 * @param asOfEpochMs when these values were observed (UTC epoch ms)
 * @param depth measured order-book depth, or {@code null} when not supplied (impact then comes from
 *     volume and volatility)
 * @param priceStale whether the asset's live price is stale (live feeds with too few healthy
 *     agreeing sources): the thresholds are then the conservative ones, as with stale bars
 */
public record MarketSnapshot(
    String symbol,
    double priceQuote,
    double dailyQuoteVolume,
    long asOfEpochMs,
    BookDepth depth,
    boolean priceStale) {

  private static final int QUOTE_VOLUME_COLUMN =
      FeatureCalculator.SCHEMA.indexOf("log_quote_volume_1d");

  public MarketSnapshot {
    Checks.notBlank(symbol, "symbol");
    Checks.positiveFinite(priceQuote, "priceQuote", symbol);
    Checks.positiveFinite(dailyQuoteVolume, "dailyQuoteVolume", symbol);
  }

  /** A snapshot whose live price is not stale (or that has none). */
  public MarketSnapshot(
      String symbol,
      double priceQuote,
      double dailyQuoteVolume,
      long asOfEpochMs,
      BookDepth depth) {
    this(symbol, priceQuote, dailyQuoteVolume, asOfEpochMs, depth, false);
  }

  /** This snapshot with its live price stale or not. */
  public MarketSnapshot withPriceStale(boolean stale) {
    return stale == priceStale
        ? this
        : new MarketSnapshot(symbol, priceQuote, dailyQuoteVolume, asOfEpochMs, depth, stale);
  }

  /** A snapshot without depth data. */
  public static MarketSnapshot of(
      String symbol, double priceQuote, double dailyQuoteVolume, long asOfEpochMs) {
    return new MarketSnapshot(symbol, priceQuote, dailyQuoteVolume, asOfEpochMs, null);
  }

  /**
   * The snapshot at the close of bar {@code row} of a history: its close, and the traded value of
   * the 24 h up to it (the {@code log_quote_volume_1d} feature, so gaps shorten the window rather
   * than stretch it), stamped at the bar's close. The one place training, backtest and serving take
   * market inputs of the policy from bars.
   *
   * @return the snapshot, or {@code null} when nothing was traded in those 24 h (the impact model
   *     needs a volume)
   */
  public static MarketSnapshot at(AssetHistory history, int row) {
    double dailyQuoteVolume = Math.exp(history.features().value(row, QUOTE_VOLUME_COLUMN));
    if (!(dailyQuoteVolume > 0) || !Double.isFinite(dailyQuoteVolume)) {
      return null;
    }
    BarSeries s = history.series();
    return of(
        history.symbol(),
        s.close(row),
        dailyQuoteVolume,
        s.openTimeMs(row) + s.interval().millis());
  }

  /** The average traded value per hour, {@code V_day / 24}, quote currency. */
  public double hourlyQuoteVolume() {
    return dailyQuoteVolume / 24;
  }
}

package io.liqopt.core.policy;

import io.liqopt.core.Checks;

/**
 * The market inputs of the policy that are not in a forecast.
 *
 * @param symbol the asset
 * @param priceQuote the current price, quote currency per unit, positive and finite
 * @param dailyQuoteVolume V_day, the traded value over the last 24 h, quote currency, positive
 * @param asOfEpochMs when these values were observed (UTC epoch ms)
 * @param depth measured order-book depth, or {@code null} when not supplied (impact then comes
 *     from volume and volatility)
 */
public record MarketSnapshot(String symbol, double priceQuote, double dailyQuoteVolume,
    long asOfEpochMs, BookDepth depth) {

  public MarketSnapshot {
    Checks.notBlank(symbol, "symbol");
    Checks.positiveFinite(priceQuote, "priceQuote of " + symbol);
    Checks.positiveFinite(dailyQuoteVolume, "dailyQuoteVolume of " + symbol);
  }

  /** A snapshot without depth data. */
  public static MarketSnapshot of(String symbol, double priceQuote, double dailyQuoteVolume,
      long asOfEpochMs) {
    return new MarketSnapshot(symbol, priceQuote, dailyQuoteVolume, asOfEpochMs, null);
  }

  /** The average traded value per hour, {@code V_day / 24}, quote currency. */
  public double hourlyQuoteVolume() {
    return dailyQuoteVolume / 24;
  }
}

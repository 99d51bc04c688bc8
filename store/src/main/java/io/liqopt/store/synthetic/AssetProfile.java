package io.liqopt.store.synthetic;

import io.liqopt.core.Checks;

/**
 * One synthetic asset.
 *
 * @param symbol store symbol, e.g. {@code SYNBTCUSDT}
 * @param startPrice first open, in the quote currency
 * @param annualizedVol nominal long-run annualised volatility; the realised value of a sample is
 *     typically a few per cent higher (jumps and regime mix)
 * @param marketLoading correlation of the asset's shock with the market factor in calm regimes (it
 *     rises by {@link SyntheticMarketConfig#turbulentLoadingBoost()} in turbulent ones)
 * @param jumpBeta how much of a market-wide jump the asset takes (1 = the full jump)
 * @param meanHourlyBaseVolume typical base-asset volume per hour
 */
public record AssetProfile(
    String symbol,
    double startPrice,
    double annualizedVol,
    double marketLoading,
    double jumpBeta,
    double meanHourlyBaseVolume) {

  public AssetProfile {
    Checks.notBlank(symbol, "symbol");
    Checks.positiveFinite(startPrice, "startPrice");
    Checks.positiveFinite(annualizedVol, "annualizedVol");
    Checks.inRange(marketLoading, 0, 0.99, "marketLoading");
    Checks.nonNegativeFinite(jumpBeta, "jumpBeta");
    Checks.positiveFinite(meanHourlyBaseVolume, "meanHourlyBaseVolume");
  }
}

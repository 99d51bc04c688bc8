package io.liqopt.serving.state;

/**
 * One hour of an asset's recent history on the dashboard: the price and the policy's targets as
 * they were computed at that bar's close (before the governor, which only runs live).
 *
 * @param t the bar's close time, UTC epoch ms
 * @param price its close
 * @param volatility24h the 24 h volatility forecast, a fraction; null when no forecast existed
 * @param lt the target liquidation threshold; null when no forecast existed
 * @param maxLtv the target max LTV; null when no forecast existed
 */
public record HistoryPoint(long t, double price, Double volatility24h, Double lt, Double maxLtv) {}

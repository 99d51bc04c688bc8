/**
 * Forecast types shared by every forecaster (baselines and ML models) and every consumer (the
 * threshold policy, the backtest, the service): a per-asset {@link
 * io.liqopt.core.forecast.AssetForecast} holding, per horizon, a variance forecast and quantile
 * curves of the adverse move, plus a stress probability.
 */
package io.liqopt.core.forecast;

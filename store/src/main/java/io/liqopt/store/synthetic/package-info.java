/**
 * The embedded default market: a seeded, regime-switching, multi-asset GARCH generator with
 * Student-t shocks, jumps, a common market factor, intraday seasonality and volume tied to
 * volatility, so the quick start runs on a fresh machine without any download.
 */
package io.liqopt.store.synthetic;

/**
 * Live prices: feeds (an exchange's kline stream, a push route, a replay file) deliver quotes to
 * {@link io.liqopt.serving.feeds.LivePrices}, which guards them per asset ({@link
 * io.liqopt.core.policy.LivePriceGuard}), tells listeners when a price or a staleness changes, and
 * assembles closed hourly bars from the guarded prices for the engine's ingest.
 */
package io.liqopt.serving.feeds;

/**
 * Downloads Binance's public monthly kline archives (data.binance.vision layout), verifying each
 * archive against its published SHA-256 before it is used.
 */
package io.liqopt.store.binance;

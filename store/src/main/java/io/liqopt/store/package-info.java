/**
 * The Parquet market-data store: {@code <root>/market/<interval>/<SYMBOL>.parquet}, one file per
 * symbol and interval, written atomically.
 */
package io.liqopt.store;

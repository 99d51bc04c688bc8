/**
 * Importers: the plain CSV layout of {@code shared/data}, Binance public kline CSV (plain, gzip or
 * zip), and Parquet written by other tools. Every importer applies the same bar rules through
 * {@link io.liqopt.store.importer.ImportAccumulator} and either refuses the file with {@code
 * file:line: reason} or, when asked to skip invalid rows, counts them by reason.
 */
package io.liqopt.store.importer;

package io.liqopt.store.importer;

import java.util.Locale;

/** The file layouts {@code liqopt data import} reads. */
public enum ImportFormat {
  /** {@code ts,open,high,low,close,volume,quote_volume} (shared/data), optionally gzipped. */
  CSV,
  /** Binance public kline CSV: 12 columns, header optional, ms or µs open times; csv, gz or zip. */
  BINANCE,
  /** Parquet with the store's columns (or common aliases), written by any tool. */
  PARQUET;

  /** Parses a command-line name ({@code csv}, {@code binance}, {@code parquet}). */
  public static ImportFormat parse(String name) {
    try {
      return valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown format '" + name + "', expected csv, binance or parquet", e);
    }
  }
}

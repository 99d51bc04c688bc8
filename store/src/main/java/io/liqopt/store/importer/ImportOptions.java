package io.liqopt.store.importer;

import io.liqopt.core.market.BarInterval;

/**
 * How to import a file.
 *
 * @param format the layout, or null to detect it from the name and first line
 * @param symbol the symbol, or null to take it from the file's metadata or name
 * @param interval the bar interval, or null to take it from the file's metadata or name (else 1h)
 * @param skipInvalid skip bad rows and count them by reason, instead of refusing the file
 */
public record ImportOptions(
    ImportFormat format, String symbol, BarInterval interval, boolean skipInvalid) {

  /** Detect everything, refuse bad rows. */
  public static final ImportOptions DEFAULT = new ImportOptions(null, null, null, false);

  public ImportOptions withSymbol(String s) {
    return new ImportOptions(format, s, interval, skipInvalid);
  }

  public ImportOptions withInterval(BarInterval i) {
    return new ImportOptions(format, symbol, i, skipInvalid);
  }

  public ImportOptions withSkipInvalid(boolean skip) {
    return new ImportOptions(format, symbol, interval, skip);
  }
}

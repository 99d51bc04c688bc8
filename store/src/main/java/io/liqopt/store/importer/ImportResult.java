package io.liqopt.store.importer;

import io.liqopt.core.market.BarDefect;
import io.liqopt.core.market.BarSeries;
import io.liqopt.core.market.Gap;
import java.util.List;
import java.util.Map;

/**
 * What an importer read from one file.
 *
 * @param series the accepted bars
 * @param source a description of the file (recorded in the store's metadata)
 * @param format the layout that was read
 * @param rowsRead data rows seen (header excluded)
 * @param duplicatesDropped exact duplicates dropped
 * @param rejected rows skipped by reason (empty unless skipping was asked for)
 * @param rejectionExamples the first few skipped rows, as {@code file:line: reason}
 * @param gaps holes in the accepted series
 */
public record ImportResult(
    BarSeries series,
    String source,
    ImportFormat format,
    long rowsRead,
    long duplicatesDropped,
    Map<BarDefect, Long> rejected,
    List<String> rejectionExamples,
    List<Gap> gaps) {

  /** Rows skipped, all reasons together. */
  public long rejectedTotal() {
    return rejected.values().stream().mapToLong(Long::longValue).sum();
  }
}

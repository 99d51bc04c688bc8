package io.liqopt.store.importer;

import io.liqopt.core.market.BarDefect;
import io.liqopt.core.market.BarInterval;
import io.liqopt.core.market.BarRejectedException;
import io.liqopt.core.market.BarSeriesBuilder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The one place import rules are applied: every importer hands its rows here. In strict mode the
 * first bad row ends the import with {@code file:line: reason}; with skipping, bad rows are counted
 * by reason and the first few remembered.
 */
final class ImportAccumulator {
  private static final int MAX_EXAMPLES = 10;

  private final String fileName;
  private final boolean skipInvalid;
  private final BarSeriesBuilder builder;
  private long[] lineOfBar = new long[1024];
  private final Map<BarDefect, Long> rejected = new EnumMap<>(BarDefect.class);
  private final List<String> examples = new ArrayList<>();
  private long rows;

  ImportAccumulator(
      String fileName, String symbol, BarInterval interval, boolean skipInvalid, int expectedRows) {
    this.fileName = fileName;
    this.skipInvalid = skipInvalid;
    this.builder = new BarSeriesBuilder(symbol, interval, expectedRows);
  }

  /** Offers one parsed row; {@code line} is 1-based as an editor shows it. */
  void accept(
      long line,
      long openTimeMs,
      double open,
      double high,
      double low,
      double close,
      double volume,
      double quoteVolume)
      throws ImportException {
    rows++;
    try {
      if (builder.append(openTimeMs, open, high, low, close, volume, quoteVolume)
          == BarSeriesBuilder.Appended.ACCEPTED) {
        int i = builder.size() - 1;
        if (i == lineOfBar.length) {
          lineOfBar = Arrays.copyOf(lineOfBar, i * 2);
        }
        lineOfBar[i] = line;
      }
    } catch (BarRejectedException e) {
      String msg = e.getMessage();
      if (e.conflictingIndex() >= 0) {
        msg += " (line " + lineOfBar[e.conflictingIndex()] + ")";
      }
      reject(line, e.defect(), msg);
    }
  }

  /** Counts and refuses a data row the importer could not turn into a bar (parse, time checks). */
  void rejectRow(long line, BarDefect defect, String message) throws ImportException {
    rows++;
    reject(line, defect, message);
  }

  private void reject(long line, BarDefect defect, String message) throws ImportException {
    String where = fileName + ":" + line + ": " + message;
    if (!skipInvalid) {
      throw new ImportException(where);
    }
    rejected.merge(defect, 1L, Long::sum);
    if (examples.size() < MAX_EXAMPLES) {
      examples.add(where);
    }
  }

  ImportResult finish(String source, ImportFormat format) throws ImportException {
    if (builder.size() == 0) {
      throw new ImportException(
          fileName
              + ": no valid bars"
              + (rows == 0
                  ? " (the file holds no data rows)"
                  : " (" + rows + " rows, all rejected)"));
    }
    long duplicates = builder.duplicatesDropped();
    var series = builder.build();
    return new ImportResult(
        series,
        source,
        format,
        rows,
        duplicates,
        Collections.unmodifiableMap(new EnumMap<>(rejected)),
        List.copyOf(examples),
        series.gaps());
  }
}

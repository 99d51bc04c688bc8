package io.liqopt.serving.wal;

import io.liqopt.core.market.BarSeries;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The batches read from one segment, and where its valid records end.
 *
 * @param batches every batch, in file order
 * @param records records read (one per append; a record holds one or more batches)
 * @param bars bars in {@code batches}
 * @param validBytes length of the run of valid records from the start of the file
 * @param fileBytes length of the file; more than {@code validBytes} only for a torn tail
 */
record SegmentScan(
    List<BarSeries> batches, long records, long bars, int validBytes, int fileBytes) {

  /** Bytes after the last valid record: a torn write to cut off. */
  int tornBytes() {
    return fileBytes - validBytes;
  }

  /**
   * Reads every record of a segment's bytes.
   *
   * @param file the segment, for error messages
   * @param tailMayBeTorn true for the active segment: a damaged record that no valid record follows
   *     is a write torn by a crash, so the scan stops there instead of failing
   * @throws IOException naming the file and byte offset of a damaged record that is not a torn
   *     tail, or of a record whose bars cannot be rebuilt
   */
  static SegmentScan of(Path file, byte[] b, boolean tailMayBeTorn) throws IOException {
    List<BarSeries> batches = new ArrayList<>();
    long records = 0;
    long bars = 0;
    int offset = 0;
    while (offset < b.length) {
      String defect = BarRecord.defect(b, offset);
      if (defect != null) {
        if (tailMayBeTorn && !anyRecordAfter(b, offset)) {
          break;
        }
        throw corrupt(
            file, offset, defect + (tailMayBeTorn ? ", and valid records follow" : ""), null);
      }
      List<BarSeries> decoded;
      try {
        decoded = BarRecord.decode(b, offset);
      } catch (IllegalArgumentException e) {
        throw corrupt(
            file, offset, "checksum matches but the batch is invalid: " + e.getMessage(), e);
      }
      batches.addAll(decoded);
      records++;
      bars += decoded.stream().mapToLong(BarSeries::size).sum();
      offset += BarRecord.length(b, offset);
    }
    return new SegmentScan(List.copyOf(batches), records, bars, offset, b.length);
  }

  /**
   * Whether a valid record starts anywhere after {@code offset}. A crash tears only the last append
   * (each append is durable, or cut off, before the next begins), so a valid record after a damaged
   * one means the damage hit acknowledged data.
   */
  private static boolean anyRecordAfter(byte[] b, int offset) {
    for (int p = offset + 1; p <= b.length - BarRecord.HEADER_BYTES; p++) {
      if (BarRecord.defect(b, p) == null) {
        return true;
      }
    }
    return false;
  }

  private static IOException corrupt(Path file, int offset, String why, Throwable cause) {
    return new IOException(
        "corrupt bar log " + file + " at byte offset " + offset + ": " + why, cause);
  }
}

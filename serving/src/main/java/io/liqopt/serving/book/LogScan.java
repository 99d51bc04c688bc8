package io.liqopt.serving.book;

import io.liqopt.core.position.PositionBook;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One log file replayed into a book.
 *
 * @param records records applied
 * @param validBytes length of the run of valid records from the start of the file
 * @param fileBytes length of the file; more than {@code validBytes} only for a torn tail
 */
record LogScan(long records, long validBytes, long fileBytes) {
  long tornBytes() {
    return fileBytes - validBytes;
  }

  /**
   * Replays {@code file} into {@code book}.
   *
   * @param newest whether it is the newest log: a damaged record that no valid record follows is
   *     then a write torn by a crash, and the replay stops there instead of failing
   * @throws IOException naming the file and byte offset of damage that is not a torn tail, or of a
   *     write the book refuses
   */
  static LogScan of(Path file, PositionBook book, boolean newest) throws IOException {
    byte[] b = Files.readAllBytes(file);
    long records = 0;
    int offset = 0;
    while (offset < b.length) {
      String defect = BookRecords.defect(b, offset);
      if (defect != null) {
        if (newest && !anyRecordAfter(b, offset)) {
          break;
        }
        throw new IOException(
            "corrupt position log "
                + file
                + " at byte offset "
                + offset
                + ": "
                + defect
                + (newest ? ", and valid records follow" : " (not the newest log)"));
      }
      try {
        BookRecords.apply(b, offset, book);
      } catch (IllegalArgumentException e) {
        throw new IOException(
            "cannot replay position log "
                + file
                + ": the record at byte offset "
                + offset
                + " is refused: "
                + e.getMessage(),
            e);
      }
      records++;
      offset += BookRecords.length(b, offset);
    }
    return new LogScan(records, offset, b.length);
  }

  /**
   * Whether a valid record starts anywhere after {@code offset}: a crash tears only the last append
   * (each is durable, or cut off, before the next begins), so a valid one after the damage means
   * the damage hit acknowledged writes.
   */
  private static boolean anyRecordAfter(byte[] b, int offset) {
    for (int p = offset + 1; p <= b.length - BookRecords.HEADER_BYTES; p++) {
      if (BookRecords.defect(b, p) == null) {
        return true;
      }
    }
    return false;
  }
}

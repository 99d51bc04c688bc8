package io.liqopt.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;

/**
 * The fast read path of {@link ParquetBarFile}, for files in its own layout ({@link
 * ParquetBarFile#SCHEMA}, PLAIN, version-1 data pages, no dictionary): each page is decoded in bulk
 * into the column arrays. Stateless.
 */
final class NativeBarReader {
  private NativeBarReader() {}

  /**
   * The fast path for files in this class's own layout: pages are decoded in bulk into the column
   * arrays. Returns null (having read nothing into the caller's hands) when the file uses any other
   * schema, page type or encoding, so the general reader can take it.
   */
  @SuppressWarnings("deprecation") // BytesInput.toByteBuffer(): its replacement needs a releaser
  static RawBars read(Path file) throws IOException {
    try (ParquetFileReader r =
        ParquetFileReader.open(new LocalInputFile(file), ParquetBarFile.options())) {
      if (!ParquetBarFile.SCHEMA.equals(r.getFileMetaData().getSchema())) {
        return null;
      }
      long total = r.getRecordCount();
      if (total > Integer.MAX_VALUE - 8) {
        throw new IOException(file + ": too many rows (" + total + ")");
      }
      int n = (int) total;
      long[] ts = new long[n];
      double[][] values = new double[ParquetBarFile.SCHEMA.getFieldCount() - 1][n];
      List<ColumnDescriptor> cols = ParquetBarFile.SCHEMA.getColumns();
      int offset = 0;
      PageReadStore pages;
      while ((pages = r.readNextRowGroup()) != null) {
        int rows = (int) pages.getRowCount();
        for (int c = 0; c < cols.size(); c++) {
          PageReader pr = pages.getPageReader(cols.get(c));
          if (pr.readDictionaryPage() != null) {
            return null;
          }
          int pos = offset;
          DataPage page;
          while ((page = pr.readPage()) != null) {
            if (!(page instanceof DataPageV1 v1)) {
              return null;
            }
            int count = v1.getValueCount();
            if (pos + count > offset + rows) {
              throw new IOException(
                  file
                      + ": column "
                      + cols.get(c).getPath()[0]
                      + " holds more values than its row group");
            }
            ByteBuffer buf = v1.getBytes().toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            if (buf.remaining() < 8L * count) {
              throw new IOException(
                  file + ": truncated page in column " + cols.get(c).getPath()[0]);
            }
            Encoding enc = v1.getValueEncoding();
            if (c == 0 && enc == Encoding.PLAIN) {
              buf.asLongBuffer().get(ts, pos, count);
            } else if (c > 0 && enc == Encoding.PLAIN) {
              buf.asDoubleBuffer().get(values[c - 1], pos, count);
            } else {
              return null;
            }
            pos += count;
          }
          if (pos != offset + rows) {
            throw new IOException(
                file
                    + ": column "
                    + cols.get(c).getPath()[0]
                    + " holds "
                    + (pos - offset)
                    + " values for "
                    + rows
                    + " rows");
          }
        }
        offset += rows;
      }
      return ParquetBarFile.complete(file, r, n, offset, ts, values);
    } catch (RuntimeException e) {
      throw new IOException(file + ": not a readable Parquet bar file (" + e.getMessage() + ")", e);
    }
  }
}

package io.liqopt.store;

import io.liqopt.core.market.EpochTime;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.DummyRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * The general read path of {@link ParquetBarFile}: parquet-mr's column readers, for files written
 * by other tools (any encoding; timestamps as INT64 with or without a TIMESTAMP annotation; values
 * as DOUBLE, FLOAT, INT32/INT64 or DECIMAL; a few common column-name aliases; nullable columns).
 * Stateless.
 */
final class GeneralBarReader {
  private static final List<List<String>> ALIASES =
      List.of(
          List.of("ts", "open_time", "timestamp", "timestamp_open_utc", "time", "open_time_ms"),
          List.of("open"),
          List.of("high"),
          List.of("low"),
          List.of("close"),
          List.of("volume", "volume_base", "base_volume"),
          List.of("quote_volume", "quote_asset_volume", "volume_quote"));

  private GeneralBarReader() {}

  /** parquet-mr's column readers: any schema with the needed columns, any encoding. */
  static RawBars read(Path file) throws IOException {
    try (ParquetFileReader r =
        ParquetFileReader.open(new LocalInputFile(file), ParquetBarFile.options())) {
      MessageType schema = r.getFileMetaData().getSchema();
      ColumnDescriptor[] cols = new ColumnDescriptor[ALIASES.size()];
      for (int c = 0; c < cols.length; c++) {
        cols[c] = find(schema, ALIASES.get(c), c < ALIASES.size() - 1, file);
      }
      long total = r.getRecordCount();
      if (total > Integer.MAX_VALUE - 8) {
        throw new IOException(file + ": too many rows (" + total + ")");
      }
      int n = (int) total;
      long[] ts = new long[n];
      double[][] values = new double[cols.length - 1][n];
      String createdBy = r.getFileMetaData().getCreatedBy();
      DummyRecordConverter converter = new DummyRecordConverter(schema);
      int offset = 0;
      PageReadStore pages;
      while ((pages = r.readNextRowGroup()) != null) {
        int rows = (int) pages.getRowCount();
        ColumnReadStoreImpl store =
            new ColumnReadStoreImpl(pages, converter.getRootConverter(), schema, createdBy);
        readTimes(store.getColumnReader(cols[0]), ts, offset, rows, file);
        for (int c = 1; c < cols.length; c++) {
          double[] dst = values[c - 1];
          if (cols[c] == null) {
            Arrays.fill(dst, offset, offset + rows, Double.NaN);
          } else {
            readValues(store.getColumnReader(cols[c]), dst, offset, rows, file);
          }
        }
        offset += rows;
      }
      return ParquetBarFile.complete(file, r, n, offset, ts, values);
    } catch (RuntimeException e) {
      // parquet-mr reports corrupt pages and bad footers with runtime exceptions
      throw new IOException(file + ": not a readable Parquet bar file (" + e.getMessage() + ")", e);
    }
  }

  private static ColumnDescriptor find(
      MessageType schema, List<String> names, boolean required, Path file) throws IOException {
    for (ColumnDescriptor d : schema.getColumns()) {
      if (d.getPath().length == 1 && names.contains(d.getPath()[0].toLowerCase(Locale.ROOT))) {
        if (d.getMaxRepetitionLevel() > 0) {
          throw new IOException(file + ": column " + d.getPath()[0] + " is repeated");
        }
        return d;
      }
    }
    if (required) {
      throw new IOException(
          file
              + ": no column named "
              + String.join(" or ", names)
              + " (columns: "
              + schema.getColumns().stream().map(d -> String.join(".", d.getPath())).toList()
              + ")");
    }
    return null;
  }

  private static void readTimes(ColumnReader r, long[] dst, int off, int rows, Path file)
      throws IOException {
    ColumnDescriptor d = r.getDescriptor();
    PrimitiveType type = d.getPrimitiveType();
    if (type.getPrimitiveTypeName() != PrimitiveTypeName.INT64) {
      throw new IOException(
          file
              + ": timestamp column "
              + type.getName()
              + " is "
              + type.getPrimitiveTypeName()
              + ", expected INT64");
    }
    int maxDef = d.getMaxDefinitionLevel();
    long divisor = 0; // 0 = detect per value
    if (type.getLogicalTypeAnnotation()
        instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation tsType) {
      divisor =
          switch (tsType.getUnit()) {
            case MILLIS -> 1;
            case MICROS -> 1_000;
            case NANOS -> 1_000_000;
          };
    }
    for (int k = 0; k < rows; k++) {
      if (r.getCurrentDefinitionLevel() != maxDef) {
        throw new IOException(file + ": row " + (off + k + 1) + ": timestamp is null");
      }
      long v = r.getLong();
      dst[off + k] = divisor == 0 ? EpochTime.toMillis(v) : Math.floorDiv(v, divisor);
      r.consume();
    }
  }

  private static void readValues(ColumnReader r, double[] dst, int off, int rows, Path file)
      throws IOException {
    ColumnDescriptor d = r.getDescriptor();
    PrimitiveType type = d.getPrimitiveType();
    int maxDef = d.getMaxDefinitionLevel();
    if (type.getPrimitiveTypeName() == PrimitiveTypeName.DOUBLE && maxDef == 0) {
      for (int k = 0; k < rows; k++) { // the store's own layout: the hot path
        dst[off + k] = r.getDouble();
        r.consume();
      }
      return;
    }
    int scale =
        type.getLogicalTypeAnnotation()
                instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation dec
            ? dec.getScale()
            : 0;
    for (int k = 0; k < rows; k++) {
      double v;
      if (r.getCurrentDefinitionLevel() != maxDef) {
        v = Double.NaN;
      } else {
        v =
            switch (type.getPrimitiveTypeName()) {
              case DOUBLE -> r.getDouble();
              case FLOAT -> r.getFloat();
              case INT32 ->
                  scale == 0
                      ? r.getInteger()
                      : BigDecimal.valueOf(r.getInteger(), scale).doubleValue();
              case INT64 ->
                  scale == 0 ? r.getLong() : BigDecimal.valueOf(r.getLong(), scale).doubleValue();
              case BINARY, FIXED_LEN_BYTE_ARRAY -> {
                if (scale == 0
                    && !(type.getLogicalTypeAnnotation()
                        instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation)) {
                  throw new IOException(
                      file + ": column " + type.getName() + " holds bytes, not numbers");
                }
                yield new BigDecimal(new BigInteger(r.getBinary().getBytes()), scale).doubleValue();
              }
              default ->
                  throw new IOException(
                      file
                          + ": column "
                          + type.getName()
                          + " has type "
                          + type.getPrimitiveTypeName()
                          + ", not a number");
            };
      }
      dst[off + k] = v;
      r.consume();
    }
  }
}

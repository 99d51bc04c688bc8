package io.liqopt.store;

import io.liqopt.core.AtomicFiles;
import io.liqopt.core.market.BarSeries;
import io.liqopt.core.market.EpochTime;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.DummyRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/**
 * Reads and writes one series as a Parquet file.
 *
 * <p>Written schema ({@link #SCHEMA}): {@code ts} INT64 TIMESTAMP(MILLIS, UTC); {@code open},
 * {@code high}, {@code low}, {@code close}, {@code volume}, {@code quote_volume} required DOUBLE,
 * with NaN for an unknown quote volume (every column required keeps pages free of definition
 * levels). Encoding PLAIN, no dictionary, {@link #CODEC} compression, version-1 data pages. The
 * footer's key/value metadata records symbol, interval, source, row count and format version; it
 * holds no wall-clock time, so the same series always gives the same bytes.
 *
 * <p>Files in exactly this layout are read by a fast path that decodes each page into the column
 * arrays in bulk; any other file goes through parquet-mr's column readers.
 *
 * <p>Reading goes column by column straight into primitive arrays (no row objects), and accepts
 * files written by other tools with the same columns: timestamps as INT64 with or without a
 * TIMESTAMP(MILLIS|MICROS|NANOS) annotation, values as DOUBLE, FLOAT, INT32/INT64 or DECIMAL, a few
 * common column-name aliases, nullable columns.
 */
public final class ParquetBarFile {
  public static final String KEY_SYMBOL = "liqopt.symbol";
  public static final String KEY_INTERVAL = "liqopt.interval";
  public static final String KEY_SOURCE = "liqopt.source";
  public static final String KEY_ROWS = "liqopt.rows";
  public static final String KEY_FORMAT = "liqopt.format";

  /** Bumped when the written layout changes. */
  public static final String FORMAT_VERSION = "1";

  /** The schema this class writes. */
  public static final MessageType SCHEMA =
      Types.buildMessage()
          .required(PrimitiveTypeName.INT64)
          .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MILLIS))
          .named("ts")
          .required(PrimitiveTypeName.DOUBLE)
          .named("open")
          .required(PrimitiveTypeName.DOUBLE)
          .named("high")
          .required(PrimitiveTypeName.DOUBLE)
          .named("low")
          .required(PrimitiveTypeName.DOUBLE)
          .named("close")
          .required(PrimitiveTypeName.DOUBLE)
          .named("volume")
          .required(PrimitiveTypeName.DOUBLE)
          .named("quote_volume")
          .named("bar");

  private static final List<List<String>> ALIASES =
      List.of(
          List.of("ts", "open_time", "timestamp", "timestamp_open_utc", "time", "open_time_ms"),
          List.of("open"),
          List.of("high"),
          List.of("low"),
          List.of("close"),
          List.of("volume", "volume_base", "base_volume"),
          List.of("quote_volume", "quote_asset_volume", "volume_quote"));

  /**
   * ZSTD: among ZSTD, LZ4_RAW, SNAPPY and none (with and without BYTE_STREAM_SPLIT), measured with
   * {@code liqopt bench data}, read speed was within noise of the best and the file the smallest
   * (BENCHMARKS.md).
   */
  static final CompressionCodecName CODEC = CompressionCodecName.ZSTD;

  private ParquetBarFile() {}

  /** Writes {@code series} to {@code target} atomically (temp file, fsync, rename). */
  public static void write(BarSeries series, String source, Path target) throws IOException {
    AtomicFiles.write(target, temp -> write(series, source, new LocalOutputFile(temp)));
  }

  /** Writes {@code series} to an output file (overwriting it). */
  public static void write(BarSeries series, String source, OutputFile out) throws IOException {
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put(KEY_SYMBOL, series.symbol());
    meta.put(KEY_INTERVAL, series.interval().label());
    meta.put(KEY_SOURCE, source);
    meta.put(KEY_ROWS, Integer.toString(series.size()));
    meta.put(KEY_FORMAT, FORMAT_VERSION);
    try (ParquetWriter<Integer> w =
        new Builder(out, series, meta)
            .withConf(new PlainParquetConfiguration())
            .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
            .withCompressionCodec(CODEC)
            .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
            .withDictionaryEncoding(false)
            .build()) {
      for (int i = 0; i < series.size(); i++) {
        w.write(i);
      }
    }
  }

  /** Reads the footer's key/value metadata only. */
  public static Map<String, String> readMetadata(Path file) throws IOException {
    try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(file), options())) {
      return Map.copyOf(r.getFileMetaData().getKeyValueMetaData());
    }
  }

  /**
   * Reads every bar of a file into columns, without validating them.
   *
   * @throws IOException when the file is not Parquet, is corrupt, or lacks a required column
   */
  public static RawBars read(Path file) throws IOException {
    RawBars fast = readNative(file);
    return fast != null ? fast : readAnyLayout(file);
  }

  /**
   * The fast path for files in this class's own layout: pages are decoded in bulk into the column
   * arrays. Returns null (having read nothing into the caller's hands) when the file uses any other
   * schema, page type or encoding, so the general reader can take it.
   */
  @SuppressWarnings("deprecation") // BytesInput.toByteBuffer(): its replacement needs a releaser
  private static RawBars readNative(Path file) throws IOException {
    try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(file), options())) {
      if (!SCHEMA.equals(r.getFileMetaData().getSchema())) {
        return null;
      }
      long total = r.getRecordCount();
      if (total > Integer.MAX_VALUE - 8) {
        throw new IOException(file + ": too many rows (" + total + ")");
      }
      int n = (int) total;
      long[] ts = new long[n];
      double[][] values = new double[SCHEMA.getFieldCount() - 1][n];
      List<ColumnDescriptor> cols = SCHEMA.getColumns();
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
      return complete(file, r, n, offset, ts, values);
    } catch (RuntimeException e) {
      throw new IOException(file + ": not a readable Parquet bar file (" + e.getMessage() + ")", e);
    }
  }

  /** Checks every row the footer announced was read, and packs the columns. */
  private static RawBars complete(
      Path file, ParquetFileReader r, int expectedRows, int rowsRead, long[] ts, double[][] values)
      throws IOException {
    if (rowsRead != expectedRows) {
      throw new IOException(
          file + ": footer says " + expectedRows + " rows, row groups hold " + rowsRead);
    }
    return new RawBars(
        ts,
        values[0],
        values[1],
        values[2],
        values[3],
        values[4],
        values[5],
        new HashMap<>(r.getFileMetaData().getKeyValueMetaData()));
  }

  /** parquet-mr's column readers: any schema with the needed columns, any encoding. */
  private static RawBars readAnyLayout(Path file) throws IOException {
    try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(file), options())) {
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
            java.util.Arrays.fill(dst, offset, offset + rows, Double.NaN);
          } else {
            readValues(store.getColumnReader(cols[c]), dst, offset, rows, file);
          }
        }
        offset += rows;
      }
      return complete(file, r, n, offset, ts, values);
    } catch (RuntimeException e) {
      // parquet-mr reports corrupt pages and bad footers with runtime exceptions
      throw new IOException(file + ": not a readable Parquet bar file (" + e.getMessage() + ")", e);
    }
  }

  private static ParquetReadOptions options() {
    return ParquetReadOptions.builder(new PlainParquetConfiguration()).build();
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

  /** Builder for the row-index write support below. */
  private static final class Builder extends ParquetWriter.Builder<Integer, Builder> {
    private final BarSeries series;
    private final Map<String, String> meta;

    Builder(OutputFile out, BarSeries series, Map<String, String> meta) {
      super(out);
      this.series = series;
      this.meta = meta;
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    @SuppressWarnings("deprecation") // abstract in parquet-mr: must be implemented
    protected WriteSupport<Integer> getWriteSupport(Configuration conf) {
      return new BarWriteSupport(series, meta);
    }

    @Override
    protected WriteSupport<Integer> getWriteSupport(ParquetConfiguration conf) {
      return new BarWriteSupport(series, meta);
    }
  }

  /** Writes row {@code i} of a series straight from its columns. */
  private static final class BarWriteSupport extends WriteSupport<Integer> {
    private final BarSeries s;
    private final Map<String, String> meta;
    private RecordConsumer rc;

    BarWriteSupport(BarSeries s, Map<String, String> meta) {
      this.s = s;
      this.meta = meta;
    }

    @Override
    @SuppressWarnings("deprecation") // abstract in parquet-mr: must be implemented
    public WriteContext init(Configuration configuration) {
      return new WriteContext(SCHEMA, meta);
    }

    @Override
    public WriteContext init(ParquetConfiguration configuration) {
      return new WriteContext(SCHEMA, meta);
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
      this.rc = recordConsumer;
    }

    @Override
    public void write(Integer row) {
      int i = row;
      rc.startMessage();
      rc.startField("ts", 0);
      rc.addLong(s.openTimeMs(i));
      rc.endField("ts", 0);
      field("open", 1, s.open(i));
      field("high", 2, s.high(i));
      field("low", 3, s.low(i));
      field("close", 4, s.close(i));
      field("volume", 5, s.volume(i));
      field("quote_volume", 6, s.quoteVolume(i));
      rc.endMessage();
    }

    private void field(String name, int index, double v) {
      rc.startField(name, index);
      rc.addDouble(v);
      rc.endField(name, index);
    }
  }
}

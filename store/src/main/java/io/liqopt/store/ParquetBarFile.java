package io.liqopt.store;

import io.liqopt.core.AtomicFiles;
import io.liqopt.core.CrashPoints;
import io.liqopt.core.FileSink;
import io.liqopt.core.market.BarSeries;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
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
 * arrays in bulk ({@link NativeBarReader}); any other file goes through parquet-mr's column readers
 * ({@link GeneralBarReader}). Writing goes through {@link BarWriteSupport}.
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

  /**
   * ZSTD: among ZSTD, LZ4_RAW, SNAPPY and none (with and without BYTE_STREAM_SPLIT), measured with
   * {@code liqopt bench data}, read speed was within noise of the best and the file the smallest
   * (BENCHMARKS.md).
   */
  static final CompressionCodecName CODEC = CompressionCodecName.ZSTD;

  private ParquetBarFile() {}

  /** Writes {@code series} to {@code target} atomically (temp file, fsync, rename). */
  public static void write(BarSeries series, String source, Path target) throws IOException {
    write(series, source, target, FileSink.FILES);
  }

  /**
   * As {@link #write(BarSeries, String, Path)}, the temporary file written through {@code sink}.
   *
   * @throws IOException naming {@code target} when it cannot be written (a full disk); the old file
   *     stays in place and no temporary file is left
   */
  public static void write(BarSeries series, String source, Path target, FileSink sink)
      throws IOException {
    AtomicFiles.write(
        target,
        temp -> write(series, source, new SinkOutputFile(temp, sink)),
        () -> CrashPoints.reach(CrashPoints.STORE_WRITTEN));
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
        new BarWriteSupport.Builder(out, series, meta)
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
    RawBars fast = NativeBarReader.read(file);
    return fast != null ? fast : GeneralBarReader.read(file);
  }

  /** Checks every row the footer announced was read, and packs the columns. */
  static RawBars complete(
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
        r.getFileMetaData().getKeyValueMetaData());
  }

  /** The read options of both read paths (no Hadoop configuration). */
  static ParquetReadOptions options() {
    return ParquetReadOptions.builder(new PlainParquetConfiguration()).build();
  }
}

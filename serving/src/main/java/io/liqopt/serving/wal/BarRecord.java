package io.liqopt.serving.wal;

import io.liqopt.core.market.BarInterval;
import io.liqopt.core.market.BarRejectedException;
import io.liqopt.core.market.BarSeries;
import io.liqopt.core.market.BarSeriesBuilder;
import io.liqopt.store.MarketStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Encodes the batches of one append as one log record and decodes them back (format in {@code
 * package-info}): one batch in a {@link #MAGIC} record, several (one ingest request's series) in a
 * {@link #GROUP_MAGIC} record, so that one append is durable, or torn, as a whole. Stateless.
 */
final class BarRecord {
  /** "LQWL": marks the start of a record of one batch. */
  static final int MAGIC = 0x4C51574C;

  /** "LQWG": marks the start of a record of a group of batches. */
  static final int GROUP_MAGIC = 0x4C515747;

  /** magic, payload length, CRC32C. */
  static final int HEADER_BYTES = 12;

  /** Largest payload accepted, so that a garbage length cannot allocate a huge array. */
  static final int MAX_PAYLOAD_BYTES = 64 << 20;

  /** openTimeMs plus six doubles. */
  static final int BAR_BYTES = 8 + 6 * 8;

  /**
   * Room for a batch's symbol, interval and bar count: UTF symbol of at most 64 bytes, and so on.
   */
  private static final int BATCH_HEADER_BYTES = 256;

  private BarRecord() {}

  /**
   * The whole record (header and payload) of the batches of one append.
   *
   * @throws IllegalArgumentException when there is no batch, a batch is empty, its symbol is not a
   *     store symbol or the payload would exceed {@link #MAX_PAYLOAD_BYTES}
   */
  static byte[] encode(List<BarSeries> batches) {
    if (batches.isEmpty()) {
      throw new IllegalArgumentException("an append needs at least one batch");
    }
    long bytes = 4;
    for (BarSeries bars : batches) {
      MarketStore.checkSymbol(bars.symbol());
      if (bars.isEmpty()) {
        throw new IllegalArgumentException("a batch needs at least one bar: " + bars);
      }
      bytes += BATCH_HEADER_BYTES + (long) bars.size() * BAR_BYTES;
    }
    if (bytes > MAX_PAYLOAD_BYTES) {
      throw new IllegalArgumentException(
          batches.stream().mapToLong(BarSeries::size).sum()
              + " bars exceed the "
              + MAX_PAYLOAD_BYTES
              + "-byte record limit; split them");
    }
    ByteArrayOutputStream payload = new ByteArrayOutputStream((int) bytes);
    try (DataOutputStream out = new DataOutputStream(payload)) {
      if (batches.size() > 1) {
        out.writeInt(batches.size());
      }
      for (BarSeries bars : batches) {
        writeBatch(out, bars);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot happen: in-memory stream", e);
    }
    return frame(batches.size() > 1 ? GROUP_MAGIC : MAGIC, payload.toByteArray());
  }

  private static void writeBatch(DataOutputStream out, BarSeries bars) throws IOException {
    out.writeUTF(bars.symbol());
    out.writeUTF(bars.interval().name());
    out.writeInt(bars.size());
    for (int i = 0; i < bars.size(); i++) {
      out.writeLong(bars.openTimeMs(i));
      out.writeDouble(bars.open(i));
      out.writeDouble(bars.high(i));
      out.writeDouble(bars.low(i));
      out.writeDouble(bars.close(i));
      out.writeDouble(bars.volume(i));
      out.writeDouble(bars.quoteVolume(i));
    }
  }

  /** A one-batch record of a payload. Package-private so tests can frame bad payloads. */
  static byte[] frame(byte[] payload) {
    return frame(MAGIC, payload);
  }

  /** Puts the header with {@code magic} in front of a payload. */
  static byte[] frame(int magic, byte[] payload) {
    ByteBuffer record = ByteBuffer.allocate(HEADER_BYTES + payload.length);
    record
        .putInt(magic)
        .putInt(payload.length)
        .putInt(crc(payload, 0, payload.length))
        .put(payload);
    return record.array();
  }

  /** CRC32C of {@code length} bytes of {@code b} from {@code offset}. */
  static int crc(byte[] b, int offset, int length) {
    CRC32C crc = new CRC32C();
    crc.update(b, offset, length);
    return (int) crc.getValue();
  }

  /**
   * Why the bytes at {@code offset} are not one whole record with a matching checksum, or {@code
   * null} when they are.
   */
  static String defect(byte[] b, int offset) {
    int available = b.length - offset;
    if (available < HEADER_BYTES) {
      return "header truncated (" + available + " of " + HEADER_BYTES + " bytes)";
    }
    ByteBuffer buf = ByteBuffer.wrap(b);
    if (buf.getInt(offset) != MAGIC && buf.getInt(offset) != GROUP_MAGIC) {
      return "bad magic 0x" + Integer.toHexString(buf.getInt(offset));
    }
    int length = buf.getInt(offset + 4);
    if (length < 0 || length > MAX_PAYLOAD_BYTES) {
      return "payload length " + length + " outside [0, " + MAX_PAYLOAD_BYTES + "]";
    }
    if (length > available - HEADER_BYTES) {
      return "payload truncated (" + (available - HEADER_BYTES) + " of " + length + " bytes)";
    }
    if (crc(b, offset + HEADER_BYTES, length) != buf.getInt(offset + 8)) {
      return "checksum mismatch";
    }
    return null;
  }

  /** Total length of the record at {@code offset}; {@link #defect} must have returned null. */
  static int length(byte[] b, int offset) {
    return HEADER_BYTES + ByteBuffer.wrap(b).getInt(offset + 4);
  }

  /**
   * Rebuilds the batches of the (checksum-verified) record at {@code offset} through {@link
   * BarSeriesBuilder}, so the bar rules hold again.
   *
   * @throws IllegalArgumentException when the payload is malformed or its bars break a rule
   */
  static List<BarSeries> decode(byte[] b, int offset) {
    int length = length(b, offset) - HEADER_BYTES;
    boolean group = ByteBuffer.wrap(b).getInt(offset) == GROUP_MAGIC;
    try (DataInputStream in =
        new DataInputStream(new ByteArrayInputStream(b, offset + HEADER_BYTES, length))) {
      int count = group ? in.readInt() : 1;
      if (count < 1 || count > length) {
        throw new IllegalArgumentException("batch count " + count + " does not fit the payload");
      }
      List<BarSeries> batches = new ArrayList<>();
      for (int k = 0; k < count; k++) {
        batches.add(readBatch(in));
      }
      if (in.available() > 0) {
        throw new IllegalArgumentException(in.available() + " payload bytes after the last bar");
      }
      return List.copyOf(batches);
    } catch (IOException e) {
      throw new IllegalArgumentException("payload ends early: " + e, e);
    }
  }

  private static BarSeries readBatch(DataInputStream in) throws IOException {
    String symbol = MarketStore.checkSymbol(in.readUTF());
    BarInterval interval = BarInterval.valueOf(in.readUTF());
    int count = in.readInt();
    // checked before the builder allocates columns for `count` bars
    if (count < 1 || (long) count * BAR_BYTES > in.available()) {
      throw new IllegalArgumentException(
          "bar count "
              + count
              + " does not fit the "
              + in.available()
              + " remaining payload bytes");
    }
    BarSeriesBuilder builder = new BarSeriesBuilder(symbol, interval, count);
    for (int i = 0; i < count; i++) {
      try {
        builder.append(
            in.readLong(),
            in.readDouble(),
            in.readDouble(),
            in.readDouble(),
            in.readDouble(),
            in.readDouble(),
            in.readDouble());
      } catch (BarRejectedException e) {
        throw new IllegalArgumentException(symbol + " bar " + i + ": " + e.getMessage(), e);
      }
    }
    if (builder.duplicatesDropped() > 0) {
      throw new IllegalArgumentException("batch repeats a bar");
    }
    return builder.build();
  }
}

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
import java.util.zip.CRC32C;

/**
 * Encodes one batch of bars as a log record and decodes it back (format in {@code package-info}).
 * Stateless.
 */
final class BarRecord {
  /** "LQWL": marks the start of every record. */
  static final int MAGIC = 0x4C51574C;

  /** magic, payload length, CRC32C. */
  static final int HEADER_BYTES = 12;

  /** Largest payload accepted, so that a garbage length cannot allocate a huge array. */
  static final int MAX_PAYLOAD_BYTES = 64 << 20;

  /** openTimeMs plus six doubles. */
  static final int BAR_BYTES = 8 + 6 * 8;

  private BarRecord() {}

  /**
   * The whole record (header and payload) of a batch.
   *
   * @throws IllegalArgumentException when the batch is empty, its symbol is not a store symbol or
   *     its payload would exceed {@link #MAX_PAYLOAD_BYTES}
   */
  static byte[] encode(BarSeries bars) {
    MarketStore.checkSymbol(bars.symbol());
    if (bars.isEmpty()) {
      throw new IllegalArgumentException("a batch needs at least one bar: " + bars);
    }
    if ((long) bars.size() * BAR_BYTES > MAX_PAYLOAD_BYTES - 256) {
      throw new IllegalArgumentException(
          "batch of "
              + bars.size()
              + " bars exceeds the "
              + MAX_PAYLOAD_BYTES
              + "-byte record limit; split it");
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + bars.size() * BAR_BYTES);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
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
    } catch (IOException e) {
      throw new UncheckedIOException("cannot happen: in-memory stream", e);
    }
    return frame(bytes.toByteArray());
  }

  /** Puts the header in front of a payload. Package-private so tests can frame bad payloads. */
  static byte[] frame(byte[] payload) {
    ByteBuffer record = ByteBuffer.allocate(HEADER_BYTES + payload.length);
    record
        .putInt(MAGIC)
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
    if (buf.getInt(offset) != MAGIC) {
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
   * Rebuilds the batch of the (checksum-verified) record at {@code offset} through {@link
   * BarSeriesBuilder}, so the bar rules hold again.
   *
   * @throws IllegalArgumentException when the payload is malformed or its bars break a rule
   */
  static BarSeries decode(byte[] b, int offset) {
    int length = length(b, offset) - HEADER_BYTES;
    try (DataInputStream in =
        new DataInputStream(new ByteArrayInputStream(b, offset + HEADER_BYTES, length))) {
      String symbol = MarketStore.checkSymbol(in.readUTF());
      BarInterval interval = BarInterval.valueOf(in.readUTF());
      int count = in.readInt();
      // checked before the builder allocates columns for `count` bars
      if (count < 1 || (long) count * BAR_BYTES != in.available()) {
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
    } catch (IOException e) {
      throw new IllegalArgumentException("payload ends early: " + e, e);
    }
  }
}

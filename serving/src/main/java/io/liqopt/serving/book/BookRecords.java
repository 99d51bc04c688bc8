package io.liqopt.serving.book;

import io.liqopt.core.position.PositionBook;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The records of a {@link PositionLog} (layout in {@code package-info}): a write of the book,
 * framed as {@code int payloadLength | int crc32(payload) | payload}, checked and applied.
 */
final class BookRecords {
  /** The frame's header: length and checksum. */
  static final int HEADER_BYTES = 8;

  /** The largest payload: far above any valid write (64 holdings, ids of 128 characters). */
  static final int MAX_PAYLOAD_BYTES = 1 << 16;

  /** The payload format this code writes (and the only one it reads). */
  static final byte FORMAT = 1;

  static final byte PUT = 1;
  static final byte DELETE = 2;

  private BookRecords() {}

  /** The framed record of a PUT. */
  static byte[] put(
      String id, long version, List<String> symbols, double[] quantities, double debtQuote) {
    byte[] idBytes = utf8(id);
    int size = 2 + 2 + idBytes.length + 8 + 8 + 2;
    List<byte[]> names = new ArrayList<>(symbols.size());
    for (String s : symbols) {
      byte[] n = utf8(s);
      names.add(n);
      size += 2 + n.length + 8;
    }
    ByteBuffer b = frame(size);
    b.put(FORMAT).put(PUT).putShort((short) idBytes.length).put(idBytes);
    b.putLong(version).putDouble(debtQuote).putShort((short) symbols.size());
    for (int k = 0; k < names.size(); k++) {
      b.putShort((short) names.get(k).length).put(names.get(k)).putDouble(quantities[k]);
    }
    return seal(b);
  }

  /** The framed record of a DELETE. */
  static byte[] delete(String id) {
    byte[] idBytes = utf8(id);
    ByteBuffer b = frame(2 + 2 + idBytes.length);
    b.put(FORMAT).put(DELETE).putShort((short) idBytes.length).put(idBytes);
    return seal(b);
  }

  /** What is wrong with the frame at {@code offset}, or null when it is whole and its sum holds. */
  static String defect(byte[] b, int offset) {
    if (b.length - offset < HEADER_BYTES) {
      return "truncated record header (" + (b.length - offset) + " bytes)";
    }
    ByteBuffer h = ByteBuffer.wrap(b, offset, HEADER_BYTES);
    int length = h.getInt();
    int sum = h.getInt();
    if (length < 2 || length > MAX_PAYLOAD_BYTES) {
      return "impossible payload length " + length;
    }
    if (b.length - offset - HEADER_BYTES < length) {
      return "truncated record (" + length + " payload bytes announced)";
    }
    CRC32 crc = new CRC32();
    crc.update(b, offset + HEADER_BYTES, length);
    return (int) crc.getValue() == sum ? null : "checksum mismatch";
  }

  /** The length of the whole record at {@code offset} (its frame checked by {@link #defect}). */
  static int length(byte[] b, int offset) {
    return HEADER_BYTES + ByteBuffer.wrap(b, offset, 4).getInt();
  }

  /**
   * Applies the record at {@code offset} (checked by {@link #defect}) to {@code book}: a PUT as
   * {@link PositionBook#put} (an older or equal version is a no-op, as it was when written), a
   * DELETE as {@link PositionBook#remove}.
   *
   * @throws IllegalArgumentException when the payload cannot be read or the book refuses it
   */
  static void apply(byte[] b, int offset, PositionBook book) {
    ByteBuffer p = ByteBuffer.wrap(b, offset + HEADER_BYTES, length(b, offset) - HEADER_BYTES);
    try {
      byte format = p.get();
      if (format != FORMAT) {
        throw new IllegalArgumentException("unknown record format " + format);
      }
      byte type = p.get();
      String id = string(p);
      if (type == DELETE) {
        book.remove(id);
      } else if (type == PUT) {
        long version = p.getLong();
        double debt = p.getDouble();
        int n = p.getShort();
        List<String> symbols = new ArrayList<>(n);
        double[] quantities = new double[Math.max(0, n)];
        for (int k = 0; k < n; k++) {
          symbols.add(string(p));
          quantities[k] = p.getDouble();
        }
        book.put(id, version, symbols, quantities, debt);
      } else {
        throw new IllegalArgumentException("unknown record type " + type);
      }
      if (p.hasRemaining()) {
        throw new IllegalArgumentException(p.remaining() + " bytes after the record's fields");
      }
    } catch (java.nio.BufferUnderflowException e) {
      throw new IllegalArgumentException("the record ends inside its fields", e);
    }
  }

  static String string(ByteBuffer p) {
    int n = Short.toUnsignedInt(p.getShort());
    if (n > p.remaining()) {
      throw new java.nio.BufferUnderflowException();
    }
    String s = new String(p.array(), p.arrayOffset() + p.position(), n, StandardCharsets.UTF_8);
    p.position(p.position() + n);
    return s;
  }

  static byte[] utf8(String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    if (bytes.length > Short.MAX_VALUE) {
      throw new IllegalArgumentException("a name of " + bytes.length + " bytes is too long");
    }
    return bytes;
  }

  private static ByteBuffer frame(int payloadBytes) {
    if (payloadBytes > MAX_PAYLOAD_BYTES) {
      throw new IllegalArgumentException("a write of " + payloadBytes + " bytes is too large");
    }
    ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES + payloadBytes);
    b.putInt(payloadBytes).putInt(0);
    return b;
  }

  private static byte[] seal(ByteBuffer b) {
    byte[] a = b.array();
    CRC32 crc = new CRC32();
    crc.update(a, HEADER_BYTES, a.length - HEADER_BYTES);
    ByteBuffer.wrap(a, 4, 4).putInt((int) crc.getValue());
    return a;
  }
}

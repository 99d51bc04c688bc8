package io.liqopt.serving.book;

import io.liqopt.core.position.PositionBook;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The snapshot of a whole book (layout in {@code package-info}): its positions with the generation
 * of the log that follows it, checksummed as a whole.
 */
final class BookSnapshot {
  /** "LQBS". */
  static final int MAGIC = 0x4c51_4253;

  /** The format this code writes (and the only one it reads). */
  static final int FORMAT = 1;

  private BookSnapshot() {}

  /** The snapshot of {@code book}, followed by the log of generation {@code generation}. */
  static byte[] encode(long generation, PositionBook book) {
    List<String> assets = book.assets();
    byte[][] names = new byte[assets.size()][];
    int size = 4 + 4 + 8 + 4;
    for (int j = 0; j < names.length; j++) {
      names[j] = BookRecords.utf8(assets.get(j));
      size += 2 + names[j].length;
    }
    Grow out = new Grow(size + 8 + 48 * book.size() + 4);
    out.b.putInt(MAGIC).putInt(FORMAT).putLong(generation).putInt(names.length);
    for (byte[] n : names) {
      out.b.putShort((short) n.length).put(n);
    }
    out.b.putLong(book.size());
    book.forEachStored(
        (id, version, a, q, debt) -> {
          byte[] idBytes = BookRecords.utf8(id);
          out.room(2 + idBytes.length + 8 + 8 + 2 + a.length * 10);
          out.b.putShort((short) idBytes.length).put(idBytes);
          out.b.putLong(version).putDouble(debt).putShort((short) a.length);
          for (int k = 0; k < a.length; k++) {
            out.b.putShort((short) a[k]).putDouble(q[k]);
          }
        });
    out.room(4);
    CRC32 crc = new CRC32();
    crc.update(out.b.array(), 0, out.b.position());
    out.b.putInt((int) crc.getValue());
    return Arrays.copyOf(out.b.array(), out.b.position());
  }

  /**
   * Reads the snapshot in {@code file} into {@code book}.
   *
   * @return the generation of the log that follows it
   * @throws IOException in one line naming the file (and byte offset) when it is damaged, of
   *     another format, or holds a position the book refuses (an asset it does not hold)
   */
  static long read(Path file, PositionBook book) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    if (bytes.length < 4 + 4 + 8 + 4 + 8 + 4) {
      throw corrupt(file, 0, "too short (" + bytes.length + " bytes)");
    }
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, bytes.length - 4);
    ByteBuffer b = ByteBuffer.wrap(bytes);
    if (b.getInt(bytes.length - 4) != (int) crc.getValue()) {
      throw corrupt(file, bytes.length - 4, "checksum mismatch");
    }
    b.limit(bytes.length - 4);
    if (b.getInt() != MAGIC) {
      throw corrupt(file, 0, "not a position book snapshot");
    }
    int format = b.getInt();
    if (format != FORMAT) {
      throw corrupt(file, 4, "format " + format + ", this version reads " + FORMAT);
    }
    long generation = b.getLong();
    int at = 0;
    try {
      List<String> assets = new ArrayList<>();
      for (int j = b.getInt(); j > 0; j--) {
        assets.add(BookRecords.string(b));
      }
      long count = b.getLong();
      for (long i = 0; i < count; i++) {
        at = b.position();
        readPosition(b, assets, book);
      }
      if (b.hasRemaining()) {
        throw new IllegalArgumentException(b.remaining() + " bytes after the last position");
      }
    } catch (BufferUnderflowException e) {
      throw corrupt(file, b.position(), "ends inside a position");
    } catch (IllegalArgumentException e) {
      throw new IOException(
          "cannot load position book snapshot "
              + file
              + ": the position at byte offset "
              + at
              + " is refused: "
              + e.getMessage(),
          e);
    }
    return generation;
  }

  private static void readPosition(ByteBuffer b, List<String> assets, PositionBook book) {
    String id = BookRecords.string(b);
    long version = b.getLong();
    double debt = b.getDouble();
    int n = b.getShort();
    List<String> symbols = new ArrayList<>(Math.max(0, n));
    double[] quantities = new double[Math.max(0, n)];
    for (int k = 0; k < n; k++) {
      int j = Short.toUnsignedInt(b.getShort());
      if (j >= assets.size()) {
        throw new IllegalArgumentException("asset index " + j + " of " + id + " out of range");
      }
      symbols.add(assets.get(j));
      quantities[k] = b.getDouble();
    }
    book.put(id, version, symbols, quantities, debt);
  }

  private static IOException corrupt(Path file, int offset, String why) {
    return new IOException(
        "corrupt position book snapshot " + file + " at byte offset " + offset + ": " + why);
  }

  /** A growing buffer (the book's size is a good first guess). */
  private static final class Grow {
    ByteBuffer b;

    Grow(int capacity) {
      b = ByteBuffer.allocate(capacity);
    }

    void room(int bytes) {
      if (b.remaining() < bytes) {
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(b.capacity() * 2, b.position() + bytes));
        b.flip();
        bigger.put(b);
        b = bigger;
      }
    }
  }
}

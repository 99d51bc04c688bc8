package io.liqopt.core.market.store;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/**
 * A Parquet input over bytes already in memory. Store files are small (a few MB per symbol and
 * interval), and reading one in a single call avoids the many small positioned reads parquet-mr
 * makes on a file stream.
 */
final class InMemoryInputFile implements InputFile {
  private final byte[] bytes;

  InMemoryInputFile(byte[] bytes) {
    this.bytes = bytes;
  }

  @Override
  public long getLength() {
    return bytes.length;
  }

  @Override
  public SeekableInputStream newStream() {
    return new Stream();
  }

  private final class Stream extends SeekableInputStream {
    private int pos;

    @Override
    public long getPos() {
      return pos;
    }

    @Override
    public void seek(long newPos) throws IOException {
      if (newPos < 0 || newPos > bytes.length) {
        throw new EOFException("seek to " + newPos + " outside 0.." + bytes.length);
      }
      pos = (int) newPos;
    }

    @Override
    public int read() {
      return pos < bytes.length ? bytes[pos++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (pos >= bytes.length) {
        return len == 0 ? 0 : -1;
      }
      int n = Math.min(len, bytes.length - pos);
      System.arraycopy(bytes, pos, b, off, n);
      pos += n;
      return n;
    }

    @Override
    public void readFully(byte[] b) throws IOException {
      readFully(b, 0, b.length);
    }

    @Override
    public void readFully(byte[] b, int off, int len) throws IOException {
      if (len > bytes.length - pos) {
        throw new EOFException("truncated file: " + len + " bytes wanted at " + pos);
      }
      System.arraycopy(bytes, pos, b, off, len);
      pos += len;
    }

    @Override
    public int read(ByteBuffer buf) {
      if (pos >= bytes.length) {
        return buf.hasRemaining() ? -1 : 0;
      }
      int n = Math.min(buf.remaining(), bytes.length - pos);
      buf.put(bytes, pos, n);
      pos += n;
      return n;
    }

    @Override
    public void readFully(ByteBuffer buf) throws IOException {
      if (buf.remaining() > bytes.length - pos) {
        throw new EOFException("truncated file: " + buf.remaining() + " bytes wanted at " + pos);
      }
      int n = buf.remaining();
      buf.put(bytes, pos, n);
      pos += n;
    }

    @Override
    public long skip(long n) {
      long k = Math.max(0, Math.min(n, bytes.length - pos));
      pos += (int) k;
      return k;
    }

    @Override
    public int available() {
      return bytes.length - pos;
    }
  }

}

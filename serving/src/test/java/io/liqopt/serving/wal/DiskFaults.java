package io.liqopt.serving.wal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;

/**
 * A disk that fails on demand, for the bar log's segments: opens them as {@link
 * SegmentOpener#FILES} does, wrapped in channels that obey the faults set here. A full disk takes
 * the bytes it has room for, then refuses writes ("No space left on device"); truncation still
 * works, as it frees space. A failing fsync fails every {@code force}. The state is shared by every
 * channel opened, and may be changed by any thread.
 */
public final class DiskFaults implements SegmentOpener {
  /** No limit on the bytes written. */
  private static final long UNLIMITED = Long.MAX_VALUE;

  private volatile long bytesLeft = UNLIMITED;
  private volatile boolean fsyncFails;
  private volatile boolean truncateFails;

  /** From now on, the disk takes {@code bytes} more bytes, then refuses writes. */
  public void diskFull(long bytes) {
    bytesLeft = bytes;
  }

  /** Every fsync fails from now on, or works again. */
  public void fsyncFails(boolean fails) {
    fsyncFails = fails;
  }

  /** Every truncation fails from now on, or works again. */
  public void truncateFails(boolean fails) {
    truncateFails = fails;
  }

  /** The disk has room again; the other faults stay. */
  public void room() {
    bytesLeft = UNLIMITED;
  }

  /** The disk has room again and works. */
  public void healed() {
    bytesLeft = UNLIMITED;
    fsyncFails = false;
    truncateFails = false;
  }

  @Override
  public FileChannel open(Path segment) throws IOException {
    return new Channel(FILES.open(segment));
  }

  /** Takes up to {@code wanted} bytes of the disk's room; throws when there is none. */
  private synchronized int take(int wanted) throws IOException {
    if (bytesLeft == UNLIMITED) {
      return wanted;
    }
    if (bytesLeft == 0 && wanted > 0) {
      throw new IOException("No space left on device (injected)");
    }
    int n = (int) Math.min(wanted, bytesLeft);
    bytesLeft -= n;
    return n;
  }

  /** A segment's channel: the real one, behind the faults. */
  private final class Channel extends FileChannel {
    private final FileChannel file;

    Channel(FileChannel file) {
      this.file = file;
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
      int n = take(src.remaining());
      ByteBuffer part = src.slice().limit(n);
      int written = file.write(part, position);
      src.position(src.position() + written);
      return written;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
      int written = write(src, file.position());
      file.position(file.position() + written);
      return written;
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
      long written = 0;
      for (int i = offset; i < offset + length; i++) {
        written += write(srcs[i]);
      }
      return written;
    }

    @Override
    public void force(boolean metaData) throws IOException {
      if (fsyncFails) {
        throw new IOException("Input/output error (injected fsync failure)");
      }
      file.force(metaData);
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
      if (truncateFails) {
        throw new IOException("Input/output error (injected truncate failure)");
      }
      file.truncate(size);
      return this;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
      return file.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
      return file.read(dsts, offset, length);
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
      return file.read(dst, position);
    }

    @Override
    public long position() throws IOException {
      return file.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
      file.position(newPosition);
      return this;
    }

    @Override
    public long size() throws IOException {
      return file.size();
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) {
      throw new UnsupportedOperationException("not used by the bar log");
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) {
      throw new UnsupportedOperationException("not used by the bar log");
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) {
      throw new UnsupportedOperationException("not used by the bar log");
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) {
      throw new UnsupportedOperationException("not used by the bar log");
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) {
      throw new UnsupportedOperationException("not used by the bar log");
    }

    @Override
    protected void implCloseChannel() throws IOException {
      file.close();
    }
  }
}

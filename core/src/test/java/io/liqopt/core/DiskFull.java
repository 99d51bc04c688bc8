package io.liqopt.core;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A disk that fills up, for the tests of writes outside the write-ahead log: a {@link FileSink} on
 * the real file system whose streams throw {@code IOException("No space left on device")} once the
 * bytes written through it (all its streams together) pass the space left. {@link #free} gives
 * space back, as an operator deleting files would.
 */
public final class DiskFull implements FileSink {
  /** The message of Linux's ENOSPC, as the JDK reports it. */
  public static final String MESSAGE = "No space left on device";

  private final AtomicLong bytesLeft;

  private DiskFull(long bytesLeft) {
    this.bytesLeft = new AtomicLong(bytesLeft);
  }

  /** A disk with {@code bytes} of space left. */
  public static DiskFull after(long bytes) {
    return new DiskFull(bytes);
  }

  /** Makes the disk roomy again. */
  public void free() {
    bytesLeft.set(Long.MAX_VALUE / 2);
  }

  @Override
  public OutputStream create(Path file) throws IOException {
    return limited(FileSink.FILES.create(file));
  }

  /** As the real disk's in-place overwrite: the bytes past those written stay. */
  @Override
  public OutputStream overwrite(Path file) throws IOException {
    return limited(FileSink.FILES.overwrite(file));
  }

  private OutputStream limited(OutputStream out) {
    return new FilterOutputStream(out) {
      @Override
      public void write(int b) throws IOException {
        take(1);
        out.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        long left = bytesLeft.get();
        if (left < len) {
          out.write(b, off, (int) Math.max(0, left)); // what fits, as a real disk writes
          bytesLeft.set(0);
          throw new IOException(MESSAGE);
        }
        take(len);
        out.write(b, off, len);
      }
    };
  }

  private void take(long n) throws IOException {
    if (bytesLeft.addAndGet(-n) < 0) {
      bytesLeft.set(0);
      throw new IOException(MESSAGE);
    }
  }
}

package io.liqopt.serving.api;

import java.io.ByteArrayOutputStream;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/** A byte buffer that refuses to grow past a limit: a write beyond it throws {@link Overflow}. */
final class BoundedBytes extends ByteArrayOutputStream {
  private final long limit;
  private final AtomicLong shared;

  BoundedBytes(long limit) {
    this(limit, 8192);
  }

  /** A buffer of {@code initial} bytes to start with (at most the limit, and at most 64 MiB). */
  BoundedBytes(long limit, long initial) {
    this(null, limit, initial);
  }

  /**
   * A buffer of several that write one answer at once: the bytes all of them hold, counted in
   * {@code shared}, may not pass {@code limit} (null: this buffer's own bytes).
   */
  BoundedBytes(AtomicLong shared, long limit, long initial) {
    super((int) Math.max(1, Math.min(Math.min(limit, initial), 64L << 20)));
    this.limit = limit;
    this.shared = shared;
  }

  @Override
  public synchronized void write(int b) {
    check(1);
    super.write(b);
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) {
    check(len);
    super.write(b, off, len);
  }

  /** Copies {@code len} bytes from offset {@code from} into {@code dst} at {@code at}. */
  synchronized void copyTo(int from, int len, byte[] dst, int at) {
    Objects.checkFromIndexSize(from, len, count);
    System.arraycopy(buf, from, dst, at, len);
  }

  private void check(int more) {
    if (shared != null ? shared.addAndGet(more) > limit : (long) count + more > limit) {
      throw new Overflow();
    }
  }

  /** The content would pass the limit. */
  static final class Overflow extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Overflow() {
      super("over the limit", null, false, false);
    }
  }

  /** Whether {@code e} or one of its causes is an {@link Overflow}. */
  static boolean overflowed(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof Overflow) {
        return true;
      }
    }
    return false;
  }
}

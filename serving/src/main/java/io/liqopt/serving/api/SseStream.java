package io.liqopt.serving.api;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;

/**
 * One Server-Sent Events connection, written without a thread of its own: frames wait in a bounded
 * queue and are written through the servlet's non-blocking output ({@link WriteListener}) by the
 * thread that has them — the one that appended the event, when the connection takes it at once, or
 * the container's, when the connection becomes writable again. An event therefore reaches a client
 * that keeps up without a hand-off to another thread (on a busy 2-core machine, a test build that
 * skipped the woken writer thread took about 1.5 ms off a tick's p99), and a client that stops
 * reading holds up nobody: its frames wait until {@code capacity} of them, or {@code capacityBytes}
 * of them, are queued, then the queue is replaced by one {@code overflow} event and the stream is
 * closed once that is written (or when the connection's idle timeout ends it). Thread-safe.
 */
final class SseStream implements WriteListener {
  /** The event that tells a client it fell too far behind. */
  static final byte[] OVERFLOW = event("overflow", "{\"reconnectWithLastEventId\":true}", null);

  private final ServletOutputStream out;
  private final int capacity;
  private final long capacityBytes;
  private final Runnable onEnd;
  private final ArrayDeque<byte[]> pending = new ArrayDeque<>();
  private int firstLeft; // frames of start's at the head of pending (not counted in capacity)
  private long liveBytes; // bytes of the frames after those
  private boolean writable; // the listener was set and called once: writes are non-blocking
  private boolean unflushed; // bytes written since the last flush
  private boolean closing; // overflowed: nothing more is queued, ended once the queue is written
  private boolean ended;

  /**
   * A stream over {@code out} (of a started async request), holding at most {@code capacity} live
   * frames and {@code capacityBytes} of them; {@code onEnd} runs once, off this stream's lock, when
   * it ends (written to the end after an overflow, or a write failed).
   */
  SseStream(ServletOutputStream out, int capacity, long capacityBytes, Runnable onEnd) {
    this.out = out;
    this.capacity = capacity;
    this.capacityBytes = capacityBytes;
    this.onEnd = onEnd;
  }

  /**
   * Puts {@code first} (the snapshot, the replay and the comment that ends it) before any frame
   * offered so far and starts writing: the container calls {@link #onWritePossible} once the
   * connection can take bytes.
   */
  void start(List<byte[]> first) {
    synchronized (this) {
      for (int i = first.size() - 1; i >= 0; i--) {
        pending.addFirst(first.get(i));
      }
      firstLeft = first.size();
    }
    try {
      out.setWriteListener(this);
    } catch (RuntimeException e) {
      onError(e); // not an async request, or a listener already set: the stream cannot start
    }
  }

  /** Queues {@code frame} and writes what the connection takes now (nothing after an overflow). */
  void offer(byte[] frame) {
    boolean end;
    synchronized (this) {
      if (closing || ended) {
        return;
      }
      if (pending.size() - firstLeft >= capacity || liveBytes + frame.length > capacityBytes) {
        pending.clear(); // the client reconnects with its last id and is replayed what it missed
        firstLeft = 0;
        liveBytes = 0;
        pending.add(OVERFLOW);
        closing = true;
      } else {
        pending.add(frame);
        liveBytes += frame.length;
      }
      end = writable && drain();
    }
    if (end) {
      onEnd.run();
    }
  }

  @Override
  public void onWritePossible() {
    boolean end;
    synchronized (this) {
      writable = true;
      end = drain();
    }
    if (end) {
      onEnd.run();
    }
  }

  @Override
  public void onError(Throwable t) {
    boolean end;
    synchronized (this) {
      end = endNow();
    }
    if (end) {
      onEnd.run();
    }
  }

  /**
   * Writes queued frames while the connection takes them, then flushes; true when the stream has
   * just ended (the caller runs {@code onEnd} off the lock).
   */
  private boolean drain() {
    if (ended) {
      return false;
    }
    try {
      while (out.isReady()) {
        byte[] f = pending.poll();
        if (f != null) {
          if (firstLeft > 0) {
            firstLeft--;
          } else if (f != OVERFLOW) {
            liveBytes -= f.length;
          }
          out.write(f);
          unflushed = true;
        } else if (unflushed) {
          unflushed = false;
          out.flush();
        } else {
          return closing && endNow();
        }
      }
      return false; // the container calls onWritePossible when the connection takes more
    } catch (IOException | RuntimeException e) {
      return endNow(); // the client went away, or the connection was closed under us
    }
  }

  private boolean endNow() {
    if (ended) {
      return false;
    }
    ended = true;
    pending.clear();
    firstLeft = 0;
    liveBytes = 0;
    return true;
  }

  /** An event frame: {@code id:} (when not null), {@code event:}, one {@code data:} per line. */
  static byte[] event(String type, String data, String id) {
    StringBuilder b = new StringBuilder(data.length() + type.length() + 40);
    if (id != null) {
      b.append("id: ").append(oneLine(id)).append('\n');
    }
    b.append("event: ").append(oneLine(type)).append('\n');
    if (data.indexOf('\n') < 0 && data.indexOf('\r') < 0) {
      b.append("data: ").append(data).append('\n'); // an event's JSON: one line
    } else {
      for (String line : data.split("\r\n|\r|\n", -1)) {
        b.append("data: ").append(line).append('\n');
      }
    }
    return b.append('\n').toString().getBytes(StandardCharsets.UTF_8);
  }

  /** A comment frame, {@code : text} (ignored by clients; keeps the connection alive). */
  static byte[] comment(String text) {
    return (": " + oneLine(text) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  private static String oneLine(String s) {
    return s.replace("\r", "").replace("\n", "");
  }
}

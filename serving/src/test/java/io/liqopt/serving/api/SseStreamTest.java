package io.liqopt.serving.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@link SseStream} against a servlet output whose readiness the test sets: nothing is written
 * before the container says the connection is writable, the replay goes before live frames, a
 * connection that stops taking bytes holds frames up to the capacity and then gets the overflow
 * event alone, and a failed write ends the stream once.
 */
class SseStreamTest {
  /** A non-blocking output: writes while ready, flushes counted, a write can be made to fail. */
  static class Output extends ServletOutputStream {
    final ByteArrayOutputStream written = new ByteArrayOutputStream();
    WriteListener listener;
    boolean ready = true;
    boolean fail;
    int flushes;

    @Override
    public boolean isReady() {
      return ready;
    }

    @Override
    public void setWriteListener(WriteListener l) {
      listener = l;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (listener == null) {
        throw new IllegalStateException("a blocking write: no listener set");
      }
      if (!ready) {
        throw new IllegalStateException("written while not ready");
      }
      if (fail) {
        throw new IOException("broken pipe");
      }
      written.write(b, off, len);
    }

    @Override
    public void flush() {
      if (!ready) {
        throw new IllegalStateException("flushed while not ready");
      }
      flushes++;
    }

    String text() {
      return written.toString(StandardCharsets.UTF_8);
    }

    /** The connection drains: ready again, and the container tells the listener. */
    void drained() throws IOException {
      ready = true;
      listener.onWritePossible();
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void replayFirstThenLive_nothingWrittenBeforeTheContainerSaysWritable() throws IOException {
    Output out = new Output();
    AtomicInteger ended = new AtomicInteger();
    SseStream s = new SseStream(out, 8, 1 << 20, ended::incrementAndGet);
    s.offer(bytes("live1\n")); // subscribed before the replay was made
    s.start(List.of(bytes("snap\n"), bytes("old\n")));
    s.offer(bytes("live2\n"));
    assertEquals("", out.text(), "nothing before onWritePossible");
    out.listener.onWritePossible();
    assertEquals("snap\nold\nlive1\nlive2\n", out.text());
    assertEquals(1, out.flushes);
    s.offer(bytes("live3\n")); // written at once by the offering thread, and flushed
    assertEquals("snap\nold\nlive1\nlive2\nlive3\n", out.text());
    assertEquals(2, out.flushes);
    assertEquals(0, ended.get());
  }

  @Test
  void aClientThatStopsReading_framesWaitUpToTheCapacity_thenTheOverflowEventAloneAndTheEnd()
      throws IOException {
    Output out = new Output();
    AtomicInteger ended = new AtomicInteger();
    // the replay is not counted against the capacity
    SseStream s = new SseStream(out, 3, 1 << 20, ended::incrementAndGet);
    s.start(List.of(bytes("r1\n"), bytes("r2\n"), bytes("r3\n"), bytes("r4\n")));
    out.ready = false; // the client stopped reading before the first write
    out.listener.onWritePossible(); // (a spurious call changes nothing while not ready)
    for (int i = 1; i <= 3; i++) {
      s.offer(bytes("e" + i + "\n"));
    }
    assertEquals("", out.text());
    out.drained();
    assertEquals("r1\nr2\nr3\nr4\ne1\ne2\ne3\n", out.text(), "within the capacity: all kept");
    out.written.reset();
    out.ready = false;
    for (int i = 4; i <= 7; i++) { // the fourth live frame behind overflows
      s.offer(bytes("e" + i + "\n"));
    }
    s.offer(bytes("after\n")); // nothing more is queued once overflowed
    assertEquals(0, ended.get(), "ended only once the overflow event is written");
    out.drained();
    assertEquals(new String(SseStream.OVERFLOW, StandardCharsets.UTF_8), out.text());
    assertEquals(1, ended.get());
    s.offer(bytes("later\n"));
    out.listener.onWritePossible();
    assertEquals(new String(SseStream.OVERFLOW, StandardCharsets.UTF_8), out.text());
    assertEquals(1, ended.get());
  }

  @Test
  void theBacklogIsBoundedInBytesToo_theReplayNotCounted() throws IOException {
    Output out = new Output();
    AtomicInteger ended = new AtomicInteger();
    SseStream s = new SseStream(out, 100, 9, ended::incrementAndGet);
    s.start(List.of(bytes("replay-longer-than-nine\n")));
    out.ready = false;
    out.listener.onWritePossible();
    s.offer(bytes("e1\n"));
    s.offer(bytes("e2\n"));
    s.offer(bytes("e3\n")); // 9 bytes behind: at the bound
    out.drained();
    assertEquals("replay-longer-than-nine\ne1\ne2\ne3\n", out.text(), "within the bound");
    out.written.reset();
    out.ready = false;
    for (int i = 4; i <= 7; i++) { // the fourth frame of 3 bytes passes 9
      s.offer(bytes("e" + i + "\n"));
    }
    out.drained();
    assertEquals(new String(SseStream.OVERFLOW, StandardCharsets.UTF_8), out.text());
    assertEquals(1, ended.get());
  }

  @Test
  void aFailedWriteEndsTheStreamOnce() throws IOException {
    Output out = new Output();
    AtomicInteger ended = new AtomicInteger();
    SseStream s = new SseStream(out, 8, 1 << 20, ended::incrementAndGet);
    s.start(List.of());
    out.listener.onWritePossible();
    out.fail = true;
    s.offer(bytes("x\n"));
    assertEquals(1, ended.get());
    s.offer(bytes("y\n"));
    s.onError(new IOException("reset"));
    assertEquals(1, ended.get());
  }

  @Test
  void aStreamThatCannotStart_ends() {
    Output out =
        new Output() {
          @Override
          public void setWriteListener(WriteListener l) {
            throw new IllegalStateException("not an async request");
          }
        };
    AtomicInteger ended = new AtomicInteger();
    SseStream s = new SseStream(out, 8, 1 << 20, ended::incrementAndGet);
    s.start(List.of(bytes("snap\n")));
    assertEquals(1, ended.get());
    s.offer(bytes("x\n"));
    assertEquals("", out.text());
  }

  @Test
  void anErrorFromTheContainerEndsTheStream() {
    Output out = new Output();
    AtomicInteger ended = new AtomicInteger();
    SseStream s = new SseStream(out, 8, 1 << 20, ended::incrementAndGet);
    s.start(List.of());
    s.onError(new IOException("idle timeout"));
    assertEquals(1, ended.get());
  }

  @Test
  void frames_inTheEventStreamFormat() {
    assertEquals(
        "id: 7\nevent: thresholds\ndata: {\"a\":1}\n\n",
        new String(SseStream.event("thresholds", "{\"a\":1}", "7"), StandardCharsets.UTF_8));
    assertEquals(
        "event: snap\ndata: {\ndata: }\n\n",
        new String(SseStream.event("snap", "{\r\n}", null), StandardCharsets.UTF_8));
    assertEquals(
        ": caught-up\n", new String(SseStream.comment("caught-\nup"), StandardCharsets.UTF_8));
    String overflow = new String(SseStream.OVERFLOW, StandardCharsets.UTF_8);
    assertTrue(overflow.startsWith("event: overflow"), overflow);
    Output out = new Output();
    assertThrows(IllegalStateException.class, () -> out.write(1), "the fake refuses blocking use");
  }
}

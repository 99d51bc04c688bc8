package io.liqopt.serving.api;

import io.javalin.http.Context;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.eclipse.jetty.ee10.servlet.ServletChannel;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;

/**
 * Reads, and drops, the rest of a request body the app answered without reading it all: an unknown
 * route (404), a wrong method (405), a wrong Content-Type (415), a refused token (401, 403), a body
 * over the limit (413), any problem of a before-handler or exception mapper. Run by the app's one
 * after-handler, so before Javalin writes the answer, for every route.
 *
 * <p>Why read what is refused: Jetty, completing an answer with request bytes still unread, reads
 * what has arrived and then closes the connection; a socket closed with unread bytes, or receiving
 * more of the body after the close, is reset by the kernel, and the reset can destroy the answer on
 * its way (the client sees a dropped connection instead of its 4xx). A body is therefore read to
 * its end, bounded in bytes ({@link #discardBound}) and in time ({@link #READ_TIMEOUT_MS} per read,
 * {@link #DRAIN_TIMEOUT_MS} in all); past a bound the answer says {@code Connection: close} and its
 * client may not see it. The time bound is also what a client writing slowly can hold a request
 * thread for, refused or not: kept short on purpose. A client waiting for a {@code 100 Continue}
 * has sent nothing: it is not read (reading would send the 100), and Jetty answers it with {@code
 * Connection: close}.
 *
 * <p>Thread-safe: no state.
 */
final class UnreadBodies {
  /** The bound of a drained body, as a multiple of the body limit. */
  static final long DISCARD_FACTOR = 4;

  /** The bound of a drained body, however small the limit: 4 MiB. */
  static final long MIN_DISCARD_BYTES = 4L << 20;

  /** The longest wait for the next bytes of a drained body, in milliseconds. */
  static final long READ_TIMEOUT_MS = 1_000;

  /** The longest drain of one body, in milliseconds. */
  static final long DRAIN_TIMEOUT_MS = 5_000;

  private static final int BUFFER_BYTES = 8192;

  private UnreadBodies() {}

  /**
   * The most bytes of a body that are drained after the answer is known: {@value #DISCARD_FACTOR}
   * times the limit {@code maxBodyBytes}, at least {@value #MIN_DISCARD_BYTES} bytes.
   */
  static long discardBound(long maxBodyBytes) {
    return Math.max(DISCARD_FACTOR * maxBodyBytes, MIN_DISCARD_BYTES);
  }

  /**
   * Drains the unread rest of the body of {@code ctx} (see the class comment); never throws. A body
   * not drained to its end leaves the answer with {@code Connection: close}.
   *
   * @param maxBodyBytes the body limit, which scales the drain bound
   */
  static void drain(Context ctx, long maxBodyBytes) {
    HttpServletRequest req = ctx.req();
    long declared = req.getContentLengthLong();
    if (declared == 0 || (declared < 0 && req.getHeader("Transfer-Encoding") == null)) {
      return; // no body
    }
    ServletContextRequest jetty = ServletContextRequest.getServletContextRequest(req);
    if (awaitsContinue(req, jetty)) {
      return;
    }
    try {
      ServletInputStream in = req.getInputStream();
      if (in.isFinished()) {
        return;
      }
      if (declared > discardBound(maxBodyBytes) || !readToEnd(jetty, in, maxBodyBytes)) {
        ctx.header("Connection", "close");
      }
    } catch (IOException | RuntimeException e) {
      // the client stopped sending, or sent a broken body: the answer stays as it is
      ctx.header("Connection", "close");
    }
  }

  /**
   * Whether the client sent {@code Expect: 100-continue} and still waits for the 100: no body byte
   * has been read. Asked of Jetty's input directly, since the servlet API's {@code getInputStream}
   * sends the 100 when first called.
   */
  private static boolean awaitsContinue(HttpServletRequest req, ServletContextRequest jetty) {
    String expect = req.getHeader("Expect");
    if (expect == null || !expect.strip().equalsIgnoreCase("100-continue")) {
      return false;
    }
    return jetty == null || jetty.getHttpInput().getContentConsumed() == 0;
  }

  /**
   * Reads {@code in} to its end, at most {@link #discardBound} bytes and {@link #DRAIN_TIMEOUT_MS};
   * each read waits at most {@link #READ_TIMEOUT_MS} (the connection's idle timeout, restored).
   *
   * @return whether the end was reached
   */
  private static boolean readToEnd(
      ServletContextRequest jetty, ServletInputStream in, long maxBodyBytes) throws IOException {
    ServletChannel channel = jetty == null ? null : jetty.getServletChannel();
    long idleTimeoutMs = channel == null ? 0 : channel.getIdleTimeout();
    if (channel != null && (idleTimeoutMs <= 0 || idleTimeoutMs > READ_TIMEOUT_MS)) {
      channel.setIdleTimeout(READ_TIMEOUT_MS);
    }
    try {
      long bound = discardBound(maxBodyBytes);
      long deadlineNanos = System.nanoTime() + DRAIN_TIMEOUT_MS * 1_000_000L;
      byte[] scratch = new byte[BUFFER_BYTES];
      long total = 0;
      while (total <= bound && System.nanoTime() - deadlineNanos < 0) {
        int n = in.read(scratch);
        if (n < 0) {
          return true;
        }
        total += n;
      }
      return false;
    } finally {
      if (channel != null) {
        channel.setIdleTimeout(idleTimeoutMs);
      }
    }
  }
}

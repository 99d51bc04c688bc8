package io.liqopt.benchmarks;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One keep-alive HTTP/1.1 connection over a plain socket: writes a pre-built request, reads the
 * response (Content-Length or chunked). Deliberately minimal, so that the load generator costs
 * little next to the server it measures (no client-side pools, futures or header maps).
 */
final class HttpConn implements Closeable {
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  // the last answer's Server-Timing header ("app;dur=MS, read;dur=MS, ..."), or null
  private String serverTiming;

  HttpConn(String host, int port) throws IOException {
    socket = new Socket();
    socket.setTcpNoDelay(true);
    socket.connect(new InetSocketAddress(host, port), 5_000);
    socket.setSoTimeout(30_000);
    in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
    out = socket.getOutputStream();
  }

  /** A complete request: {@code body} may be null (then no Content-Type either). */
  static byte[] request(
      String method, String host, int port, String path, byte[] body, String... headers) {
    byte[] head = head(method, host, port, path, body == null ? -1 : body.length, headers);
    if (body == null) {
      return head;
    }
    byte[] all = new byte[head.length + body.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(body, 0, all, head.length, body.length);
    return all;
  }

  /**
   * A request's head; with a JSON body of {@code bodyLength} bytes (none when negative), its
   * Content-Type and Content-Length too.
   */
  static byte[] head(
      String method, String host, int port, String path, int bodyLength, String... headers) {
    StringBuilder sb = new StringBuilder();
    sb.append(method)
        .append(' ')
        .append(path)
        .append(" HTTP/1.1\r\n")
        .append("Host: ")
        .append(host)
        .append(':')
        .append(port)
        .append("\r\n");
    for (String h : headers) {
      sb.append(h).append("\r\n");
    }
    if (bodyLength >= 0) {
      sb.append("Content-Type: application/json\r\nContent-Length: ")
          .append(bodyLength)
          .append("\r\n");
    }
    sb.append("\r\n");
    return sb.toString().getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Sends {@code request} and reads the whole response.
   *
   * @param body receives the response body when not null (otherwise it is skipped)
   * @return the status code
   */
  int exchange(byte[] request, ByteArrayOutputStream body) throws IOException {
    return exchange(request, null, 0, body);
  }

  /**
   * As {@link #exchange(byte[], ByteArrayOutputStream)} for a request whose head ({@link #head})
   * and body are sent apart, so that a client reusing one body buffer does not copy it into a new
   * array per request.
   */
  int exchange(byte[] head, byte[] body, int bodyLength, ByteArrayOutputStream response)
      throws IOException {
    out.write(head);
    if (body != null) {
      out.write(body, 0, bodyLength);
    }
    out.flush();
    return readResponse(response);
  }

  private int readResponse(ByteArrayOutputStream body) throws IOException {
    String status = line();
    if (!status.startsWith("HTTP/1.")) {
      throw new IOException("not an HTTP response: " + status);
    }
    int code = Integer.parseInt(status.substring(9, 12));
    long length = -1;
    boolean chunked = false;
    boolean close = false;
    serverTiming = null;
    for (String h = line(); !h.isEmpty(); h = line()) {
      String lower = h.toLowerCase(Locale.ROOT);
      if (lower.startsWith("server-timing:")) {
        serverTiming = lower.substring(14).trim();
      } else if (lower.startsWith("content-length:")) {
        length = Long.parseLong(h.substring(15).trim());
      } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
        chunked = true;
      } else if (lower.startsWith("connection:") && lower.contains("close")) {
        close = true;
      }
    }
    if (chunked) {
      for (long n = Long.parseLong(line().split(";")[0].trim(), 16);
          n > 0;
          n = Long.parseLong(line().split(";")[0].trim(), 16)) {
        copy(n, body);
        line();
      }
      for (String t = line(); !t.isEmpty(); t = line()) {
        // trailers
      }
    } else if (length > 0) {
      copy(length, body);
    }
    if (close) {
      throw new IOException("the server closed the connection (status " + code + ")");
    }
    return code;
  }

  /**
   * The service's own time for the last answer read, from its {@code Server-Timing} header ({@code
   * app;dur=MILLISECONDS}), in nanoseconds; −1 when it had none.
   */
  long serverNanos() {
    return serverNanos("app");
  }

  /**
   * The duration of entry {@code name} of the last answer's {@code Server-Timing} header ({@code
   * app}, or a stage such as {@code read}), in nanoseconds; −1 when it had none.
   */
  long serverNanos(String name) {
    if (serverTiming == null) {
      return -1;
    }
    for (String entry : serverTiming.split(",")) {
      String e = entry.trim();
      if (e.startsWith(name + ";dur=")) {
        return Math.round(Double.parseDouble(e.substring(name.length() + 5)) * 1e6);
      }
    }
    return -1;
  }

  private void copy(long n, ByteArrayOutputStream body) throws IOException {
    byte[] buf = new byte[8192];
    while (n > 0) {
      int r = in.read(buf, 0, (int) Math.min(buf.length, n));
      if (r < 0) {
        throw new EOFException("response body cut short");
      }
      if (body != null) {
        body.write(buf, 0, r);
      }
      n -= r;
    }
  }

  private String line() throws IOException {
    return line(in);
  }

  /** One CRLF- or LF-ended line of {@code in}, without its end. */
  static String line(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder(64);
    int c;
    while ((c = in.read()) >= 0) {
      if (c == '\n') {
        int len = sb.length();
        return len > 0 && sb.charAt(len - 1) == '\r' ? sb.substring(0, len - 1) : sb.toString();
      }
      sb.append((char) c);
    }
    throw new EOFException("connection closed by the server");
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}

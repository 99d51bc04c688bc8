package io.liqopt.benchmarks;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * A Server-Sent Events stream read over a plain socket, line by line, as the bytes arrive (chunked
 * transfer decoded): the client half of the stream benchmarks, with no client library between the
 * socket and the timestamp.
 */
final class SseConn implements Closeable {
  private final Socket socket;
  private final InputStream in;
  private boolean chunked;

  /** Opens {@code path} on {@code host:port} and reads the response's headers. */
  SseConn(String host, int port, String path) throws IOException {
    socket = new Socket();
    socket.setTcpNoDelay(true);
    socket.connect(new InetSocketAddress(host, port), 5_000);
    in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
    socket
        .getOutputStream()
        .write(HttpConn.request("GET", host, port, path, null, "Accept: text/event-stream"));
    String status = rawLine();
    if (!status.startsWith("HTTP/1.1 200")) {
      throw new IOException("the stream answered " + status);
    }
    for (String h = rawLine(); !h.isEmpty(); h = rawLine()) {
      String lower = h.toLowerCase(Locale.ROOT);
      chunked |= lower.startsWith("transfer-encoding:") && lower.contains("chunked");
    }
  }

  /** Hands every line of the stream to {@code lines} until it ends or is closed. */
  void read(Consumer<String> lines) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    while (true) {
      long n = chunked ? Long.parseLong(rawLine().split(";")[0].trim(), 16) : Long.MAX_VALUE;
      if (n == 0) {
        return;
      }
      for (long k = 0; k < n; k++) {
        int c = in.read();
        if (c < 0) {
          return;
        }
        if (c == '\n') {
          lines.accept(line.toString(StandardCharsets.UTF_8));
          line.reset();
        } else if (c != '\r') {
          line.write(c);
        }
      }
      if (chunked) {
        rawLine();
      }
    }
  }

  private String rawLine() throws IOException {
    return HttpConn.line(in);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}

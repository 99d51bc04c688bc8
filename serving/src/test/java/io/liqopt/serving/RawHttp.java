package io.liqopt.serving;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A raw HTTP/1.1 client over a socket, one connection per request ({@code Connection: close}): it
 * sends what the JDK client refuses to (bad percent-escapes, control characters in headers, lying
 * Content-Length), so the tests can see what Jetty and the app answer to them.
 */
final class RawHttp {
  private RawHttp() {}

  /** How the body is framed. */
  enum Framing {
    /** A correct Content-Length. */
    LENGTH,
    /** Transfer-Encoding: chunked, so the server does not know the size up front. */
    CHUNKED,
    /** A Content-Length 10 bytes longer than the body (the client then stops sending). */
    LENGTH_TOO_LONG,
    /** No Content-Length and no chunking: an HTTP/1.1 request without a body. */
    NONE,
    /**
     * A correct Content-Length and {@code Expect: 100-continue}, and the body held back: what a
     * careful client (curl, for large bodies) does, so that a refusal on the declared length alone
     * arrives without the client writing into a connection the server is closing.
     */
    EXPECT_CONTINUE
  }

  /**
   * One request, sent as raw bytes.
   *
   * @param target the request target as it goes on the request line
   * @param headers extra header lines ({@code Name: value})
   * @param contentType the Content-Type, or null for none
   * @param body the body, or null for none
   */
  record Request(
      String method,
      String target,
      List<String> headers,
      String contentType,
      byte[] body,
      Framing framing) {

    /** A GET of {@code target} with no extra headers. */
    static Request get(String target) {
      return new Request("GET", target, List.of(), null, null, Framing.LENGTH);
    }

    /** Whether the request itself carries {@code text}, so that an echo of it is no leak. */
    boolean echoes(String text) {
      String all =
          target
              + headers
              + contentType
              + (body == null ? "" : new String(body, StandardCharsets.UTF_8));
      return all.contains(text);
    }

    byte[] bytes(URI base) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      StringBuilder head = new StringBuilder();
      head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
      head.append("Host: ")
          .append(base.getHost())
          .append(':')
          .append(base.getPort())
          .append("\r\nConnection: close\r\n");
      for (String h : headers) {
        head.append(h).append("\r\n");
      }
      if (contentType != null) {
        head.append("Content-Type: ").append(contentType).append("\r\n");
      }
      byte[] b = body == null ? new byte[0] : body;
      if (body != null) {
        switch (framing) {
          case LENGTH -> head.append("Content-Length: ").append(b.length).append("\r\n");
          case LENGTH_TOO_LONG ->
              head.append("Content-Length: ").append(b.length + 10).append("\r\n");
          case CHUNKED -> head.append("Transfer-Encoding: chunked\r\n");
          case EXPECT_CONTINUE ->
              head.append("Content-Length: ")
                  .append(b.length)
                  .append("\r\nExpect: 100-continue\r\n");
          case NONE -> {}
        }
      }
      head.append("\r\n");
      out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
      if (body != null && framing == Framing.CHUNKED) {
        for (int i = 0; i < b.length; i += 1000) {
          int n = Math.min(1000, b.length - i);
          out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
          out.write(b, i, n);
          out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      } else if (body != null && framing != Framing.NONE && framing != Framing.EXPECT_CONTINUE) {
        out.writeBytes(b);
      }
      return out.toByteArray();
    }

    @Override
    public String toString() {
      String b = body == null ? "(none)" : clip(new String(body, StandardCharsets.UTF_8));
      return method
          + " "
          + clip(target)
          + " headers="
          + headers.stream().map(RawHttp::clip).toList()
          + " content-type="
          + contentType
          + " framing="
          + framing
          + " body("
          + (body == null ? 0 : body.length)
          + " bytes)="
          + b;
    }
  }

  /** A response: status, headers (names in lower case, the first of each), body. */
  record Reply(int status, Map<String, String> headers, byte[] body) {
    String header(String name) {
      return headers.getOrDefault(name, "");
    }

    String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }

    /** As the JDK client's reply of {@link TestService}, for its assertions. */
    TestService.Reply simple() {
      return new TestService.Reply(status, header("content-type"), bodyText());
    }
  }

  /** Sends {@code r} to the server at {@code base} and reads the whole answer. */
  static Reply send(URI base, Request r) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
      s.setSoTimeout(30_000);
      OutputStream out = s.getOutputStream();
      try {
        out.write(r.bytes(base));
        out.flush();
        if (r.framing() == Framing.LENGTH_TOO_LONG) {
          s.shutdownOutput();
        }
      } catch (IOException e) {
        // the server may answer and close before it has read everything (e.g. 413, 431)
      }
      return parse(r, s.getInputStream().readAllBytes());
    } catch (IOException e) {
      throw new AssertionError("no answer (" + e + ") to " + r, e);
    }
  }

  /** Sends {@code r} to {@code server}. */
  static Reply send(Server server, Request r) {
    return send(URI.create(server.url()), r);
  }

  /**
   * One request with a body, on its own connection, the way a client that keeps writing does: the
   * head, then (at once, or only after a 100 when {@code expect}) the whole body, then the answer
   * read to the end. A write failure is ignored (the answer, if any, is still read), so that only a
   * lost answer fails; so does a connection that ends before an answer.
   *
   * @param headers extra header lines ({@code Name: value}), e.g. the Content-Type
   * @param chunked whether the body goes chunked (else with a Content-Length)
   * @param expect whether the head carries {@code Expect: 100-continue}
   * @param continueAllowed whether the server may answer {@code expect} with a 100 (else the answer
   *     is known from the head alone, and a 100 fails the request)
   */
  static TestService.Reply writeBody(
      URI base,
      String method,
      String path,
      List<String> headers,
      byte[] body,
      boolean chunked,
      boolean expect,
      boolean continueAllowed)
      throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
      s.setSoTimeout(30_000);
      OutputStream out = s.getOutputStream();
      InputStream in = s.getInputStream();
      StringBuilder head = new StringBuilder();
      head.append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
      head.append("Host: ").append(base.getHost()).append(':').append(base.getPort());
      head.append("\r\nConnection: close\r\n");
      for (String h : headers) {
        head.append(h).append("\r\n");
      }
      head.append(
          chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + body.length + "\r\n");
      head.append(expect ? "Expect: 100-continue\r\n" : "").append("\r\n");
      out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
      out.flush();
      if (expect) {
        String status = readHead(in);
        if (!status.startsWith("HTTP/1.1 100")) {
          return parseSimple(status, in.readAllBytes());
        }
        if (!continueAllowed) {
          throw new AssertionError("a 100 Continue to a request refused by its head: " + status);
        }
      }
      try {
        out.write(chunked ? chunk(body, 8 * 1024) : body);
        out.flush();
      } catch (IOException e) {
        // the answer may have come before the whole body was taken: read it below
      }
      return parseSimple(readHead(in), in.readAllBytes());
    }
  }

  private static byte[] chunk(byte[] body, int chunkBytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < body.length; i += chunkBytes) {
      int n = Math.min(chunkBytes, body.length - i);
      out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(body, i, n);
      out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  /** The status line and headers of one response, up to the blank line. */
  static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new AssertionError(
            "the connection ended before an answer ("
                + head.size()
                + " bytes: "
                + head.toString(StandardCharsets.ISO_8859_1)
                + ")");
      }
      head.write(b);
      matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  /** The answer of {@link #writeBody}: a Content-Length body, never a chunked one. */
  static TestService.Reply parseSimple(String head, byte[] rest) {
    String[] lines = head.split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    String contentType = "";
    int length = rest.length;
    for (String line : Arrays.copyOfRange(lines, 1, lines.length)) {
      String lower = line.toLowerCase(Locale.ROOT);
      if (lower.startsWith("content-type:")) {
        contentType = line.substring(line.indexOf(':') + 1).strip();
      } else if (lower.startsWith("content-length:")) {
        length = Math.min(length, Integer.parseInt(line.substring(line.indexOf(':') + 1).strip()));
      } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
        throw new AssertionError("a chunked answer to a refused body: " + head);
      }
    }
    return new TestService.Reply(
        status, contentType, new String(rest, 0, length, StandardCharsets.UTF_8));
  }

  private static Reply parse(Request r, byte[] raw) {
    int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0);
    if (end < 0) {
      throw new AssertionError(
          "no HTTP response ("
              + raw.length
              + " bytes: "
              + clip(new String(raw, StandardCharsets.ISO_8859_1))
              + ") to "
              + r);
    }
    String[] lines = new String(raw, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.putIfAbsent(
          lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
          lines[i].substring(colon + 1).strip());
    }
    byte[] rest = Arrays.copyOfRange(raw, end + 4, raw.length);
    if (r.method().equals("HEAD") || status == 204 || status == 304) {
      return new Reply(status, headers, new byte[0]);
    }
    if (headers.getOrDefault("transfer-encoding", "").equalsIgnoreCase("chunked")) {
      return new Reply(status, headers, dechunk(rest));
    }
    String length = headers.get("content-length");
    if (length != null) {
      return new Reply(
          status, headers, Arrays.copyOf(rest, Math.min(rest.length, Integer.parseInt(length))));
    }
    return new Reply(status, headers, rest);
  }

  private static byte[] dechunk(byte[] in) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int at = 0;
    while (true) {
      int eol = indexOf(in, "\r\n".getBytes(StandardCharsets.US_ASCII), at);
      if (eol < 0) {
        throw new AssertionError("broken chunked response");
      }
      String size = new String(in, at, eol - at, StandardCharsets.US_ASCII);
      int semicolon = size.indexOf(';');
      int n = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).strip(), 16);
      if (n == 0) {
        return out.toByteArray();
      }
      out.write(in, eol + 2, n);
      at = eol + 2 + n + 2;
    }
  }

  private static int indexOf(byte[] data, byte[] pattern, int from) {
    outer:
    for (int i = from; i <= data.length - pattern.length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (data[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  static String clip(String s) {
    return s.length() <= 600 ? s : s.substring(0, 600) + "…(" + s.length() + " chars)";
  }
}

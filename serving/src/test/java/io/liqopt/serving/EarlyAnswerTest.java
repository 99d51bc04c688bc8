package io.liqopt.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every answer the service gives before it reads a body (unknown path, wrong method, wrong
 * Content-Type, refused token) reaches a client that is still writing a 1 MiB body, whatever the
 * framing: the service must not close a connection the client is writing into, since the TCP reset
 * that follows can destroy the answer before the client reads it. The body is read and discarded
 * before the answer; with {@code Expect: 100-continue} the service answers before the body is sent.
 *
 * <p>Each request is one dynamic test; {@code -Dliqopt.early.rounds=50} repeats the whole set (e.g.
 * under CPU load) to show the answer is stable, surefire then counting the failures.
 */
class EarlyAnswerTest {
  private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);
  private static final byte[] BODY = OversizedBodyTest.body(1024 * 1024);
  private static final String JSON = "Content-Type: application/json";

  @TempDir static Path dir;
  static Server server;

  /** A request answered before its body is read, and the answer it must get. */
  enum Refusal {
    /** No such path. */
    UNKNOWN_PATH("/v1/nowhere", List.of(JSON), 404, "/problems/not-found"),
    /** A known POST route, a body that is not JSON. */
    WRONG_CONTENT_TYPE(
        "/v1/positions/assess",
        List.of("Content-Type: text/plain"),
        415,
        "/problems/unsupported-media-type"),
    /** A GET-only route, posted to. */
    WRONG_METHOD("/v1/assets", List.of(JSON), 405, "/problems/method-not-allowed"),
    /** A route behind the bearer token, without it. */
    NO_TOKEN("/v1/market/bars", List.of(JSON), 401, "/problems/unauthorized"),
    /** A route behind the bearer token, with a wrong one. */
    WRONG_TOKEN(
        "/v1/market/bars",
        List.of(JSON, "Authorization: Bearer not-the-token"),
        401,
        "/problems/unauthorized");

    final String path;
    final List<String> headers;
    final int status;
    final String type;

    Refusal(String path, List<String> headers, int status, String type) {
      this.path = path;
      this.headers = headers;
      this.status = status;
      this.type = type;
    }
  }

  /** How the client frames and writes the body. */
  enum Framing {
    /** Content-Length, the whole body written before the answer is read. */
    LENGTH(false, false),
    /** Transfer-Encoding: chunked, written in full before the answer is read. */
    CHUNKED(true, false),
    /** Content-Length and Expect: 100-continue: the body only after a 100 (curl's way). */
    EXPECT_LENGTH(false, true),
    /** Chunked and Expect: 100-continue. */
    EXPECT_CHUNKED(true, true),
    /** The JDK client, a known length (it writes and reads concurrently). */
    JDK_LENGTH(false, false),
    /** The JDK client, an unknown length (chunked). */
    JDK_CHUNKED(true, false);
    // no JDK client with expectContinue(true): Java 17's waits forever on a final answer instead
    // of a 100 (JDK-8286171, fixed in 19)

    final boolean chunked;
    final boolean expect;

    Framing(boolean chunked, boolean expect) {
      this.chunked = chunked;
      this.expect = expect;
    }
  }

  @BeforeAll
  static void start() throws IOException {
    TestService.store(dir.resolve("data"), TestService.market(1));
    server =
        TestService.start(
            TestService.options(
                dir.resolve("data"), dir.resolve("models"), "ewma", TestService.TOKEN));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @TestFactory
  Stream<DynamicTest> answerBeforeBody_anyFraming_wholeProblemArrives() {
    int rounds = Integer.getInteger("liqopt.early.rounds", 1);
    List<DynamicTest> tests = new ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      for (Refusal refusal : Refusal.values()) {
        for (Framing framing : Framing.values()) {
          tests.add(
              dynamicTest(
                  "round " + round + ": " + refusal + ", " + framing,
                  () ->
                      assertProblem(
                          refusal,
                          assertTimeoutPreemptively(
                              ANSWER_TIMEOUT, () -> send(refusal, framing)))));
        }
      }
    }
    return tests.stream();
  }

  /**
   * A refused body drained to its end leaves the connection usable: the next request on it is
   * answered.
   */
  @Test
  void drainedBody_keepAliveConnection_nextRequestAnswered() throws IOException {
    URI base = URI.create(server.url());
    try (Socket s = connect(base)) {
      OutputStream out = s.getOutputStream();
      InputStream in = s.getInputStream();
      out.write(head(base, "POST /v1/nowhere", "Content-Length: " + BODY.length));
      out.write(BODY);
      out.flush();
      String head = RawHttp.readHead(in);
      assertFalse(head.toLowerCase(Locale.ROOT).contains("connection: close"), head);
      assertProblem(Refusal.UNKNOWN_PATH, RawHttp.parseSimple(head, in.readNBytes(length(head))));
      out.write(head(base, "GET /health", "Connection: close"));
      out.flush();
      TestService.Reply next = RawHttp.parseSimple(RawHttp.readHead(in), in.readAllBytes());
      assertEquals(200, next.status(), next::body);
    }
  }

  /**
   * A client that stops sending its body mid-way still gets its answer, once the drain gives up
   * waiting, and the connection is closed.
   */
  @Test
  void stalledBody_answeredAndClosed() throws IOException {
    URI base = URI.create(server.url());
    try (Socket s = connect(base)) {
      OutputStream out = s.getOutputStream();
      out.write(head(base, "POST /v1/nowhere", "Content-Length: " + BODY.length));
      out.write(BODY, 0, 64 * 1024);
      out.flush();
      InputStream in = s.getInputStream();
      String head = assertTimeoutPreemptively(ANSWER_TIMEOUT, () -> RawHttp.readHead(in));
      assertTrue(head.toLowerCase(Locale.ROOT).contains("connection: close"), head);
      assertProblem(Refusal.UNKNOWN_PATH, RawHttp.parseSimple(head, in.readNBytes(length(head))));
    }
  }

  private static Socket connect(URI base) throws IOException {
    Socket s = new Socket();
    s.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
    s.setSoTimeout(30_000);
    return s;
  }

  /** A request head: the request line's method and target, Host, JSON, one more header. */
  private static byte[] head(URI base, String methodAndTarget, String header) {
    return (methodAndTarget
            + " HTTP/1.1\r\nHost: "
            + base.getHost()
            + ":"
            + base.getPort()
            + "\r\n"
            + JSON
            + "\r\n"
            + header
            + "\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  /** The Content-Length of a response head. */
  private static int length(String head) {
    for (String line : head.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        return Integer.parseInt(line.substring(line.indexOf(':') + 1).strip());
      }
    }
    throw new AssertionError("no Content-Length: " + head);
  }

  private static TestService.Reply send(Refusal refusal, Framing framing) throws IOException {
    if (framing == Framing.JDK_LENGTH || framing == Framing.JDK_CHUNKED) {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create(server.url() + refusal.path))
              .POST(
                  framing.chunked
                      ? HttpRequest.BodyPublishers.ofInputStream(
                          () -> new ByteArrayInputStream(BODY))
                      : HttpRequest.BodyPublishers.ofByteArray(BODY));
      for (String h : refusal.headers) {
        int colon = h.indexOf(':');
        b.header(h.substring(0, colon).strip(), h.substring(colon + 1).strip());
      }
      return TestService.send(b);
    }
    return RawHttp.writeBody(
        URI.create(server.url()),
        "POST",
        refusal.path,
        refusal.headers,
        BODY,
        framing.chunked,
        framing.expect,
        false); // the answer is known from the head: never a 100
  }

  private static void assertProblem(Refusal refusal, TestService.Reply r) {
    assertEquals(refusal.status, r.status(), () -> "status of " + r.body());
    assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
    JsonNode p = r.json();
    assertEquals(refusal.status, p.get("status").asInt());
    assertEquals(refusal.type, p.get("type").asText());
    assertFalse(p.get("detail").asText().isBlank(), r.body());
    assertFalse(r.body().contains("Exception") || r.body().contains("\tat "), r.body());
  }
}

package io.liqopt.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * A body over the limit (512 KiB here) is answered by the 413 problem, whatever the framing and
 * however the client writes it: the service must not close a connection the client is still writing
 * into, since the TCP reset that follows can destroy the answer before the client reads it. Bodies
 * up to {@code max(4 × limit, 4 MiB)} are read and discarded before the answer; with {@code Expect:
 * 100-continue} and a declared length the service refuses before the body is sent.
 *
 * <p>Each request is one dynamic test; {@code -Dliqopt.oversize.rounds=200} repeats the whole set
 * (e.g. under CPU load) to show the answer is stable, surefire then counting the failures.
 */
class OversizedBodyTest {
  private static final String PATH = "/v1/positions/assess";
  private static final int KIB = 1024;
  private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);
  private static final int[] SIZES = {600 * KIB, 1024 * KIB, 3 * 1024 * KIB};

  @TempDir static Path dir;
  static Server server;

  /** How the client frames and writes the body. */
  enum Client {
    /** Content-Length, the whole body written before the answer is read. */
    RAW_LENGTH,
    /** Transfer-Encoding: chunked (no length), written in full before the answer is read. */
    RAW_CHUNKED,
    /** Content-Length and Expect: 100-continue: the body only after a 100 (curl's way). */
    RAW_EXPECT_LENGTH,
    /** Chunked and Expect: 100-continue: the service must read to see it is too large. */
    RAW_EXPECT_CHUNKED,
    /** The JDK client, a known length (it writes and reads concurrently). */
    JDK_LENGTH,
    /** The JDK client, an unknown length (chunked). */
    JDK_CHUNKED
    // no JDK client with expectContinue(true): Java 17's waits forever on a final answer instead
    // of a 100 (JDK-8286171, fixed in 19); RAW_EXPECT_LENGTH is that client done right
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
  Stream<DynamicTest> overLimitBody_anyFramingOrClient_problem413() {
    int rounds = Integer.getInteger("liqopt.oversize.rounds", 1);
    List<DynamicTest> tests = new ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      for (Client client : Client.values()) {
        for (int size : SIZES) {
          String name = "round " + round + ": " + client + ", " + size / KIB + " KiB";
          tests.add(
              dynamicTest(
                  name,
                  () ->
                      assertTooLarge(
                          assertTimeoutPreemptively(
                              ANSWER_TIMEOUT, () -> send(client, body(size))))));
        }
      }
    }
    return tests.stream();
  }

  /** A well-formed request padded to {@code size} bytes. */
  static byte[] body(int size) {
    String head = "{\"positions\":[],\"pad\":\"";
    String tail = "\"}";
    return (head + "x".repeat(size - head.length() - tail.length()) + tail)
        .getBytes(StandardCharsets.UTF_8);
  }

  static void assertTooLarge(TestService.Reply r) {
    assertEquals(413, r.status(), () -> "status of " + r.body());
    assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
    JsonNode p = r.json();
    assertEquals(413, p.get("status").asInt());
    assertEquals("/problems/too-large", p.get("type").asText());
  }

  static TestService.Reply send(Client client, byte[] body) throws IOException {
    return switch (client) {
      case RAW_LENGTH -> raw(body, false, false);
      case RAW_CHUNKED -> raw(body, true, false);
      case RAW_EXPECT_LENGTH -> raw(body, false, true);
      case RAW_EXPECT_CHUNKED -> raw(body, true, true);
      case JDK_LENGTH -> TestService.send(jdk(HttpRequest.BodyPublishers.ofByteArray(body)));
      case JDK_CHUNKED ->
          TestService.send(
              jdk(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));
    };
  }

  private static HttpRequest.Builder jdk(HttpRequest.BodyPublisher publisher) {
    return HttpRequest.newBuilder(URI.create(server.url() + PATH))
        .header("Content-Type", "application/json")
        .POST(publisher);
  }

  private static TestService.Reply raw(byte[] body, boolean chunked, boolean expect)
      throws IOException {
    return RawHttp.writeBody(
        URI.create(server.url()),
        "POST",
        PATH,
        List.of("Content-Type: application/json"),
        body,
        chunked,
        expect,
        chunked); // a declared length over the limit is refused before the body, so without a 100
  }
}

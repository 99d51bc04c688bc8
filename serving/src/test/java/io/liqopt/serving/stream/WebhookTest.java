package io.liqopt.serving.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.Javalin;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookTest {
  private static final String SECRET = "s3cret";

  private record Received(String type, String id, String signature, String body) {}

  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger arrived = new AtomicInteger();
  private Javalin receiver;

  @AfterEach
  void stop() {
    if (receiver != null) {
      receiver.stop();
    }
  }

  /** A receiver answering the status {@code status} gives, after {@code gate} opens. */
  private URI receiver(IntSupplier status, CountDownLatch gate) {
    receiver =
        Javalin.create(
                cfg -> {
                  cfg.startup.showJavalinBanner = false;
                  cfg.routes.post(
                      "/hook",
                      ctx -> {
                        arrived.incrementAndGet();
                        gate.await(30, TimeUnit.SECONDS);
                        received.add(
                            new Received(
                                ctx.header("X-Liqopt-Event"),
                                ctx.header("X-Liqopt-Event-Id"),
                                ctx.header(WebhookSignature.HEADER),
                                ctx.body()));
                        ctx.status(status.getAsInt());
                      });
                })
            .start("127.0.0.1", 0);
    return URI.create("http://127.0.0.1:" + receiver.port() + "/hook");
  }

  private static void await(String what, BooleanSupplier done) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(5);
    }
  }

  @Test
  void hmacSha256_rfc4231TestCase2() {
    assertEquals(
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
        WebhookSignature.hmacSha256Hex(
            "Jefe".getBytes(StandardCharsets.UTF_8),
            "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void deliver_typesAskedFor_inOrder_signed_retriedAfterFailures() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    URI url = receiver(() -> calls.incrementAndGet() <= 2 ? 500 : 200, new CountDownLatch(0));
    EventJournal journal = new EventJournal(100, () -> 1_000L);
    Webhook.Settings s =
        Webhook.Settings.of(url, SECRET)
            .withTypes(Set.of("liquidatable-entered"))
            .withDelivery(100, 5, 1, 2);
    try (Webhook w = Webhook.start(s, journal, 1)) {
      journal.append("thresholds", "{\"symbol\":\"BTCUSDT\"}");
      journal.append("liquidatable-entered", "{\"count\":1,\"ids\":[\"p1\"]}");
      journal.append("liquidatable-entered", "{\"count\":2,\"ids\":[\"p2\",\"p3\"]}");
      await("two deliveries", () -> w.status().delivered() == 2);
      Webhook.Status st = w.status();
      assertEquals(2, st.retried());
      assertEquals(0, st.failed());
      assertEquals(0, st.queued());
      assertTrue(st.lastError().contains("HTTP 500"), st.lastError());
    }
    // the first event was tried three times, then the second once: ids 2, 2, 2, 3
    assertEquals(List.of("2", "2", "2", "3"), received.stream().map(Received::id).toList());
    Received last = received.get(3);
    assertEquals("liquidatable-entered", last.type());
    assertEquals(
        "{\"id\":3,\"type\":\"liquidatable-entered\",\"timeMs\":1000,"
            + "\"data\":{\"count\":2,\"ids\":[\"p2\",\"p3\"]}}",
        last.body());
    String[] parts = last.signature().split(",");
    String t = parts[0].substring(2);
    assertEquals(
        "v1="
            + WebhookSignature.hmacSha256Hex(
                SECRET.getBytes(StandardCharsets.UTF_8),
                (t + "." + last.body()).getBytes(StandardCharsets.UTF_8)),
        parts[1]);
  }

  @Test
  void deliver_receiverAlwaysFails_givenUpAfterMaxAttempts_nextOnesStillTried() throws Exception {
    URI url = receiver(() -> 503, new CountDownLatch(0));
    EventJournal journal = new EventJournal(100, () -> 1_000L);
    try (Webhook w =
        Webhook.start(Webhook.Settings.of(url, SECRET).withDelivery(100, 2, 1, 2), journal, 2)) {
      for (int i = 0; i < 3; i++) {
        journal.append("guard-alert", "{}");
      }
      await("three given up", () -> w.status().failed() == 3);
      assertEquals(0, w.status().delivered());
      assertEquals(3, w.status().retried());
      assertTrue(w.status().lastError().contains("HTTP 503"), w.status().lastError());
    }
    assertEquals(6, received.size());
  }

  @Test
  void deliver_slowReceiver_queueBounded_oldestWaitingDropped() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    URI url = receiver(() -> 200, gate);
    EventJournal journal = new EventJournal(100, () -> 1_000L);
    try (Webhook w =
        Webhook.start(Webhook.Settings.of(url, SECRET).withDelivery(3, 1, 1, 2), journal, 3)) {
      journal.append("asset-stale", "{}");
      // the first is in delivery (the receiver holds it) once the queue has handed it over
      await("the first in delivery", () -> arrived.get() == 1);
      for (int i = 0; i < 9; i++) {
        journal.append("asset-stale", "{}");
      }
      assertEquals(7, w.status().dropped());
      assertEquals(3, w.status().queued());
      gate.countDown();
      await("the three kept", () -> w.status().delivered() == 3);
      assertNull(w.status().lastError());
    }
    assertEquals(List.of("1", "9", "10"), received.stream().map(Received::id).toList());
  }
}

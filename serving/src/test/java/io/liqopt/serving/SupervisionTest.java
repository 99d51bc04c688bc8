package io.liqopt.serving;

import static io.liqopt.serving.TestService.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liqopt.core.market.BarSeries;
import io.liqopt.serving.api.Problem;
import io.liqopt.serving.api.Supervisor;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No background failure passes unseen: a task that throws (even an Error) keeps its schedule, is
 * counted under its fixed name in {@code /metrics}, and a refresh that keeps failing turns {@code
 * /ready} to 503; the model watch survives an exception.
 */
class SupervisionTest {
  private static final long AWAIT_SECONDS = 10;

  @Test
  void refresh_errorOnce_keepsRunningAndIsCounted(@TempDir Path dir) throws Exception {
    List<BarSeries> market = TestService.market(2);
    TestService.store(dir, market);
    AtomicBoolean thrown = new AtomicBoolean();
    try (Server server = TestService.start(fastRefresh(dir))) {
      server.probe =
          task -> {
            if (task.equals(Supervisor.REFRESH) && thrown.compareAndSet(false, true)) {
              throw new AssertionError("injected refresh failure");
            }
          };
      await(
          () -> {
            Supervisor.TaskState s = server.supervisor().state(Supervisor.REFRESH);
            return s.failures() == 1
                && s.consecutiveFailures() == 0
                && s.lastSuccessMs() != null
                && s.lastSuccessMs() >= s.lastFailureMs();
          });
      Supervisor.TaskState s = server.supervisor().state(Supervisor.REFRESH);
      assertEquals("AssertionError: injected refresh failure", s.lastFailure());
      String metrics = get(server, "/metrics").expect(200).body();
      assertTrue(
          metrics.contains("liqopt_task_failures_total{task=\"refresh\"} 1.0"), () -> metrics);
      assertTrue(
          metrics.contains("liqopt_task_failures_total{task=\"compaction\"} 0.0"), () -> metrics);
      assertTrue(
          metrics.contains("liqopt_task_failures_total{task=\"model-watch\"} 0.0"), () -> metrics);
      get(server, "/ready").expect(200);
    }
  }

  @Test
  void refresh_failingThreeTimes_notReadyUntilItRecovers(@TempDir Path dir) throws Exception {
    List<BarSeries> market = TestService.market(2);
    TestService.store(dir, market);
    AtomicBoolean failing = new AtomicBoolean(true);
    try (Server server = TestService.start(fastRefresh(dir))) {
      server.probe =
          task -> {
            if (task.equals(Supervisor.REFRESH) && failing.get()) {
              throw new IllegalStateException("refresh broken under " + dir.toAbsolutePath());
            }
          };
      await(
          () ->
              server.supervisor().state(Supervisor.REFRESH).consecutiveFailures()
                  >= Supervisor.REFRESH_FAILURES_UNREADY);
      TestService.Reply r = get(server, "/ready").expect(503);
      assertTrue(r.contentType().startsWith(Problem.MEDIA_TYPE), r.contentType());
      String detail = r.json().get("detail").asText();
      assertTrue(detail.contains("threshold refresh failed"), detail);
      assertTrue(!detail.contains(dir.toAbsolutePath().toString()), detail);
      failing.set(false);
      await(() -> server.supervisor().state(Supervisor.REFRESH).consecutiveFailures() == 0);
      get(server, "/ready").expect(200);
    }
  }

  @Test
  void wal_lastAppendFailed_notReadyUntilAnAppendWorks(@TempDir Path dir) throws Exception {
    TestService.store(dir, TestService.market(2));
    try (Server server = TestService.start(TestService.options(dir, null, "ewma", null))) {
      get(server, "/ready").expect(200);
      Path segment = dir.toAbsolutePath().resolve("wal").resolve("00000001.log");
      server.supervisor().walFailed(new IOException("No space left on device: " + segment));
      TestService.Reply r = get(server, "/ready").expect(503);
      assertTrue(r.contentType().startsWith(Problem.MEDIA_TYPE), r.contentType());
      String detail = r.json().get("detail").asText();
      assertTrue(detail.contains("write-ahead log is unusable"), detail);
      assertTrue(detail.contains("No space left on device: wal/00000001.log"), detail);
      Supervisor.WalState wal = server.supervisor().wal();
      assertEquals(Boolean.FALSE, wal.lastAppendOk());
      // /health shows it too, degraded, the path relative
      com.fasterxml.jackson.databind.JsonNode health = get(server, "/health").expect(200).json();
      assertEquals("degraded", health.get("status").asText());
      assertFalse(health.get("wal").get("lastAppendOk").asBoolean());
      String error = health.get("wal").get("lastError").asText();
      assertTrue(error.contains("wal/00000001.log"), error);
      assertTrue(!health.toString().contains(dir.toAbsolutePath().toString()), health.toString());
      assertEquals(3, health.get("tasks").size());
      server.supervisor().walAppended();
      get(server, "/ready").expect(200);
      assertNull(server.supervisor().wal().lastError());
    }
  }

  @Test
  void modelWatch_exception_survivesAndWatchesOn(@TempDir Path dir) throws Exception {
    List<BarSeries> market = TestService.market(2);
    TestService.store(dir, market);
    Path models = dir.resolve("models");
    String first = TestService.trainBundle(market, models);
    String second = TestService.copyBundle(models, first, first + "-b");
    String served = TestService.servedId(models, second);
    try (Server server = TestService.start(TestService.options(dir, models, null, null))) {
      server.watchBackoff = Duration.ofMillis(10);
      AtomicBoolean thrown = new AtomicBoolean();
      server.probe =
          task -> {
            if (task.equals(Supervisor.MODEL_WATCH) && thrown.compareAndSet(false, true)) {
              throw new IllegalStateException("injected watch failure");
            }
          };
      TestService.setLatest(models, second);
      await(() -> server.supervisor().state(Supervisor.MODEL_WATCH).failures() == 1);
      // the watch goes on: the next change of LATEST is loaded
      TestService.setLatest(models, first);
      TestService.setLatest(models, second);
      await(
          () -> {
            Supervisor.TaskState s = server.supervisor().state(Supervisor.MODEL_WATCH);
            return server.engine().state().modelId().equals(served)
                && s.lastSuccessMs() != null
                && s.lastSuccessMs() >= s.lastFailureMs();
          });
      assertEquals(1, server.supervisor().state(Supervisor.MODEL_WATCH).failures());
      String metrics = get(server, "/metrics").expect(200).body();
      assertTrue(
          metrics.contains("liqopt_task_failures_total{task=\"model-watch\"} 1.0"), () -> metrics);
    }
  }

  private static Server.Options fastRefresh(Path dir) {
    Server.Options o = TestService.options(dir, dir.resolve("models"), "ewma", null);
    return new Server.Options(
        o.host(),
        0,
        o.settings(),
        o.limits(),
        o.token(),
        Duration.ofMillis(20),
        o.compactEvery(),
        o.drainTimeout());
  }

  /** Polls {@code condition} until it holds, failing after a generous timeout. */
  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(AWAIT_SECONDS);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not reached within " + AWAIT_SECONDS + " s");
      }
      Thread.sleep(10);
    }
  }
}

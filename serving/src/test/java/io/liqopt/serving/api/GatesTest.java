package io.liqopt.serving.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liqopt.serving.state.Deadline;
import org.junit.jupiter.api.Test;

/** Admission control: the body gate, the route gates, the deadline and the sizes. */
class GatesTest {
  private static final long MIB = 1L << 20;
  private static final Limits LIMITS = new Limits(MIB, 10, 10, 10);

  @Test
  void sizes_fromHeapAndCores() {
    // 512 MiB heap, 16 MiB bodies: 512 / (6 · 16) = 5 bodies; one 128 MB stress at a time
    Gates small = new Gates(new Limits(16 * MIB, 10, 10, 10), 512 * MIB, 2, null);
    assertEquals(5, small.sizes().get("bodies"));
    assertEquals(1, small.sizes().get("stress"));
    assertEquals(2, small.sizes().get("assess"));
    assertEquals(1, small.sizes().get("reload"));
    // a large heap: bodies capped at 4 per core, stresses at one per core
    Gates large = new Gates(new Limits(16 * MIB, 10, 10, 10), 64L << 30, 2, null);
    assertEquals(8, large.sizes().get("bodies"));
    assertEquals(2, large.sizes().get("stress"));
    // a heap smaller than one body still admits one
    assertEquals(1, new Gates(LIMITS, MIB, 1, null).sizes().get("bodies"));
  }

  @Test
  void bodyGate_full_refusesWithRetryAfter() {
    Gates g = new Gates(LIMITS, 6 * MIB, 1, null);
    assertEquals(1, g.sizes().get("bodies"));
    Gates.Admission first = g.enter(Gates.Route.ASSESS);
    ApiException e = assertThrows(ApiException.class, () -> g.enter(Gates.Route.STRESS));
    assertEquals(503, e.status());
    assertEquals(1, e.retryAfterSeconds());
    assertEquals("/problems/busy", e.toProblem("/x").type());
    first.close();
    first.close(); // twice releases once
    g.enter(Gates.Route.STRESS).close();
    Gates.Admission a = g.enter(Gates.Route.ASSESS);
    assertThrows(ApiException.class, () -> g.enter(Gates.Route.ASSESS));
    a.close();
  }

  @Test
  void routeGate_takenOnlyToCompute_andPerRoute() {
    Gates g = new Gates(LIMITS, 64L << 30, 1, null);
    Gates.Admission a = g.enter(Gates.Route.ASSESS);
    Gates.Admission b = g.enter(Gates.Route.ASSESS);
    a.compute();
    a.compute(); // once per admission
    ApiException e = assertThrows(ApiException.class, b::compute);
    assertEquals(503, e.status());
    try (Gates.Admission other = g.enter(Gates.Route.THRESHOLDS)) {
      other.compute(); // another route's gate is free
    }
    a.close();
    b.compute();
    b.close();
  }

  @Test
  void deadline_passedWhileReading_refusedAtCompute() throws InterruptedException {
    Gates g = new Gates(LIMITS.withBudgets(2048, 1), 64L << 30, 1, null);
    try (Gates.Admission a = g.enter(Gates.Route.ASSESS)) {
      Thread.sleep(5);
      ApiException e = assertThrows(ApiException.class, a::compute);
      assertEquals(503, e.status());
      assertEquals(1, e.retryAfterSeconds());
      assertTrue(e.getMessage().contains("deadline of 1 ms"), e.getMessage());
    }
    // the permit came back
    g.enter(Gates.Route.ASSESS).compute();
  }

  @Test
  void service_gated_mapsADeadlinePassedInTheWork() {
    Service s = new Service(LIMITS.withBudgets(2048, 1), null);
    ApiException e =
        assertThrows(
            ApiException.class,
            () ->
                s.gated(
                    Gates.Route.ASSESS,
                    a -> {
                      Deadline d = a.compute();
                      sleep(5);
                      d.check();
                    }));
    assertEquals(503, e.status());
    assertTrue(
        s.metrics()
            .scrape()
            .contains("liqopt_requests_refused_total{reason=\"deadline\",route=\"assess\"}"),
        "refusal counted");
  }

  @Test
  void deadline_none_neverPasses() {
    Deadline.NONE.check();
    Deadline.in(60_000).check();
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

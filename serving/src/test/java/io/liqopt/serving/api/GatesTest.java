package io.liqopt.serving.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liqopt.serving.state.Deadline;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Admission control: the body gate, the route gates, the deadline and the sizes. */
class GatesTest {
  private static final long MIB = 1L << 20;
  private static final Limits LIMITS = new Limits(MIB, 10, 10, 10);

  @Test
  void sizes_fromHeapAndCores() {
    // 512 MiB heap, 16 MiB bodies: half the heap for bodies, a body of the limit counted 6 times
    Gates small = new Gates(new Limits(16 * MIB, 10, 10, 10), 512 * MIB, 2, null);
    assertEquals(256 * 1024, small.sizes().get("bodyBudgetKib"));
    assertEquals(96 * 1024, small.sizes().get("bodyOfTheLimitKib"));
    assertEquals(1, small.sizes().get("stress"));
    assertEquals(2, small.sizes().get("assess"));
    assertEquals(1, small.sizes().get("reload"));
    // a large heap: at most 4 bodies of the limit per core, stresses at one per core
    Gates large = new Gates(new Limits(16 * MIB, 10, 10, 10), 64L << 30, 2, null);
    assertEquals(8 * 96 * 1024, large.sizes().get("bodyBudgetKib"));
    assertEquals(2, large.sizes().get("stress"));
    // a heap too small for one body of the limit still admits one
    assertEquals(6 * 1024, new Gates(LIMITS, MIB, 1, null).sizes().get("bodyBudgetKib"));
  }

  @Test
  void bodyBudget_largeBodiesFillIt_smallOnesStillEnter() {
    Gates g = new Gates(LIMITS, 12 * MIB, 1, null); // 6 MiB budget: one 1 MiB body counts 6 MiB
    Gates.Admission big = g.enter(Gates.Route.ASSESS, MIB);
    ApiException e = assertThrows(ApiException.class, () -> g.enter(Gates.Route.STRESS, MIB));
    assertEquals(503, e.status());
    assertEquals(1, e.retryAfterSeconds());
    assertEquals("/problems/busy", e.toProblem("/x").type());
    // an undeclared length counts as a body of the limit
    assertThrows(ApiException.class, () -> g.enter(Gates.Route.STRESS, -1));
    big.close();
    big.close(); // twice releases once
    List<Gates.Admission> small = new ArrayList<>();
    for (int i = 0; i < 6 * 1024 / Gates.MIN_BODY_KIB; i++) {
      small.add(g.enter(Gates.Route.ASSESS, 100)); // each counted at the 4 KiB floor
    }
    assertThrows(ApiException.class, () -> g.enter(Gates.Route.ASSESS, 100));
    small.forEach(Gates.Admission::close);
    g.enter(Gates.Route.STRESS, MIB).close();
  }

  @Test
  void routeGate_takenOnlyToCompute_andPerRoute() {
    Gates g = new Gates(LIMITS, 64L << 30, 1, null);
    Gates.Admission a = g.enter(Gates.Route.ASSESS, 100);
    Gates.Admission b = g.enter(Gates.Route.ASSESS, 100);
    a.compute();
    a.compute(); // once per admission
    ApiException e = assertThrows(ApiException.class, b::compute);
    assertEquals(503, e.status());
    try (Gates.Admission other = g.enter(Gates.Route.THRESHOLDS, 100)) {
      other.compute(); // another route's gate is free
    }
    a.close();
    b.compute();
    b.close();
  }

  @Test
  void deadline_passedWhileReading_refusedAtCompute() throws InterruptedException {
    Gates g = new Gates(LIMITS.withBudgets(2048, 1), 64L << 30, 1, null);
    try (Gates.Admission a = g.enter(Gates.Route.ASSESS, 100)) {
      Thread.sleep(5);
      ApiException e = assertThrows(ApiException.class, a::compute);
      assertEquals(503, e.status());
      assertEquals(1, e.retryAfterSeconds());
      assertTrue(e.getMessage().contains("deadline of 1 ms"), e.getMessage());
    }
    // the permit came back
    g.enter(Gates.Route.ASSESS, 100).compute();
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
                    100,
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

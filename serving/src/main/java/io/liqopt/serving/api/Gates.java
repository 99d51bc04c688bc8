package io.liqopt.serving.api;

import io.liqopt.serving.state.Deadline;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Admission control for the routes that read a body and compute: a request enters only when both
 * the shared body budget and its route's gate (sized from the cores, or from the heap for the
 * stress's path arrays) have room. The body budget is a share of the heap counted in KiB: a request
 * takes its declared length times {@link #BODY_COST_FACTOR} (the body, its JSON tree and the
 * objects made from it; the whole body limit when the length is not declared), so a flood of large
 * bodies cannot crowd out small ones, nor exhaust the heap. A request that cannot get them within a
 * short wait is refused at once with a 503 and {@code Retry-After} (backpressure, not a queue); an
 * admitted one carries its {@link Deadline}.
 */
public final class Gates {
  /** The gated routes. */
  public enum Route {
    ASSESS,
    THRESHOLDS,
    STRESS,
    INGEST,
    RELOAD
  }

  /** Bytes one admitted body may cost on the heap: the body, its JSON tree and the objects made. */
  static final long BODY_COST_FACTOR = 6;

  /**
   * Bytes one stress is budgeted at: two doubles per path-hour-asset cell, what it held when its
   * simulated paths were kept. The stress route now evaluates each path as it is drawn ({@code
   * PortfolioStress.runLean}: two doubles per path, plus the historical windows), so the bound is
   * conservative: the gate admits fewer stresses than memory would allow, never more.
   */
  static final long STRESS_BYTES = Limits.STRESS_CELLS * 16;

  /** The least a body is counted at, KiB. */
  static final int MIN_BODY_KIB = 4;

  /** How long a request waits for a permit before it is refused. */
  static final long WAIT_MS = 100;

  private final Semaphore bodies;
  private final Map<Route, Semaphore> routes = new EnumMap<>(Route.class);
  private final Map<Route, Integer> sizes = new EnumMap<>(Route.class);
  private final long deadlineMs;
  private final Metrics metrics;
  private final int bodyBudgetKib;
  private final int maxBodyKib;

  /**
   * Gates for {@code limits} on a heap of {@code maxHeapBytes} and {@code cores} processors.
   *
   * @param metrics counts the refusals (null: not counted)
   */
  Gates(Limits limits, long maxHeapBytes, int cores, Metrics metrics) {
    this.metrics = metrics;
    this.deadlineMs = limits.deadlineMs();
    int cpu = Math.max(1, cores);
    maxBodyKib = kib(BODY_COST_FACTOR * limits.maxBodyBytes());
    // a share of the heap, but at least one body of the limit, and at most 4 of them per core
    long budget = Math.max(maxBodyKib, maxHeapBytes / 1024 / 2);
    bodyBudgetKib = clamp(Math.min(budget, (long) maxBodyKib * Math.max(4, 4 * cpu)), 1, 1 << 30);
    bodies = new Semaphore(bodyBudgetKib);
    size(Route.ASSESS, cpu);
    size(Route.THRESHOLDS, cpu);
    size(Route.INGEST, cpu);
    size(Route.RELOAD, 1);
    size(Route.STRESS, clamp(maxHeapBytes / (4 * STRESS_BYTES), 1, cpu));
  }

  /** Gates sized from this JVM's heap and processors. */
  static Gates forThisJvm(Limits limits, Metrics metrics) {
    Runtime rt = Runtime.getRuntime();
    return new Gates(limits, rt.maxMemory(), rt.availableProcessors(), metrics);
  }

  private void size(Route r, int permits) {
    routes.put(r, new Semaphore(permits));
    sizes.put(r, permits);
  }

  private static int clamp(long v, int lo, int hi) {
    return (int) Math.max(lo, Math.min(hi, v));
  }

  /** KiB of a declared body length, as the budget counts it ({@code < 0}: not declared). */
  private int cost(long declaredBytes) {
    if (declaredBytes < 0) {
      return maxBodyKib;
    }
    return (int)
        Math.min(maxBodyKib, Math.max(MIN_BODY_KIB, kib(BODY_COST_FACTOR * declaredBytes)));
  }

  private static int kib(long bytes) {
    return (int) Math.min(1 << 30, (bytes + 1023) / 1024);
  }

  /**
   * Permits per route, the body budget in KiB under "bodyBudgetKib" and the KiB one body of the
   * limit takes under "bodyOfTheLimitKib".
   */
  Map<String, Integer> sizes() {
    Map<String, Integer> out = new java.util.LinkedHashMap<>();
    out.put("bodyBudgetKib", bodyBudgetKib);
    out.put("bodyOfTheLimitKib", maxBodyKib);
    sizes.forEach((r, n) -> out.put(r.name().toLowerCase(java.util.Locale.ROOT), n));
    return out;
  }

  /**
   * Admits one request to {@code route}: takes its share of the body budget (held while the body is
   * read and used); {@link Admission#compute()} then takes the route's permit. Close the admission
   * when done.
   *
   * @param declaredBytes the body's declared length (Content-Length), or -1 when not declared
   * @throws ApiException 503 with {@code Retry-After} when no room frees within {@link #WAIT_MS}
   */
  Admission enter(Route route, long declaredBytes) {
    int kib = cost(declaredBytes);
    if (!acquire(bodies, kib)) {
      throw refused(route, "busy");
    }
    return new Admission(route, kib, Deadline.in(deadlineMs));
  }

  private static boolean acquire(Semaphore s, int permits) {
    try {
      return s.tryAcquire(permits, WAIT_MS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private ApiException refused(Route route, String reason) {
    if (metrics != null) {
      metrics.refused(route.name().toLowerCase(java.util.Locale.ROOT), reason);
    }
    return ApiException.busy(
        "the server is at its limit of concurrent requests for this route; retry later", 1);
  }

  /**
   * One admitted request: its body permit, the route's permit once it computes, and its deadline.
   * Not thread-safe: one request's thread uses it.
   */
  final class Admission implements AutoCloseable {
    private final Route route;
    private final int bodyKib;
    private final Deadline deadline;
    private boolean computing;
    private boolean closed;

    private Admission(Route route, int bodyKib, Deadline deadline) {
      this.route = route;
      this.bodyKib = bodyKib;
      this.deadline = deadline;
    }

    /**
     * Takes the route's permit, once the body is read and checked (so that a client slow to send
     * its body holds no computation slot), and returns the deadline to work under.
     *
     * @throws ApiException 503 with {@code Retry-After} when no permit frees within {@link
     *     #WAIT_MS}, or when the deadline passed while the body was read
     */
    Deadline compute() {
      if (!computing) {
        if (!acquire(routes.get(route), 1)) {
          throw refused(route, "busy");
        }
        computing = true;
      }
      try {
        deadline.check();
      } catch (Deadline.Passed e) {
        throw passed(e);
      }
      return deadline;
    }

    /** The 503 for a request that ran past its deadline (counted). */
    ApiException passed(Deadline.Passed e) {
      if (metrics != null) {
        metrics.refused(route.name().toLowerCase(java.util.Locale.ROOT), "deadline");
      }
      return ApiException.busy(e.getMessage() + "; retry later or send a smaller request", 1);
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        if (computing) {
          routes.get(route).release();
        }
        bodies.release(bodyKib);
      }
    }
  }
}

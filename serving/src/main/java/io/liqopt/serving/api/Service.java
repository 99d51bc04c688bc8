package io.liqopt.serving.api;

import io.liqopt.serving.feeds.LivePrices;
import io.liqopt.serving.state.Deadline;
import io.liqopt.serving.state.ThresholdEngine;
import io.liqopt.serving.stream.EventJournal;
import io.liqopt.serving.stream.Webhook;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the routes share: the engine (null while it loads, so the port answers {@code /health} and a
 * 503 {@code /ready} from the first second), the limits, the ingest token and the metrics.
 */
public final class Service {
  private volatile ThresholdEngine engine;
  private volatile LivePrices live;
  private final EventJournal journal = new EventJournal(10_000, System::currentTimeMillis);
  private volatile java.util.function.Supplier<String> snapshot = () -> "{}";

  /** The most streams open at once. */
  private static final int MAX_STREAMS = 64;

  private volatile Runnable closeStreams = () -> {};
  private volatile io.liqopt.serving.book.LiveBook book;
  private volatile boolean draining;
  private final Limits limits;
  private final byte[] token;
  private final Metrics metrics;
  private final Supervisor supervisor;
  private final Gates gates;
  private final long startedAtMs = System.currentTimeMillis();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final long drainTimeoutMs;

  /**
   * @param token the bearer token of ingest and admin routes; null or blank disables them (403)
   */
  public Service(Limits limits, String token) {
    this(limits, token, 10_000);
  }

  /**
   * @param drainTimeoutMs how long a stop waits for requests in flight
   */
  public Service(Limits limits, String token, long drainTimeoutMs) {
    this.limits = limits;
    this.drainTimeoutMs = drainTimeoutMs;
    this.token = token == null || token.isBlank() ? null : token.getBytes(StandardCharsets.UTF_8);
    this.metrics = new Metrics(() -> engine);
    this.supervisor = new Supervisor(metrics, System::currentTimeMillis);
    this.gates = Gates.forThisJvm(limits, metrics);
  }

  /** Work done under a route's admission. */
  @FunctionalInterface
  interface GatedWork {
    /**
     * Reads the body, then calls {@link Gates.Admission#compute()} and works under its deadline.
     */
    void run(Gates.Admission admission);
  }

  /**
   * Runs {@code work} once request {@code ctx} is admitted to {@code route} ({@link Gates}, its
   * body counted at its declared length); a {@link Deadline.Passed} from it becomes a 503 with
   * {@code Retry-After}.
   *
   * @throws ApiException 503 when the route is at its limit or the deadline passed
   */
  void gated(Gates.Route route, io.javalin.http.Context ctx, GatedWork work) {
    gated(route, ctx.req().getContentLengthLong(), work);
  }

  /** As {@link #gated(Gates.Route, io.javalin.http.Context, GatedWork)}, given the length. */
  void gated(Gates.Route route, long declaredBytes, GatedWork work) {
    try (Gates.Admission a = gates.enter(route, declaredBytes)) {
      try {
        work.run(a);
      } catch (Deadline.Passed e) {
        throw a.passed(e);
      }
    }
  }

  /**
   * How many requests each gated route admits at once, and the body budget (KiB) that the
   * body-carrying requests share (sized from this JVM's heap and processors).
   */
  public java.util.Map<String, Integer> admissionLimits() {
    return gates.sizes();
  }

  /** Makes the service ready. */
  /** The event journal of {@code GET /v1/stream}. */
  public EventJournal journal() {
    return journal;
  }

  /** What a new stream's {@code snapshot} event carries (one JSON object). */
  public void streamSnapshot(java.util.function.Supplier<String> state) {
    this.snapshot = state;
  }

  String streamSnapshot() {
    return snapshot.get();
  }

  int maxStreams() {
    return MAX_STREAMS;
  }

  void onDrainCloseStreams(Runnable close) {
    this.closeStreams = close;
  }

  /** Live prices are on: {@code /v1/market/prices} serves {@code prices}. */
  public void live(LivePrices prices) {
    this.live = prices;
  }

  /**
   * The live prices.
   *
   * @throws ApiException 404 when live prices are off
   */
  LivePrices live() {
    LivePrices p = live;
    if (p == null) {
      throw ApiException.notFound(
          "live prices are off: start serve with --live-prices (or a --price-feed)");
    }
    return p;
  }

  private volatile List<Webhook> webhooks = List.of();

  /** The position book is on: {@code /v1/book} serves {@code book}. */
  public void book(io.liqopt.serving.book.LiveBook book) {
    this.book = book;
  }

  /**
   * The position book.
   *
   * @throws ApiException 404 when the book is off
   */
  io.liqopt.serving.book.LiveBook book() {
    io.liqopt.serving.book.LiveBook b = book;
    if (b == null) {
      throw ApiException.notFound("the position book is off: start serve with --book");
    }
    return b;
  }

  /** Which optional live features are on ({@code GET /health}'s {@code features}). */
  Responses.Features features() {
    List<Webhook.Status> hooks = new ArrayList<>();
    for (Webhook w : webhooks) {
      hooks.add(w.status());
    }
    return new Responses.Features(live != null, book != null, hooks);
  }

  /** The webhooks delivering the stream's events (for {@code /health}). */
  public void webhooks(List<Webhook> hooks) {
    this.webhooks = List.copyOf(hooks);
  }

  public void ready(ThresholdEngine engine) {
    engine.onPhaseTimes(metrics::phase);
    this.engine = engine;
  }

  /** Turns {@code /ready} to 503 ahead of a shutdown. */
  public void drain() {
    draining = true;
    closeStreams.run(); // streams never end on their own: a graceful stop would wait them out
  }

  public boolean isReady() {
    return engine != null && !draining;
  }

  /** The engine, or a 503 while loading. */
  public ThresholdEngine engine() {
    ThresholdEngine e = engine;
    if (e == null) {
      throw ApiException.unavailable(
          "the service is starting: loading data and model " + "(GET /ready turns 200 when done)");
    }
    return e;
  }

  /** The engine or null. */
  ThresholdEngine engineOrNull() {
    return engine;
  }

  long drainTimeoutMs() {
    return drainTimeoutMs;
  }

  public Limits limits() {
    return limits;
  }

  public Metrics metrics() {
    return metrics;
  }

  /** The background tasks' and the write-ahead log's state. */
  public Supervisor supervisor() {
    return supervisor;
  }

  public boolean ingestEnabled() {
    return token != null;
  }

  /** Whole seconds since the service was made. */
  long uptimeSeconds() {
    return (System.currentTimeMillis() - startedAtMs) / 1000;
  }

  AtomicInteger inFlight() {
    return inFlight;
  }

  /** Requests being handled now. */
  public int requestsInFlight() {
    return inFlight.get();
  }

  /**
   * Checks the bearer token of a protected route (in constant time).
   *
   * @throws ApiException 403 when no token is configured, 401 when it is missing or wrong
   */
  void authorize(String authorizationHeader) {
    if (token == null) {
      throw ApiException.forbidden(
          "this route is disabled: start the server with the "
              + "LIQOPT_TOKEN environment variable set to enable it");
    }
    if (authorizationHeader == null || !authorizationHeader.startsWith("Bearer ")) {
      throw ApiException.unauthorized("missing 'Authorization: Bearer <token>' header");
    }
    byte[] given = authorizationHeader.substring(7).strip().getBytes(StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(given, token)) {
      throw ApiException.unauthorized("wrong bearer token");
    }
  }
}

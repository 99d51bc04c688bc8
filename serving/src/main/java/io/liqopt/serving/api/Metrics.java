package io.liqopt.serving.api;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.liqopt.serving.state.AssetView;
import io.liqopt.serving.state.Chunks;
import io.liqopt.serving.state.ServingState;
import io.liqopt.serving.state.ThresholdEngine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Prometheus metrics: a latency histogram (and so a count) per route template, method (GET, POST or
 * other) and status, so that no request adds a series of its own; the served model; the age of each
 * asset's data; bars ingested; reloads by outcome; background task failures by task.
 */
public final class Metrics implements AutoCloseable {
  private static final String START = "liqopt.start.ns";
  private static final String STAGES = "liqopt.stages";

  /** The route label of requests no route matched. */
  static final String UNMATCHED = "unmatched";

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Supplier<ThresholdEngine> engine;
  private final MultiGauge dataAge;
  private final MultiGauge modelInfo;
  private final JvmGcMetrics gc = new JvmGcMetrics();

  /** Metrics of the engine {@code engine} returns (null while the service is loading). */
  public Metrics(Supplier<ThresholdEngine> engine) {
    this.engine = engine;
    this.dataAge =
        MultiGauge.builder("liqopt_data_age_seconds")
            .description("Age of each asset's newest bar (close time) against the wall clock")
            .register(registry);
    this.modelInfo =
        MultiGauge.builder("liqopt_serving_model")
            .description("The model being served (value 1, the id in the labels)")
            .register(registry);
    // a batch's chunks by the thread that ran them: a low helper share means the batches ran
    // mostly on their request threads (no spare core), so their latency is the serial one
    FunctionCounter.builder("liqopt_batch_chunks", Chunks.class, c -> Chunks.ranOnHelpers())
        .description(
            "Chunks of large batches beyond each batch's first, by the thread that ran them")
        .tag("ran_on", "helper")
        .register(registry);
    FunctionCounter.builder("liqopt_batch_chunks", Chunks.class, c -> Chunks.takenBack())
        .description(
            "Chunks of large batches beyond each batch's first, by the thread that ran them")
        .tag("ran_on", "request")
        .register(registry);
    Gauge.builder("liqopt_wal_bytes", engine, e -> e.get() == null ? 0 : e.get().walBytes())
        .description("Bytes in the write-ahead log not yet compacted")
        .register(registry);
    Gauge.builder(
            "liqopt_state_version", engine, e -> e.get() == null ? 0 : e.get().state().version())
        .description("Snapshot version (increases on every ingest, refresh and reload)")
        .register(registry);
    // the JVM's memory pools and threads (gauges), and its collections: pause times and the live
    // data after a collection (listeners, removed by close, so that no service leaks them)
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    gc.bindTo(registry);
  }

  /** Removes the collection listeners. */
  @Override
  public void close() {
    gc.close();
  }

  /** Before each request: the start time. */
  void start(Context ctx) {
    ctx.attribute(START, System.nanoTime());
  }

  /**
   * After each request: its latency under its route template (not the raw path).
   *
   * @return that latency in nanoseconds, or −1 when the request has no start time
   */
  long stop(Context ctx) {
    Long start = ctx.attribute(START);
    if (start == null) {
      return -1;
    }
    long nanos = System.nanoTime() - start;
    Timer.builder("http_server_requests")
        .description("HTTP requests by route, method and status")
        .tags(
            Tags.of(
                "route",
                route(ctx),
                "method",
                method(ctx.req().getMethod()),
                "status",
                Integer.toString(ctx.statusCode())))
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(0).plusNanos(50_000))
        .maximumExpectedValue(Duration.ofSeconds(10))
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
    return nanos;
  }

  /**
   * A {@code Server-Timing} header's value for a request handled in {@code nanos}: {@code
   * app;dur=MILLISECONDS} with three decimals (W3C Server Timing), so that a client can tell the
   * service's time from the network's and its own; then the stages a route recorded ({@link
   * #stage}), in their order.
   */
  static String serverTiming(Context ctx, long nanos) {
    StringBuilder stages = ctx.attribute(STAGES);
    String app = serverTiming(nanos);
    return stages == null ? app : app + stages;
  }

  /** {@code app;dur=MILLISECONDS} for {@code nanos}, three decimals, never negative. */
  static String serverTiming(long nanos) {
    return "app;dur=" + millis(nanos);
  }

  /**
   * Records a stage of the request's work ({@code read}: its body's transfer in; {@code parse},
   * {@code check}, {@code gate}: the wait for a computation permit, {@code answer}) for its {@code
   * Server-Timing} header.
   */
  static void stage(Context ctx, String name, long nanos) {
    StringBuilder stages = ctx.attribute(STAGES);
    if (stages == null) {
      stages = new StringBuilder(96);
      ctx.attribute(STAGES, stages);
    }
    stages.append(", ").append(name).append(";dur=").append(millis(nanos));
  }

  private static String millis(long nanos) {
    long micros = Math.max(0, nanos) / 1_000;
    long frac = micros % 1_000;
    return micros / 1_000 + (frac < 10 ? ".00" : frac < 100 ? ".0" : ".") + frac;
  }

  /**
   * The route label: the matched route's template, or {@value #UNMATCHED} for every path no route
   * matched (so that the paths clients make up add no series).
   */
  static String route(Context ctx) {
    Endpoint matched;
    try {
      matched = ctx.endpoints().matchedHttpEndpoint();
    } catch (RuntimeException e) {
      return UNMATCHED;
    }
    String route = matched == null ? null : matched.path;
    return route == null || route.isEmpty() || route.equals("*") ? UNMATCHED : route;
  }

  /** The method label: GET, POST or {@code other} (the methods clients make up add no series). */
  static String method(String method) {
    return "GET".equals(method) || "POST".equals(method) ? method : "other";
  }

  /**
   * Records one step of the engine's ingest and publish ({@link
   * io.liqopt.serving.state.ThresholdEngine#onPhaseTimes}): a histogram per phase, so that the
   * breakdown of a bar's latency reads off {@code /metrics}.
   */
  public void phase(String phase, long nanos) {
    Timer.builder("liqopt_publish_phase")
        .description("Steps of an ingest and of every snapshot published, by phase")
        .tag("phase", phase)
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofNanos(10_000))
        .maximumExpectedValue(Duration.ofSeconds(10))
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  /** Counts bars ingested. */
  void ingested(int bars) {
    registry.counter("liqopt_ingested_bars_total").increment(bars);
  }

  /**
   * The failure counter of background task {@code task} (one of the {@link Supervisor}'s fixed
   * names, never a client's value).
   */
  Counter taskFailures(String task) {
    return Counter.builder("liqopt_task_failures_total")
        .description("Failures of each background task (refresh, compaction, model-watch)")
        .tags("task", task)
        .register(registry);
  }

  /** Counts a reload by its outcome. */
  /** One request refused at admission ({@code busy}) or stopped at its deadline. */
  void refused(String route, String reason) {
    registry.counter("liqopt_requests_refused_total", "route", route, "reason", reason).increment();
  }

  void reload(String outcome) {
    registry.counter("liqopt_reloads_total", "outcome", outcome).increment();
  }

  /** The exposition text, with the gauges refreshed from the current snapshot. */
  String scrape() {
    ThresholdEngine e = engine.get();
    if (e == null) {
      return registry.scrape();
    }
    ServingState s = e.state();
    long wall = e.wallMillis();
    List<MultiGauge.Row<?>> ages = new ArrayList<>();
    for (AssetView v : s.assets().values()) {
      ages.add(MultiGauge.Row.of(Tags.of("symbol", v.symbol()), (wall - v.dataTimeMs()) / 1000.0));
    }
    dataAge.register(ages, true);
    modelInfo.register(
        List.of(MultiGauge.Row.of(Tags.of("model_id", s.modelId(), "mode", s.mode()), 1)), true);
    return registry.scrape();
  }
}

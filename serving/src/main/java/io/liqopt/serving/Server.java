package io.liqopt.serving;

import io.javalin.Javalin;
import io.liqopt.ml.BundleStore;
import io.liqopt.serving.api.Limits;
import io.liqopt.serving.api.Service;
import io.liqopt.serving.api.ServingApp;
import io.liqopt.serving.api.Supervisor;
import io.liqopt.serving.book.BookOptions;
import io.liqopt.serving.book.LiveBook;
import io.liqopt.serving.feeds.LiveOptions;
import io.liqopt.serving.state.ReloadStatus;
import io.liqopt.serving.state.ThresholdEngine;
import io.liqopt.serving.stream.Webhook;
import io.liqopt.serving.wal.SegmentOpener;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running service: the HTTP app (listening from the first moment, {@code /ready} 503 until the
 * engine is loaded), the engine, a scheduler (threshold refresh for the passing time, log
 * compaction) and a watch on {@code models/LATEST} for hot reload. {@link #close} drains.
 */
public final class Server implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Server.class);

  /**
   * @param host the interface to bind (127.0.0.1 by default; 0.0.0.0 for all)
   * @param port the port (0: any free one)
   * @param settings the engine's settings
   * @param limits request bounds
   * @param token the bearer token of ingest and reload; null disables them
   * @param refresh how often thresholds are recomputed for the passing time
   * @param compactEvery how often the write-ahead log is moved into the Parquet store
   * @param drainTimeout how long {@link #close} waits for requests in flight
   * @param live live prices (the guard, the feeds, {@code /v1/market/prices}); null: off
   * @param book the position book ({@code /v1/book}, in {@code DATA/state/book/}); null: off
   * @param webhooks where the stream's events are also POSTed, signed (empty: nowhere)
   */
  public record Options(
      String host,
      int port,
      ThresholdEngine.Settings settings,
      Limits limits,
      String token,
      Duration refresh,
      Duration compactEvery,
      Duration drainTimeout,
      LiveOptions live,
      BookOptions book,
      List<Webhook.Settings> webhooks) {
    public Options {
      webhooks = List.copyOf(webhooks);
    }

    /** Options without webhooks. */
    public Options(
        String host,
        int port,
        ThresholdEngine.Settings settings,
        Limits limits,
        String token,
        Duration refresh,
        Duration compactEvery,
        Duration drainTimeout,
        LiveOptions live,
        BookOptions book) {
      this(
          host,
          port,
          settings,
          limits,
          token,
          refresh,
          compactEvery,
          drainTimeout,
          live,
          book,
          List.of());
    }

    /** Options without live prices. */
    public Options(
        String host,
        int port,
        ThresholdEngine.Settings settings,
        Limits limits,
        String token,
        Duration refresh,
        Duration compactEvery,
        Duration drainTimeout) {
      this(host, port, settings, limits, token, refresh, compactEvery, drainTimeout, null, null);
    }

    /** These options with live prices {@code l}. */
    public Options withLive(LiveOptions l) {
      return withLiveFeatures(l, book, webhooks);
    }

    /** These options with the position book {@code b} (null: off). */
    public Options withBook(BookOptions b) {
      return withLiveFeatures(live, b, webhooks);
    }

    /** These options with {@code hooks} as the webhooks. */
    public Options withWebhooks(List<Webhook.Settings> hooks) {
      return withLiveFeatures(live, book, hooks);
    }

    private Options withLiveFeatures(LiveOptions l, BookOptions b, List<Webhook.Settings> hooks) {
      return new Options(
          host, port, settings, limits, token, refresh, compactEvery, drainTimeout, l, b, hooks);
    }
  }

  private final Options options;
  private final Service service;
  private final Javalin app;
  private final List<ServingApp.Route> routes;
  private final ScheduledExecutorService scheduler;
  private volatile ThresholdEngine engine;
  private volatile LiveServices live;
  private volatile WatchService watch;
  private volatile boolean closed;

  /** Test hook: runs with the task's name at the start of each run of a background task. */
  volatile Consumer<String> probe = task -> {};

  /** How long the model watch waits after a failure before it watches again. */
  volatile Duration watchBackoff = Duration.ofSeconds(1);

  private Server(Options options, Service service, Javalin app, List<ServingApp.Route> routes) {
    this.options = options;
    this.service = service;
    this.app = app;
    this.routes = routes;
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "liqopt-scheduler");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Binds the port, then loads the engine (progress lines to {@code progress}); returns once ready.
   *
   * @throws IOException or IllegalStateException when the engine cannot start (the port is released
   *     again)
   */
  public static Server start(Options options, InstantSource wall, Consumer<String> progress)
      throws IOException {
    return start(options, wall, progress, SegmentOpener.FILES);
  }

  /** As {@link #start(Options, InstantSource, Consumer)}, the log's files opened by {@code wal}. */
  static Server start(
      Options options, InstantSource wall, Consumer<String> progress, SegmentOpener wal)
      throws IOException {
    Service service =
        new Service(options.limits(), options.token(), options.drainTimeout().toMillis());
    List<ServingApp.Route> routes = new ArrayList<>();
    Javalin app = ServingApp.create(service, routes);
    app.start(options.host(), options.port());
    Server server = new Server(options, service, app, routes);
    try {
      progress.accept("listening on " + server.url() + " (ready once loaded)");
      progress.accept(
          "admits at once "
              + service.admissionLimits()
              + "; answers up to "
              + options.limits().maxAnswerBytes()
              + " bytes, "
              + options.limits().deadlineMs()
              + " ms per request");
      server.engine = ThresholdEngine.start(options.settings(), wall, progress, wal);
      server.live = LiveServices.start(options, server.engine, server.service, progress);
      service.ready(server.engine);
      server.schedule();
      server.watchModels();
      return server;
    } catch (IOException | RuntimeException e) {
      server.closed = true;
      server.scheduler.shutdownNow();
      app.stop();
      if (server.engine != null) {
        try {
          server.engine.close(); // e.g. the book refused: release the bar log for a restart
        } catch (IOException | RuntimeException c) {
          e.addSuppressed(c);
        }
      }
      throw e;
    }
  }

  /**
   * The periodic tasks, each through the {@link Supervisor}: a failure, even an Error, is logged,
   * counted and shown, and the task keeps its schedule.
   */
  private void schedule() {
    Supervisor sv = service.supervisor();
    long refreshMs = options.refresh().toMillis();
    scheduler.scheduleWithFixedDelay(
        sv.supervised(
            Supervisor.REFRESH,
            () -> {
              probe.accept(Supervisor.REFRESH);
              engine.refresh();
            }),
        refreshMs,
        refreshMs,
        TimeUnit.MILLISECONDS);
    long compactMs = options.compactEvery().toMillis();
    scheduler.scheduleWithFixedDelay(
        sv.supervised(
            Supervisor.COMPACTION,
            () -> {
              probe.accept(Supervisor.COMPACTION);
              engine.compact();
            }),
        compactMs,
        compactMs,
        TimeUnit.MILLISECONDS);
  }

  private void watchModels() throws IOException {
    Path dir = options.settings().modelsDir();
    if (options.settings().baseline() != null || dir == null || !Files.isDirectory(dir)) {
      return;
    }
    watch = dir.getFileSystem().newWatchService();
    dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
    Thread t = new Thread(this::watchLoop, "liqopt-models-watch");
    t.setDaemon(true);
    t.start();
  }

  /**
   * Watches {@code models/LATEST} until the server closes: any failure is logged, counted and shown
   * (task {@value Supervisor#MODEL_WATCH}), and the watch goes on after a short back-off.
   */
  private void watchLoop() {
    Supervisor sv = service.supervisor();
    while (!closed) {
      try {
        watchOnce();
        sv.succeeded(Supervisor.MODEL_WATCH);
      } catch (InterruptedException | ClosedWatchServiceException e) {
        return; // closing
      } catch (Throwable t) { // the watch must survive even an Error
        sv.failed(Supervisor.MODEL_WATCH, t);
        try {
          Thread.sleep(watchBackoff.toMillis());
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  /** Waits for the next events of the models folder and reloads when LATEST changed. */
  private void watchOnce() throws InterruptedException {
    WatchKey key = watch.take();
    boolean latest = false;
    for (WatchEvent<?> ev : key.pollEvents()) {
      Object ctx = ev.context();
      latest |= ctx instanceof Path p && p.getFileName().toString().equals(BundleStore.LATEST);
    }
    key.reset();
    probe.accept(Supervisor.MODEL_WATCH);
    if (latest && !closed) {
      // debounce: LATEST written in place (by hand) fires several events while it is written;
      // BundleStore replaces it by an atomic rename, a single event
      Thread.sleep(200);
      ReloadStatus s = engine.reload("watch");
      LOG.info("models/LATEST changed: {} {}", s.outcome(), s.message());
    }
  }

  /** The background tasks' and the write-ahead log's state. */
  public Supervisor supervisor() {
    return service.supervisor();
  }

  /** The bound port. */
  public int port() {
    return app.port();
  }

  /** The base URL, e.g. {@code http://127.0.0.1:7070}. */
  public String url() {
    String host = options.host().equals("0.0.0.0") ? "127.0.0.1" : options.host();
    return "http://" + host + ":" + port();
  }

  /** The position book ({@code Options.book}), or null when off. */
  public LiveBook book() {
    LiveServices l = live;
    return l == null ? null : l.book();
  }

  public ThresholdEngine engine() {
    return engine;
  }

  /** Requests being handled now. */
  public int requestsInFlight() {
    return service.requestsInFlight();
  }

  /** The routes the app registered (tests compare them with the OpenAPI document). */
  public List<ServingApp.Route> routes() {
    return List.copyOf(routes);
  }

  /**
   * Drains and stops: {@code /ready} turns 503, requests in flight finish (up to the drain
   * timeout), the HTTP server stops, the log is compacted and the model released.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    service.drain();
    app.stop(); // graceful: Jetty waits for requests in flight (see ServingApp)
    scheduler.shutdownNow();
    if (live != null) {
      live.close();
    }
    try {
      if (watch != null) {
        watch.close();
      }
      if (engine != null) {
        engine.close();
      }
    } catch (IOException e) {
      LOG.error("closing: {}", e.getMessage());
    } finally {
      service.metrics().close();
    }
  }
}

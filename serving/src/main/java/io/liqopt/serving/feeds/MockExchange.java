package io.liqopt.serving.feeds;

import io.javalin.Javalin;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import io.liqopt.core.market.BarInterval;
import io.liqopt.core.market.BarSeries;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.eclipse.jetty.websocket.api.Callback;

/**
 * A local exchange for demos, replays and tests: hourly bars served as Binance combined kline
 * streams ({@link MockKlines}: each hour as {@code stepsPerHour} updates of a 1h kline, the last
 * closed with the hour's volumes; 1h rather than 1m klines so that one closed candle carries the
 * bar's exact volumes and covers the hour, as {@link BarAssembler} needs, with nothing to split
 * across minutes) at {@code speed} (bar time per wall time), with injected {@link Fault}s.
 *
 * <p>It serves several venues (sources) on one port: {@code ws://127.0.0.1:PORT/<venue>/stream
 * ?streams=btcusdt@kline_1h/...} (and the venue {@code ""} at {@code /stream}). Each venue's script
 * position moves on as it is sent and survives reconnects (an exchange's time goes on), so faults
 * are keyed on the step of a venue's script. Bound to 127.0.0.1 on a random port; one sender thread
 * per connection, blocking on each send (no queue builds up). Thread-safe.
 */
public final class MockExchange implements AutoCloseable {
  private static final long HOUR_MS = BarInterval.H1.millis();
  private static final long SEND_TIMEOUT_MS = 10_000;
  private static final long JOIN_MS = 5_000;

  /** What a fault does, at the steps {@code [fromStep, fromStep + steps)}. */
  public enum FaultKind {
    /** The price stays at its value at {@code fromStep} (times still move on). */
    FREEZE,
    /** The price is multiplied by {@code factor}. */
    SPIKE,
    /** The venue's connection is closed after the step {@code fromStep} was sent (once). */
    DISCONNECT,
    /** After each message, a late copy of the symbol's previous message (an older time). */
    OUT_OF_ORDER,
    /** Each message is sent twice. */
    DUPLICATE,
    /** After each message, one that is not JSON. */
    MALFORMED
  }

  /**
   * An injected fault.
   *
   * @param venue the venue it hits, {@code *} for all
   * @param symbol the symbol it hits (upper case), {@code *} for all
   * @param fromStep the first step of the venue's script it hits
   * @param steps how many steps it lasts
   * @param factor the spike's price factor (1 for the others)
   */
  public record Fault(
      String venue, String symbol, FaultKind kind, long fromStep, long steps, double factor) {
    public Fault {
      if (venue == null || symbol == null || kind == null || fromStep < 0 || steps < 1) {
        throw new IllegalArgumentException("a fault needs a venue, symbol, kind and steps ≥ 1");
      }
      if (!(factor > 0) || !Double.isFinite(factor)) {
        throw new IllegalArgumentException("a fault's factor must be positive, was " + factor);
      }
      symbol = symbol.toUpperCase(Locale.ROOT);
    }

    public static Fault of(String venue, String symbol, FaultKind kind, long fromStep, long steps) {
      return new Fault(venue, symbol, kind, fromStep, steps, 1);
    }

    public static Fault spike(
        String venue, String symbol, long fromStep, long steps, double factor) {
      return new Fault(venue, symbol, FaultKind.SPIKE, fromStep, steps, factor);
    }

    /** Closes the venue's connection after step {@code afterStep}. */
    public static Fault disconnect(String venue, long afterStep) {
      return new Fault(venue, "*", FaultKind.DISCONNECT, afterStep, 1, 1);
    }

    boolean hits(String v, String s, long k) {
      return (venue.equals("*") || venue.equals(v))
          && (symbol.equals("*") || symbol.equals(s))
          && k >= fromStep
          && k - fromStep < steps;
    }
  }

  /**
   * The exchange's settings.
   *
   * @param stepsPerHour kline updates per bar, at least 4
   * @param speed bar time per wall time ({@code 60} plays an hour a minute); {@code
   *     Double.POSITIVE_INFINITY} sends as fast as the client reads
   * @param clockTimes stamp messages with the clock when sent rather than with the bars' times
   */
  public record Settings(int stepsPerHour, double speed, boolean clockTimes) {
    public Settings {
      if (stepsPerHour < 4 || !(speed > 0)) {
        throw new IllegalArgumentException("stepsPerHour ≥ 4 and a positive speed needed");
      }
    }
  }

  /** A venue's script position and counters. */
  private static final class Venue {
    final AtomicLong position = new AtomicLong();
    final AtomicLong connections = new AtomicLong();
    final AtomicLong sent = new AtomicLong();
  }

  private final MockKlines script;
  private final Settings settings;
  private final List<Fault> faults;
  private final LongSupplier clock;
  private final Map<String, Venue> venues = new ConcurrentHashMap<>();
  private final Map<String, Thread> senders = new ConcurrentHashMap<>();
  private final Javalin app;
  private final java.util.concurrent.CountDownLatch begun =
      new java.util.concurrent.CountDownLatch(1);
  private volatile long startNs;

  private MockExchange(
      Map<String, BarSeries> bars, Settings settings, List<Fault> faults, LongSupplier clock) {
    this.script = new MockKlines(bars, settings.stepsPerHour());
    this.settings = settings;
    this.faults = List.copyOf(faults);
    this.clock = clock;
    this.app =
        Javalin.create(
            cfg -> {
              cfg.startup.showJavalinBanner = false;
              cfg.routes.ws("/stream", this::stream);
              cfg.routes.ws("/{venue}/stream", this::stream);
            });
  }

  /** Starts an exchange serving {@code bars} (hourly, per symbol) on 127.0.0.1, a random port. */
  public static MockExchange start(
      Map<String, BarSeries> bars, Settings settings, List<Fault> faults, LongSupplier clock) {
    MockExchange m = startPaused(bars, settings, faults, clock);
    m.begin();
    return m;
  }

  /**
   * As {@link #start}, but its venues send nothing until {@link #begin} (clients may connect): a
   * replay starts its clock and the script together once the service is loaded.
   */
  public static MockExchange startPaused(
      Map<String, BarSeries> bars, Settings settings, List<Fault> faults, LongSupplier clock) {
    MockExchange m = new MockExchange(bars, settings, faults, clock);
    m.app.start("127.0.0.1", 0);
    return m;
  }

  /**
   * Starts the script now (once; later calls do nothing); returns when, as {@link System#nanoTime}.
   */
  /**
   * Starts the script now (once; later calls do nothing); returns its start, as {@link
   * #startNanos}.
   */
  public synchronized long begin() {
    if (begun.getCount() > 0) {
      startNs = System.nanoTime();
      begun.countDown();
    }
    return startNs;
  }

  /** The port it listens on. */
  public int port() {
    return app.port();
  }

  /** The base URL of {@code venue} for {@link BinanceKlineFeed.Settings#baseUrl()}. */
  public String baseUrl(String venue) {
    return "ws://127.0.0.1:" + port() + (venue.isEmpty() ? "" : "/" + venue);
  }

  /** Connections {@code venue} accepted so far. */
  public long connections(String venue) {
    return venue(venue).connections.get();
  }

  /** Messages {@code venue} sent so far. */
  public long sent(String venue) {
    return venue(venue).sent.get();
  }

  /** The steps of the script (a venue that reached it has sent everything). */
  public long steps() {
    return script.steps();
  }

  /** The next step {@code venue} will send. */
  public long position(String venue) {
    return venue(venue).position.get();
  }

  private Venue venue(String name) {
    return venues.computeIfAbsent(name, n -> new Venue());
  }

  private void stream(WsConfig ws) {
    ws.onConnect(
        ctx -> {
          String name = ctx.pathParamMap().getOrDefault("venue", "");
          Venue v = venue(name);
          v.connections.incrementAndGet();
          List<String> symbols = script.symbols(ctx.queryParam("streams"));
          Thread t = new Thread(() -> play(ctx, name, v, symbols), "liqopt-mock-" + name);
          t.setDaemon(true);
          senders.put(ctx.sessionId(), t);
          t.start();
        });
    ws.onClose(ctx -> stop(ctx.sessionId()));
    ws.onError(ctx -> stop(ctx.sessionId()));
  }

  private void stop(String sessionId) {
    Thread t = senders.remove(sessionId);
    if (t != null && t != Thread.currentThread()) {
      t.interrupt();
    }
  }

  /** Sends the venue's script from its position until the end, a disconnect or a close. */
  private void play(WsContext ctx, String name, Venue v, List<String> symbols) {
    Map<String, String> previous = new HashMap<>();
    long stepNs = (long) (HOUR_MS * 1e6 / settings.stepsPerHour() / settings.speed());
    try {
      begun.await();
      for (long k = v.position.get(); k < script.steps(); k++) {
        // step k (its time the end of the k-th step) is due k + 1 steps after the exchange started:
        // paced on one anchor, the script keeps time with a clock started with it (its messages
        // stamped no later than that clock), and a venue back from a disconnect catches up
        long waitNs = startNs + (k + 1) * stepNs - System.nanoTime();
        if (stepNs > 0 && waitNs > 0) {
          TimeUnit.NANOSECONDS.sleep(waitNs);
        }
        for (String symbol : symbols) {
          sendStep(ctx, name, v, symbol, k, previous);
        }
        v.position.accumulateAndGet(k + 1, Math::max);
        if (disconnects(name, k)) {
          ctx.closeSession();
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      // the client went away or stopped reading: this connection's sender ends
      senders.remove(ctx.sessionId());
    }
  }

  private boolean disconnects(String venue, long k) {
    for (Fault f : faults) {
      if (f.kind() == FaultKind.DISCONNECT && f.hits(venue, "*", k) && k == f.fromStep()) {
        return true;
      }
    }
    return false;
  }

  private void sendStep(
      WsContext ctx, String venue, Venue v, String symbol, long k, Map<String, String> previous)
      throws InterruptedException {
    int i = script.barIndex(symbol, k);
    if (i < 0) {
      return;
    }
    int n = script.stepsPerHour();
    double close = script.price(symbol, i, (int) (k % n));
    boolean twice = false;
    boolean late = false;
    boolean garbage = false;
    for (Fault f : faults) {
      if (!f.hits(venue, symbol, k)) {
        continue;
      }
      switch (f.kind()) {
        case FREEZE -> {
          int i0 = script.barIndex(symbol, f.fromStep());
          close = i0 < 0 ? close : script.price(symbol, i0, (int) (f.fromStep() % n));
        }
        case SPIKE -> close *= f.factor();
        case DUPLICATE -> twice = true;
        case OUT_OF_ORDER -> late = true;
        case MALFORMED -> garbage = true;
        case DISCONNECT -> {}
      }
    }
    long eventMs = settings.clockTimes() ? clock.getAsLong() : Long.MIN_VALUE;
    String message = script.message(symbol, i, k, close, eventMs);
    send(ctx, v, message);
    if (twice) {
      send(ctx, v, message);
    }
    if (late && previous.containsKey(symbol)) {
      send(ctx, v, previous.get(symbol));
    }
    if (garbage) {
      send(ctx, v, "{\"stream\":\"" + symbol.toLowerCase(Locale.ROOT) + "@kline_1h\",\"data\":{");
    }
    previous.put(symbol, message);
  }

  private static void send(WsContext ctx, Venue v, String message) throws InterruptedException {
    Callback.Completable done = new Callback.Completable();
    ctx.session.sendText(message, done);
    try {
      done.get(SEND_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("send failed: " + FeedCounters.describe(e), e);
    }
    v.sent.incrementAndGet();
  }

  /** Stops the server and its senders. */
  @Override
  public void close() {
    app.stop();
    for (Thread t : senders.values()) {
      t.interrupt();
    }
    try {
      for (Thread t : senders.values()) {
        t.join(JOIN_MS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    senders.clear();
  }
}

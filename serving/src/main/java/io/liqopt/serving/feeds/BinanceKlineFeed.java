package io.liqopt.serving.feeds;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * Binance's public kline stream as a {@link PriceFeed}: one combined-stream WebSocket ({@code
 * <base>/stream?streams=btcusdt@kline_1m/ethusdt@kline_1m}) read with the JDK's {@link WebSocket},
 * each message read by {@link KlineMessages} on the socket's thread as it comes (flow control: one
 * {@code request(1)} per frame, so nothing queues), fragments of one message assembled up to {@code
 * maxMessageChars} (beyond: counted malformed, dropped).
 *
 * <p>A supervisor thread connects, watches and reconnects: after a failed connect or a dropped
 * stream it waits an exponential {@link Backoff} (reset once a connection has lived {@code
 * healthyAfterMs} with messages); it aborts a connection without any frame (message or ping) for
 * {@code idleTimeoutMs}, and replaces one older than {@code maxConnectionMs} at once (Binance
 * closes connections at 24 h). Pings are answered with pongs by the JDK. Thread-safe.
 */
public final class BinanceKlineFeed implements PriceFeed {
  /** Binance's public stream endpoint. */
  public static final String BINANCE_URL = "wss://stream.binance.com:9443";

  /**
   * The feed's settings.
   *
   * @param name the source name its quotes carry
   * @param baseUrl the endpoint, e.g. {@link #BINANCE_URL} or {@code ws://127.0.0.1:PORT/venue}
   * @param symbols the symbols, e.g. {@code BTCUSDT} (lower-cased in the stream names)
   * @param interval the kline interval, e.g. {@code 1m} or {@code 1h}
   * @param initialBackoffMs the first wait after a failure, ms
   * @param maxBackoffMs the longest wait, ms
   * @param healthyAfterMs a connection this old with messages resets the backoff, ms
   * @param idleTimeoutMs a connection without frames this long is aborted, ms
   * @param maxConnectionMs a connection this old is replaced, ms
   * @param maxMessageChars the largest message read, chars
   * @param jitterSeed the backoff jitter's seed
   */
  public record Settings(
      String name,
      String baseUrl,
      List<String> symbols,
      String interval,
      long initialBackoffMs,
      long maxBackoffMs,
      long healthyAfterMs,
      long idleTimeoutMs,
      long maxConnectionMs,
      int maxMessageChars,
      long jitterSeed) {
    public Settings {
      symbols = List.copyOf(symbols);
      if (name == null || name.isBlank() || baseUrl == null || baseUrl.isBlank()) {
        throw new IllegalArgumentException("a feed needs a name and a base URL");
      }
      if (symbols.isEmpty() || interval == null || !interval.matches("[0-9]+[smhdwM]")) {
        throw new IllegalArgumentException("a feed needs symbols and an interval such as 1m");
      }
      if (initialBackoffMs <= 0
          || maxBackoffMs < initialBackoffMs
          || healthyAfterMs < 0
          || idleTimeoutMs <= 0
          || maxConnectionMs <= 0
          || maxMessageChars <= 0) {
        throw new IllegalArgumentException(
            "backoff 0 < initial ≤ max, healthyAfterMs ≥ 0, and positive idle timeout,"
                + " connection age and message size needed");
      }
    }

    /**
     * Defaults: source {@code binance}, 1m klines, backoff 0.5 s doubling to 30 s, reset after a
     * minute, idle timeout 60 s (Binance pings every 20 s), connections replaced after 23 h, 64 KiB
     * messages.
     */
    public static Settings of(String baseUrl, List<String> symbols) {
      return new Settings(
          "binance", baseUrl, symbols, "1m", 500, 30_000, 60_000, 60_000, 82_800_000, 65_536, 1);
    }

    public Settings withName(String n) {
      return new Settings(
          n,
          baseUrl,
          symbols,
          interval,
          initialBackoffMs,
          maxBackoffMs,
          healthyAfterMs,
          idleTimeoutMs,
          maxConnectionMs,
          maxMessageChars,
          jitterSeed);
    }

    public Settings withInterval(String i) {
      return new Settings(
          name,
          baseUrl,
          symbols,
          i,
          initialBackoffMs,
          maxBackoffMs,
          healthyAfterMs,
          idleTimeoutMs,
          maxConnectionMs,
          maxMessageChars,
          jitterSeed);
    }

    public Settings withBackoffMs(long initialMs, long maxMs) {
      return new Settings(
          name,
          baseUrl,
          symbols,
          interval,
          initialMs,
          maxMs,
          healthyAfterMs,
          idleTimeoutMs,
          maxConnectionMs,
          maxMessageChars,
          jitterSeed);
    }

    public Settings withMaxMessageChars(int chars) {
      return new Settings(
          name,
          baseUrl,
          symbols,
          interval,
          initialBackoffMs,
          maxBackoffMs,
          healthyAfterMs,
          idleTimeoutMs,
          maxConnectionMs,
          chars,
          jitterSeed);
    }

    /** The combined stream's URI. */
    public URI uri() {
      String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
      String streams =
          symbols.stream()
              .map(s -> s.toLowerCase(Locale.ROOT) + "@kline_" + interval)
              .collect(Collectors.joining("/"));
      return URI.create(base + "/stream?streams=" + streams);
    }
  }

  private static final long CONNECT_TIMEOUT_MS = 10_000;
  private static final long JOIN_MS = 5_000;

  private final Settings settings;
  private final FeedCounters counters = new FeedCounters();
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final ExecutorService io;
  private final HttpClient client;
  private volatile Thread supervisor;
  private volatile WebSocket current;

  public BinanceKlineFeed(Settings settings) {
    this.settings = settings;
    this.io =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "liqopt-feed-" + settings.name() + "-io");
              t.setDaemon(true);
              return t;
            });
    this.client =
        HttpClient.newBuilder()
            .executor(io)
            .connectTimeout(Duration.ofMillis(CONNECT_TIMEOUT_MS))
            .build();
  }

  @Override
  public String name() {
    return settings.name();
  }

  @Override
  public void start(QuoteSink sink) {
    if (closed.get() || !started.compareAndSet(false, true)) {
      throw new IllegalStateException("feed " + name() + " was already started or closed");
    }
    Thread t = new Thread(() -> supervise(sink), "liqopt-feed-" + name());
    t.setDaemon(true);
    supervisor = t;
    t.start();
  }

  @Override
  public FeedStatus status() {
    return counters.status(name());
  }

  /** Gives up a connection still opening: it is dropped if it ever opens. */
  private static void drop(KlineListener c, CompletableFuture<WebSocket> opening) {
    c.abandon();
    opening.thenAccept(WebSocket::abort);
  }

  /** Connects, watches and reconnects until closed. */
  private void supervise(QuoteSink sink) {
    Backoff backoff =
        new Backoff(settings.initialBackoffMs(), settings.maxBackoffMs(), settings.jitterSeed());
    try {
      while (!closed.get()) {
        counters.state("connecting");
        KlineListener c = new KlineListener(name(), settings.maxMessageChars(), counters, sink);
        WebSocket ws;
        CompletableFuture<WebSocket> opening =
            client
                .newWebSocketBuilder()
                .connectTimeout(Duration.ofMillis(CONNECT_TIMEOUT_MS))
                .buildAsync(settings.uri(), c);
        try {
          ws = opening.get(CONNECT_TIMEOUT_MS + 1_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
          drop(c, opening);
          counters.fail("connect to " + settings.uri() + ": " + FeedCounters.describe(e));
          pause(backoff.nextMs());
          continue;
        } catch (InterruptedException e) {
          drop(c, opening); // closed while connecting
          throw e;
        }
        current = ws; // the listener counted the connect in onOpen
        long openedNs = System.nanoTime();
        String dropped = watch(c, ws, openedNs);
        ws.abort();
        current = null;
        if (closed.get()) {
          break;
        }
        long livedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - openedNs);
        if (livedMs >= settings.healthyAfterMs() && c.messages() > 0) {
          backoff.reset();
        }
        if (dropped != null) {
          counters.fail(dropped);
          pause(backoff.nextMs());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      counters.state("closed");
    }
  }

  /**
   * Waits while {@code c} lives; the reason it was dropped, or null when it was replaced for its
   * age (or the feed closed).
   */
  private String watch(KlineListener c, WebSocket ws, long openedNs) throws InterruptedException {
    long pollMs =
        Math.max(
            1, Math.min(1_000, Math.min(settings.idleTimeoutMs(), settings.maxConnectionMs()) / 4));
    while (!closed.get()) {
      try {
        return c.done().get(pollMs, TimeUnit.MILLISECONDS);
      } catch (ExecutionException e) {
        return FeedCounters.describe(e);
      } catch (TimeoutException e) {
        long now = System.nanoTime();
        if (TimeUnit.NANOSECONDS.toMillis(now - c.lastFrameNs()) > settings.idleTimeoutMs()) {
          return "no frame for " + settings.idleTimeoutMs() + " ms";
        }
        if (TimeUnit.NANOSECONDS.toMillis(now - openedNs) > settings.maxConnectionMs()) {
          ws.sendClose(WebSocket.NORMAL_CLOSURE, "replaced");
          return null;
        }
      }
    }
    return null;
  }

  private void pause(long ms) throws InterruptedException {
    counters.state("backoff");
    Thread.sleep(ms);
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    Thread t = supervisor;
    if (t != null) {
      t.interrupt();
    }
    WebSocket ws = current;
    if (ws != null) {
      ws.abort();
    }
    try {
      if (t != null) {
        t.join(JOIN_MS);
      }
      io.shutdownNow();
      io.awaitTermination(JOIN_MS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    counters.state("closed");
  }
}

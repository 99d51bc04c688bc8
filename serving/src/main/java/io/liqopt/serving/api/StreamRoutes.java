package io.liqopt.serving.api;

import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiParam;
import io.javalin.openapi.OpenApiResponse;
import io.liqopt.serving.stream.EventJournal;
import jakarta.servlet.ServletOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * {@code GET /v1/stream}: Server-Sent Events of the journal ({@link EventJournal}). A client that
 * sends {@code Last-Event-ID} (header, or the {@code lastEventId} query parameter) gets the events
 * after it while they are retained; otherwise, or when they are not, a {@code snapshot} event first
 * (the state now), then every event as it happens; a {@code :caught-up} comment marks the end of
 * the replay. Streams have their own cap (a 503 beyond it) and no per-request deadline; each has a
 * bounded queue written without blocking ({@link SseStream}), so a slow client never holds up the
 * engine: one that falls {@link #QUEUE} events or {@link #QUEUE_BYTES} behind gets an {@code
 * overflow} event and is closed (it reconnects with its last id). A comment every {@link
 * #HEARTBEAT_MS} keeps proxies from closing an idle stream, and finds the streams whose client went
 * away.
 */
final class StreamRoutes {
  /** Events a stream may fall behind before it is closed. */
  static final int QUEUE = 4096;

  /**
   * Bytes of events a stream may fall behind before it is closed: a book event names up to 1 000
   * ids of up to 128 characters, so 4 096 of them could otherwise hold half a gigabyte a stream.
   */
  static final long QUEUE_BYTES = 8L << 20;

  /** The idle stream's keep-alive comment, ms. */
  static final long HEARTBEAT_MS = 15_000;

  private final Service service;
  private final AtomicInteger open = new AtomicInteger();

  private static final byte[] CAUGHT_UP = SseStream.comment("caught-up");
  private static final byte[] KEEP_ALIVE = SseStream.comment("keep-alive");

  private final Map<SseClient, SseStream> streams = new ConcurrentHashMap<>();
  private final AtomicReference<Framed> lastFramed = new AtomicReference<>();
  private ScheduledExecutorService heartbeat; // under streams' lock; started with the first stream

  StreamRoutes(Service service) {
    this.service = service;
    service.onDrainCloseStreams(this::closeAll);
  }

  /** Closes every stream (the server is stopping). */
  void closeAll() {
    for (SseClient c : streams.keySet()) {
      c.close();
    }
    synchronized (streams) {
      if (heartbeat != null) {
        heartbeat.shutdownNow();
        heartbeat = null;
      }
    }
  }

  @OpenApi(
      path = "/v1/stream",
      methods = HttpMethod.GET,
      tags = "stream",
      summary =
          "Server-Sent Events: snapshot, threshold changes, positions entering and leaving the"
              + " liquidatable set, guard alerts, stale assets; resumable with Last-Event-ID within"
              + " the retained window",
      headers = @OpenApiParam(name = "Last-Event-ID", required = false, example = "1234"),
      responses = {
        @OpenApiResponse(
            status = "200",
            content = @OpenApiContent(type = "string", mimeType = "text/event-stream")),
        @OpenApiResponse(
            status = "406",
            content = @OpenApiContent(from = Problem.class, mimeType = Problem.MEDIA_TYPE)),
        @OpenApiResponse(
            status = "503",
            content = @OpenApiContent(from = Problem.class, mimeType = Problem.MEDIA_TYPE))
      })
  void open(Context ctx) {
    long last = lastEventId(ctx);
    String accept = ctx.header("Accept");
    if (accept == null || !accept.contains("text/event-stream")) {
      throw ApiException.notAcceptable(
          "a stream of Server-Sent Events: send 'Accept: text/event-stream'");
    }
    if (open.incrementAndGet() > service.maxStreams()) {
      open.decrementAndGet();
      throw ApiException.busy(
          "at most " + service.maxStreams() + " streams at once; retry later", 5);
    }
    try {
      new SseHandler(client -> serve(client, last)).handle(ctx);
    } catch (Exception e) {
      open.decrementAndGet();
      throw e;
    }
  }

  private void serve(SseClient client, long last) {
    EventJournal journal = service.journal();
    ServletOutputStream out;
    try {
      out = client.ctx().res().getOutputStream();
    } catch (IOException e) {
      open.decrementAndGet(); // the connection is gone: the handler ends the response
      return;
    }
    SseStream stream = new SseStream(out, QUEUE, QUEUE_BYTES, client::close);
    Consumer<EventJournal.Event> subscriber = e -> stream.offer(frame(e));
    // live events are queued behind the replay from here on, and written once it starts
    EventJournal.Replay replay = journal.subscribe(last, subscriber);
    streams.put(client, stream);
    client.onClose(
        () -> {
          streams.remove(client);
          journal.unsubscribe(subscriber);
          open.decrementAndGet();
        });
    client.keepAlive();
    List<byte[]> first = new ArrayList<>(replay.events().size() + 2);
    if (!replay.complete()) {
      first.add(SseStream.event("snapshot", service.streamSnapshot(), null));
    }
    for (EventJournal.Event e : replay.events()) {
      first.add(frame(e));
    }
    first.add(CAUGHT_UP); // what follows happens live
    startHeartbeat();
    stream.start(first);
  }

  /**
   * The frame of {@code e}, made once for all the streams it is offered to (the journal tells them
   * one after another on the appending thread).
   */
  private byte[] frame(EventJournal.Event e) {
    Framed f = lastFramed.get();
    if (f == null || f.event() != e) {
      f = new Framed(e, SseStream.event(e.type(), e.json(), Long.toString(e.id())));
      lastFramed.set(f);
    }
    return f.bytes();
  }

  private record Framed(EventJournal.Event event, byte[] bytes) {}

  /** Sends the keep-alive comment; a failure ends that stream, never the heartbeat's task. */
  private static void keepAlive(SseStream s) {
    try {
      s.offer(KEEP_ALIVE);
    } catch (RuntimeException e) {
      s.onError(e);
    }
  }

  /** Starts, once, the comment every {@link #HEARTBEAT_MS} on every open stream. */
  private void startHeartbeat() {
    synchronized (streams) {
      if (heartbeat == null) {
        heartbeat =
            Executors.newSingleThreadScheduledExecutor(
                r -> {
                  Thread t = new Thread(r, "liqopt-stream-heartbeat");
                  t.setDaemon(true);
                  return t;
                });
        heartbeat.scheduleWithFixedDelay(
            () -> streams.values().forEach(StreamRoutes::keepAlive),
            HEARTBEAT_MS,
            HEARTBEAT_MS,
            TimeUnit.MILLISECONDS);
      }
    }
  }

  private static long lastEventId(Context ctx) {
    String v = ctx.header("Last-Event-ID");
    if (v == null) {
      v = ctx.queryParam("lastEventId");
    }
    if (v == null || v.isBlank()) {
      return -1;
    }
    try {
      long id = Long.parseLong(v.trim());
      if (id < 0) {
        throw new NumberFormatException();
      }
      return id;
    } catch (NumberFormatException e) {
      throw ApiException.invalid("Last-Event-ID", "must be a non-negative event id, was " + v);
    }
  }
}

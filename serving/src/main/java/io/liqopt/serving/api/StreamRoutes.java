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
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * {@code GET /v1/stream}: Server-Sent Events of the journal ({@link EventJournal}). A client that
 * sends {@code Last-Event-ID} (header, or the {@code lastEventId} query parameter) gets the events
 * after it while they are retained; otherwise, or when they are not, a {@code snapshot} event first
 * (the state now), then every event as it happens; a {@code :caught-up} comment marks the end of
 * the replay. Streams have their own cap (a 503 beyond it) and no per-request deadline; each has a
 * bounded queue and its own writer thread, so a slow client never holds up the engine: one that
 * falls {@link #QUEUE} events behind gets an {@code overflow} event and is closed (it reconnects
 * with its last id). A comment every {@link #HEARTBEAT_MS} keeps proxies from closing an idle
 * stream.
 */
final class StreamRoutes {
  /** Events a stream may fall behind before it is closed. */
  static final int QUEUE = 4096;

  /** The idle stream's keep-alive comment, ms. */
  static final long HEARTBEAT_MS = 15_000;

  private final Service service;
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicInteger opened = new AtomicInteger();

  private final java.util.Set<SseClient> clients =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  StreamRoutes(Service service) {
    this.service = service;
    service.onDrainCloseStreams(this::closeAll);
  }

  /** Closes every stream (the server is stopping). */
  void closeAll() {
    for (SseClient c : clients) {
      c.close();
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
    BlockingQueue<EventJournal.Event> queue = new ArrayBlockingQueue<>(QUEUE);
    AtomicBoolean overflow = new AtomicBoolean();
    Consumer<EventJournal.Event> subscriber =
        e -> {
          if (!queue.offer(e)) {
            overflow.set(true);
          }
        };
    EventJournal.Replay replay = journal.subscribe(last, subscriber);
    String name = "liqopt-stream-" + opened.incrementAndGet();
    Thread writer = new Thread(() -> write(client, replay, queue, overflow), name);
    writer.setDaemon(true);
    clients.add(client);
    client.onClose(
        () -> {
          clients.remove(client);
          journal.unsubscribe(subscriber);
          open.decrementAndGet();
          writer.interrupt();
        });
    client.keepAlive();
    writer.start();
  }

  private void write(
      SseClient client,
      EventJournal.Replay replay,
      BlockingQueue<EventJournal.Event> queue,
      AtomicBoolean overflow) {
    try {
      if (!replay.complete()) {
        client.sendEvent("snapshot", service.streamSnapshot());
      }
      for (EventJournal.Event e : replay.events()) {
        send(client, e);
      }
      client.sendComment("caught-up"); // what follows happens live
      while (!client.terminated()) {
        EventJournal.Event e = queue.poll(HEARTBEAT_MS, TimeUnit.MILLISECONDS);
        if (overflow.get()) {
          client.sendEvent("overflow", "{\"reconnectWithLastEventId\":true}");
          client.close();
          return;
        }
        if (e == null) {
          client.sendComment("keep-alive");
        } else {
          send(client, e);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      client.close(); // the client went away mid-write
    }
  }

  private static void send(SseClient client, EventJournal.Event e) {
    client.sendEvent(e.type(), e.json(), Long.toString(e.id()));
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

package io.liqopt.serving.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * A replay's view of the service, through its public API as a keeper would have it: JSON GETs,
 * position PUTs with the bearer token, and the event stream, whose events it counts per type and
 * per hour of market time. Not for concurrent GETs of one response.
 */
final class ReplayClient implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final long HOUR_MS = 3_600_000L;
  private static final Set<String> ALERT_TYPES =
      Set.of("guard-alert", "asset-stale", "asset-fresh");

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final String token;

  /** Per market hour, per event type, how many events (the ids they name, for position events). */
  private final Map<Long, Map<String, AtomicLong>> events = new ConcurrentHashMap<>();

  /**
   * The guard's alerts and the assets' staleness flips, as they arrived (at most {@link
   * #MAX_ALERTS}).
   */
  private final List<Alert> alerts = new CopyOnWriteArrayList<>();

  /** The most alerts kept. */
  static final int MAX_ALERTS = 500;

  /**
   * A guard alert or staleness flip from the stream.
   *
   * @param atMs market time when it arrived
   * @param type the event type
   * @param symbol the asset
   * @param detail the guard's reason
   */
  record Alert(long atMs, String type, String symbol, String detail) {}

  private volatile Stream<String> stream;
  private Thread reader;

  ReplayClient(String baseUrl, String token) {
    this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.token = token;
  }

  /** GET {@code path} as JSON; fails on any status but 200. */
  JsonNode get(String path) throws IOException, InterruptedException {
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(TIMEOUT)
            .header("Accept", "application/json")
            .build();
    HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
    if (res.statusCode() != 200) {
      throw new IOException("GET " + path + " answered " + res.statusCode() + ": " + res.body());
    }
    return JSON.readTree(res.body());
  }

  /** PUTs version 1 of {@code p} into the book; fails on any status but 200 or 201. */
  void put(SyntheticBook.Position p) throws IOException, InterruptedException {
    ObjectNode body = JSON.createObjectNode();
    body.put("version", 1);
    var collateral = body.putArray("collateral");
    p.collateral()
        .forEach(
            (symbol, quantity) ->
                collateral.addObject().put("symbol", symbol).put("quantity", quantity));
    body.put("debtQuote", p.debtQuote());
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(base + "/v1/book/positions/" + p.id()))
            .timeout(TIMEOUT)
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
            .build();
    HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
    if (res.statusCode() != 200 && res.statusCode() != 201) {
      throw new IOException("PUT " + p.id() + " answered " + res.statusCode() + ": " + res.body());
    }
  }

  /**
   * Opens the event stream and counts its events by type, in the market hour of {@code clock} when
   * each arrives; a position event counts the positions it names.
   */
  void follow(LongSupplier clock) throws IOException, InterruptedException {
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(base + "/v1/stream"))
            .header("Accept", "text/event-stream")
            .build();
    HttpResponse<Stream<String>> res = http.send(req, HttpResponse.BodyHandlers.ofLines());
    if (res.statusCode() != 200) {
      res.body().close();
      throw new IOException("GET /v1/stream answered " + res.statusCode());
    }
    stream = res.body();
    reader =
        new Thread(
            () -> {
              String[] type = {null};
              try {
                stream.forEach(line -> count(line, type, clock));
              } catch (RuntimeException e) {
                // closed at the end of the replay
              }
            },
            "liqopt-replay-stream");
    reader.setDaemon(true);
    reader.start();
  }

  private void count(String line, String[] type, LongSupplier clock) {
    if (line.startsWith("event:")) {
      type[0] = line.substring(6).trim();
    } else if (line.startsWith("data:") && type[0] != null) {
      long n = 1;
      if (type[0].startsWith("liquidatable-")) {
        try {
          n = JSON.readTree(line.substring(5)).path("count").asLong(1);
        } catch (IOException e) {
          n = 1;
        }
      }
      long now = clock.getAsLong();
      if (ALERT_TYPES.contains(type[0]) && alerts.size() < MAX_ALERTS) {
        try {
          JsonNode d = JSON.readTree(line.substring(5));
          alerts.add(
              new Alert(now, type[0], d.path("symbol").asText(), d.path("detail").asText("")));
        } catch (IOException e) {
          alerts.add(new Alert(now, type[0], "", "unreadable event data"));
        }
      }
      long hour = Math.floorDiv(now, HOUR_MS) * HOUR_MS;
      events
          .computeIfAbsent(hour, h -> new ConcurrentHashMap<>())
          .computeIfAbsent(type[0], t -> new AtomicLong())
          .addAndGet(n);
    } else if (line.isEmpty()) {
      type[0] = null;
    }
  }

  /** The alerts so far. */
  List<Alert> alerts() {
    return List.copyOf(alerts);
  }

  /** The events counted in the market hour starting at {@code hourMs}, by type. */
  Map<String, Long> events(long hourMs) {
    Map<String, Long> out = new TreeMap<>();
    events.getOrDefault(hourMs, Map.of()).forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  @Override
  public void close() {
    Stream<String> s = stream;
    if (s != null) {
      s.close();
    }
    if (reader != null) {
      reader.interrupt();
    }
  }
}

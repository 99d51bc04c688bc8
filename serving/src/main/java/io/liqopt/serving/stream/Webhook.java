package io.liqopt.serving.stream;

import io.liqopt.serving.feeds.Backoff;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Delivers the stream's events to one URL as they are appended: each event, of the types asked for,
 * is POSTed as {@code {"id":…,"type":…,"timeMs":…,"data":{…}}} with its type in {@code
 * X-Liqopt-Event}, its id in {@code X-Liqopt-Event-Id} and a {@link WebhookSignature}. In order,
 * one at a time: a delivery that fails (an I/O error or a status outside 2xx) is retried after an
 * exponential backoff with jitter, up to {@code maxAttempts}, then given up (counted, with the last
 * error) and the next is sent. The queue is bounded: when full, the oldest waiting event is dropped
 * (counted), so a dead receiver costs at most {@code queueCapacity} events of memory and never
 * slows the engine, which only appends. Thread-safe.
 */
public final class Webhook implements AutoCloseable {
  /**
   * One webhook.
   *
   * @param url where events are POSTed
   * @param secret the HMAC key (UTF-8), shared with the receiver
   * @param types the event types delivered (empty: all)
   * @param queueCapacity events waiting at most
   * @param maxAttempts deliveries tried per event
   * @param initialBackoffMs the first wait after a failure
   * @param maxBackoffMs the longest wait
   * @param timeout per delivery
   */
  public record Settings(
      URI url,
      String secret,
      Set<String> types,
      int queueCapacity,
      int maxAttempts,
      long initialBackoffMs,
      long maxBackoffMs,
      Duration timeout) {
    public Settings {
      Objects.requireNonNull(url, "url");
      String scheme = url.getScheme();
      if (!"http".equals(scheme) && !"https".equals(scheme) || url.getHost() == null) {
        throw new IllegalArgumentException(
            "a webhook URL must be http or https with a host, was " + url);
      }
      if (secret == null || secret.isEmpty()) {
        throw new IllegalArgumentException("a webhook needs a secret to sign with");
      }
      types = Set.copyOf(types);
      if (queueCapacity < 1 || maxAttempts < 1 || initialBackoffMs < 1) {
        throw new IllegalArgumentException(
            "queueCapacity, maxAttempts and initialBackoffMs must be positive");
      }
      if (maxBackoffMs < initialBackoffMs || timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("maxBackoffMs ≥ initialBackoffMs, a positive timeout");
      }
    }

    /** {@code url} with {@code secret}: every event, 10 000 queued, 8 attempts, 0.5–30 s. */
    public static Settings of(URI url, String secret) {
      return new Settings(url, secret, Set.of(), 10_000, 8, 500, 30_000, Duration.ofSeconds(10));
    }

    /** These settings delivering only {@code t} (empty: all). */
    public Settings withTypes(Set<String> t) {
      return new Settings(
          url, secret, t, queueCapacity, maxAttempts, initialBackoffMs, maxBackoffMs, timeout);
    }

    /** These settings with another queue, attempts and backoff. */
    public Settings withDelivery(int capacity, int attempts, long initialMs, long maxMs) {
      return new Settings(url, secret, types, capacity, attempts, initialMs, maxMs, timeout);
    }
  }

  /**
   * What the webhook did, for {@code /health}.
   *
   * @param url where it delivers
   * @param queued events waiting now
   * @param delivered events delivered
   * @param retried failed attempts that were retried
   * @param failed events given up after their last attempt
   * @param dropped events dropped from a full queue
   * @param lastError the last failure, or null
   */
  public record Status(
      String url,
      int queued,
      long delivered,
      long retried,
      long failed,
      long dropped,
      String lastError) {}

  private final Settings settings;
  private final EventJournal journal;
  private final HttpClient http;
  private final Backoff backoff;
  private final ArrayDeque<EventJournal.Event> queue = new ArrayDeque<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition waiting = lock.newCondition();
  private final Consumer<EventJournal.Event> subscriber = this::offer;
  private final Thread sender;
  private long delivered;
  private long retried;
  private long failed;
  private long dropped;
  private String lastError;
  private volatile boolean closed;

  private Webhook(Settings settings, EventJournal journal, long seed) {
    this.settings = settings;
    this.journal = journal;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(settings.timeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.backoff = new Backoff(settings.initialBackoffMs(), settings.maxBackoffMs(), seed);
    this.sender = new Thread(this::run, "liqopt-webhook");
    sender.setDaemon(true);
  }

  /** Starts delivering the events appended to {@code journal} from now on. */
  public static Webhook start(Settings settings, EventJournal journal, long seed) {
    Webhook w = new Webhook(settings, journal, seed);
    journal.subscribe(-1, w.subscriber);
    w.sender.start();
    return w;
  }

  private void offer(EventJournal.Event e) {
    if (!settings.types().isEmpty() && !settings.types().contains(e.type())) {
      return;
    }
    lock.lock();
    try {
      if (queue.size() >= settings.queueCapacity()) {
        dropped++;
        if (queue.size() < 2) {
          return; // only the head, in delivery: the new event is the one dropped
        }
        // the head may be in delivery: the oldest one waiting behind it goes
        EventJournal.Event head = queue.pollFirst();
        queue.pollFirst();
        queue.addFirst(head);
      }
      queue.addLast(e);
      waiting.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void run() {
    try {
      while (!closed) {
        EventJournal.Event e = head();
        String body = body(e);
        int attempts = 0;
        while (!closed) {
          String error = deliver(e, body);
          attempts++;
          if (error == null || attempts >= settings.maxAttempts()) {
            done(e, error);
            break;
          }
          failedAttempt(error);
          Thread.sleep(backoff.nextMs());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // closing
    }
  }

  private EventJournal.Event head() throws InterruptedException {
    lock.lock();
    try {
      while (queue.isEmpty()) {
        waiting.await();
      }
      return queue.peekFirst();
    } finally {
      lock.unlock();
    }
  }

  private void done(EventJournal.Event e, String error) {
    lock.lock();
    try {
      if (queue.peekFirst() == e) {
        queue.pollFirst();
      }
      if (error == null) {
        delivered++;
        backoff.reset();
      } else {
        failed++;
        lastError = error;
      }
    } finally {
      lock.unlock();
    }
  }

  private void failedAttempt(String error) {
    lock.lock();
    try {
      retried++;
      lastError = error;
    } finally {
      lock.unlock();
    }
  }

  /** One attempt; null when delivered, else what went wrong. */
  private String deliver(EventJournal.Event e, String body) throws InterruptedException {
    long now = System.currentTimeMillis();
    byte[] secret = settings.secret().getBytes(StandardCharsets.UTF_8);
    HttpRequest req =
        HttpRequest.newBuilder(settings.url())
            .timeout(settings.timeout())
            .header("Content-Type", "application/json")
            .header("X-Liqopt-Event", e.type())
            .header("X-Liqopt-Event-Id", Long.toString(e.id()))
            .header(WebhookSignature.HEADER, WebhookSignature.header(secret, now, body))
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build();
    try {
      HttpResponse<Void> res = http.send(req, HttpResponse.BodyHandlers.discarding());
      int status = res.statusCode();
      return status >= 200 && status < 300 ? null : "event " + e.id() + ": HTTP " + status;
    } catch (IOException | RuntimeException ex) { // a delivery's failure never ends the sender
      String m = ex.getMessage();
      return "event " + e.id() + ": " + ex.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }
  }

  /** The body of {@code e}: its id, type, time and data. */
  static String body(EventJournal.Event e) {
    return "{\"id\":"
        + e.id()
        + ",\"type\":\""
        + e.type()
        + "\",\"timeMs\":"
        + e.timeMs()
        + ",\"data\":"
        + e.json()
        + "}";
  }

  /** What it did so far. */
  public Status status() {
    lock.lock();
    try {
      return new Status(
          settings.url().toString(), queue.size(), delivered, retried, failed, dropped, lastError);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    closed = true;
    journal.unsubscribe(subscriber);
    sender.interrupt();
  }
}

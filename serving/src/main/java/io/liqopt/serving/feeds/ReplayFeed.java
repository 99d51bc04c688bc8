package io.liqopt.serving.feeds;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * Quotes from a CSV file {@code time_ms,symbol,source,price} (a header line, then one quote a line,
 * in time order), delivered in file order on the feed's own thread, as fast as possible or paced:
 * the quote stamped {@code t} is delivered at {@code w₀ + (t − t₀) / speed} on {@code clock}, where
 * {@code t₀} is the first quote's time and {@code w₀} the clock when it was delivered. Its quotes
 * keep the file's source names and times, or, with {@code stampWithClock}, are stamped with the
 * clock when delivered (a replay into a live engine). A malformed line is counted and skipped; at
 * the end the state is {@code finished}. Thread-safe.
 */
public final class ReplayFeed implements PriceFeed {
  /** Waits (tests pass one that moves a fake clock). */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(long ms) throws InterruptedException;
  }

  /** The header line. */
  public static final String HEADER = "time_ms,symbol,source,price";

  private static final long JOIN_MS = 5_000;

  private final String name;
  private final Path file;
  private final double speed;
  private final boolean stampWithClock;
  private final LongSupplier clock;
  private final Sleeper sleeper;
  private final FeedCounters counters = new FeedCounters();
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile Thread reader;

  /**
   * @param speed file time per clock time; {@code Double.POSITIVE_INFINITY} for as fast as possible
   */
  public ReplayFeed(
      String name,
      Path file,
      double speed,
      boolean stampWithClock,
      LongSupplier clock,
      Sleeper sleeper) {
    if (name == null || name.isBlank() || file == null) {
      throw new IllegalArgumentException("a replay feed needs a name and a file");
    }
    if (!(speed > 0)) {
      throw new IllegalArgumentException("speed must be positive, was " + speed);
    }
    this.name = name;
    this.file = file;
    this.speed = speed;
    this.stampWithClock = stampWithClock;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /** A replay on the system clock, keeping the file's times. */
  public static ReplayFeed of(String name, Path file, double speed) {
    return new ReplayFeed(name, file, speed, false, System::currentTimeMillis, Thread::sleep);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void start(QuoteSink sink) {
    if (closed.get() || !started.compareAndSet(false, true)) {
      throw new IllegalStateException("feed " + name + " was already started or closed");
    }
    Thread t = new Thread(() -> replay(sink), "liqopt-replay-" + name);
    t.setDaemon(true);
    reader = t;
    t.start();
  }

  @Override
  public FeedStatus status() {
    return counters.status(name);
  }

  private void replay(QuoteSink sink) {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      counters.connects.incrementAndGet();
      counters.state("connected");
      deliverAll(in, sink);
      counters.state(closed.get() ? "closed" : "finished");
    } catch (IOException e) {
      counters.fail("replay " + file.getFileName() + ": " + FeedCounters.describe(e));
      counters.state(closed.get() ? "closed" : "finished");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      counters.state("closed");
    }
  }

  private void deliverAll(BufferedReader in, QuoteSink sink)
      throws IOException, InterruptedException {
    long firstMs = Long.MIN_VALUE;
    long wallStartMs = 0;
    boolean first = true;
    for (String line = in.readLine(); line != null && !closed.get(); line = in.readLine()) {
      if (first) {
        first = false;
        if (line.strip().equalsIgnoreCase(HEADER)) {
          continue;
        }
      }
      if (line.isBlank()) {
        continue;
      }
      counters.messages.incrementAndGet();
      String[] f = line.split(",", -1);
      long timeMs;
      double price;
      try {
        timeMs = f.length == 4 ? Long.parseLong(f[0].strip()) : Long.MIN_VALUE;
        price = f.length == 4 ? Double.parseDouble(f[3].strip()) : Double.NaN;
      } catch (NumberFormatException e) {
        timeMs = Long.MIN_VALUE;
        price = Double.NaN;
      }
      if (timeMs == Long.MIN_VALUE || !Double.isFinite(price) || f[1].isBlank() || f[2].isBlank()) {
        counters.malformed.incrementAndGet();
        continue;
      }
      if (firstMs == Long.MIN_VALUE) {
        firstMs = timeMs;
        wallStartMs = clock.getAsLong();
      } else if (speed != Double.POSITIVE_INFINITY) {
        long dueMs = wallStartMs + (long) ((timeMs - firstMs) / speed);
        long waitMs = dueMs - clock.getAsLong();
        if (waitMs > 0) {
          sleeper.sleep(waitMs);
        }
      }
      long stampMs = stampWithClock ? clock.getAsLong() : timeMs;
      try {
        sink.quote(f[1].strip(), f[2].strip(), price, stampMs);
      } catch (RuntimeException e) {
        counters.error("sink: " + FeedCounters.describe(e));
      }
    }
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    Thread t = reader;
    if (t == null) {
      counters.state("closed");
      return;
    }
    t.interrupt();
    try {
      t.join(JOIN_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

package io.liqopt.serving.book;

import io.liqopt.core.position.PositionBook;
import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The snapshots of a {@link LiveBook}: taken in the background when the log outgrows {@link
 * BookOptions#snapshotLogBytes}, every {@link BookOptions#snapshotEvery} when the log holds
 * anything, and at close. A snapshot holds the book's writes still only while it rotates the log
 * and encodes the book in memory; the file is written and the old logs deleted after. A failed
 * snapshot is logged and shown ({@link #lastError}); the log keeps every write meanwhile.
 */
final class BookSnapshots implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BookSnapshots.class);

  private final PositionLog log;
  private final PositionBook book;
  private final Object writes;
  private final Object lock;
  private final BookOptions options;
  private final Object taking = new Object();
  private final AtomicBoolean queued = new AtomicBoolean();
  private final ScheduledExecutorService executor;
  private volatile String lastError;

  /**
   * @param writes the monitor that serialises the book's writes
   * @param lock the monitor that guards the book
   */
  BookSnapshots(
      PositionLog log, PositionBook book, Object writes, Object lock, BookOptions options) {
    this.log = log;
    this.book = book;
    this.writes = writes;
    this.lock = lock;
    this.options = options;
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "liqopt-book-snapshot");
              t.setDaemon(true);
              return t;
            });
  }

  /** Starts the periodic snapshot. */
  void start() {
    long ms = options.snapshotEvery().toMillis();
    executor.scheduleWithFixedDelay(this::inBackground, ms, ms, TimeUnit.MILLISECONDS);
  }

  /** After a write: queues a snapshot when the log outgrew its bound. */
  void wrote() {
    if (log.bytes() > options.snapshotLogBytes() && queued.compareAndSet(false, true)) {
      executor.execute(this::inBackground);
    }
  }

  /**
   * Takes a snapshot unless the last one holds everything: rotates the log and encodes the book
   * (writes held still), then writes the file atomically and deletes the logs it covers.
   */
  void take() throws IOException {
    synchronized (taking) {
      long generation;
      byte[] bytes;
      synchronized (writes) {
        if (log.snapshotCurrent()) {
          return;
        }
        generation = log.rotate();
        synchronized (lock) {
          bytes = BookSnapshot.encode(generation, book);
        }
      }
      log.installSnapshot(generation, bytes);
    }
  }

  /** The last failure of a snapshot, or null when the last one worked. */
  String lastError() {
    return lastError;
  }

  private void inBackground() {
    queued.set(false);
    try {
      take();
      lastError = null;
    } catch (IOException | RuntimeException e) {
      lastError = e.getMessage();
      LOG.error("position book snapshot failed (the log keeps every write): {}", e.getMessage());
    }
  }

  /** Stops the background snapshots and takes a last one (a failure is logged). */
  @Override
  public void close() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(30, TimeUnit.SECONDS);
      take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException | RuntimeException e) {
      LOG.error("position book snapshot at close failed: {}", e.getMessage());
    }
  }
}

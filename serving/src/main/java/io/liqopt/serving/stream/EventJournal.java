package io.liqopt.serving.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The last events, ids 1, 2, 3, … in order of {@link #append}, at most {@code capacity} of them and
 * at most {@code maxChars} characters of data (a book event can name a thousand positions: ten
 * thousand such events would be over a gigabyte), and the live subscribers, each told of every
 * event after it subscribed (on the appending thread: a subscriber hands the event to its own queue
 * and returns). The newest event is always retained. Thread-safe; memory bounded by both bounds.
 */
public final class EventJournal {
  /**
   * One event.
   *
   * @param id its id, from 1, increasing
   * @param type e.g. {@code price-stale}, {@code liquidatable-entered}
   * @param timeMs when it was appended, epoch ms
   * @param json its data, one JSON object (no line breaks)
   */
  public record Event(long id, String type, long timeMs, String json) {}

  /**
   * What a client reconnecting after {@code lastId} gets.
   *
   * @param complete whether every event after {@code lastId} is still retained (else the client
   *     needs a snapshot first)
   * @param events the retained events after {@code lastId}, in order
   */
  public record Replay(boolean complete, List<Event> events) {}

  /** The data retained by default: 64 Mi characters (about 64 MB of one-byte characters). */
  public static final long DEFAULT_MAX_CHARS = 64L << 20;

  private final Event[] ring;
  private final long maxChars;
  private final LongSupplier clock;
  private final List<Consumer<Event>> subscribers = new CopyOnWriteArrayList<>();
  private long nextId = 1;
  // the oldest event still retained, and the characters of data retained from it to the newest
  private long oldest = 1;
  private long chars;

  /** A journal of at most {@code capacity} events and {@value #DEFAULT_MAX_CHARS} characters. */
  public EventJournal(int capacity, LongSupplier clock) {
    this(capacity, DEFAULT_MAX_CHARS, clock);
  }

  /** A journal of at most {@code capacity} events and {@code maxChars} characters of data. */
  public EventJournal(int capacity, long maxChars, LongSupplier clock) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
    }
    if (maxChars < 1) {
      throw new IllegalArgumentException("maxChars must be at least 1, was " + maxChars);
    }
    this.ring = new Event[capacity];
    this.maxChars = maxChars;
    this.clock = clock;
  }

  /** Appends an event of {@code type} whose data is the JSON object {@code json}; tells all. */
  public Event append(String type, String json) {
    Event e;
    synchronized (this) {
      e = new Event(nextId, type, clock.getAsLong(), json);
      if (nextId - oldest == ring.length) {
        drop(); // the slot's event, the oldest, is overwritten
      }
      ring[slot(nextId)] = e;
      chars += json.length();
      nextId++;
      while (chars > maxChars && oldest < nextId - 1) {
        drop();
      }
      // told under the lock: every subscriber sees the events in id order
      for (Consumer<Event> s : subscribers) {
        s.accept(e);
      }
    }
    return e;
  }

  /** The id of the newest event, 0 when none. */
  public synchronized long lastId() {
    return nextId - 1;
  }

  /**
   * Subscribes {@code subscriber} and returns, atomically with it, the retained events after {@code
   * lastId} (a negative {@code lastId}: none wanted, the replay is incomplete).
   */
  public synchronized Replay subscribe(long lastId, Consumer<Event> subscriber) {
    Replay r = since(lastId);
    subscribers.add(subscriber);
    return r;
  }

  /** Stops telling {@code subscriber}. */
  public void unsubscribe(Consumer<Event> subscriber) {
    subscribers.remove(subscriber);
  }

  /** Subscribers now. */
  public int subscribers() {
    return subscribers.size();
  }

  /** The characters of data retained now. */
  public synchronized long retainedChars() {
    return chars;
  }

  private void drop() {
    int k = slot(oldest);
    chars -= ring[k].json().length();
    ring[k] = null;
    oldest++;
  }

  private int slot(long id) {
    return (int) ((id - 1) % ring.length);
  }

  private Replay since(long lastId) {
    long newest = nextId - 1;
    if (lastId < 0 || lastId > newest) {
      return new Replay(false, List.of());
    }
    boolean complete = lastId >= oldest - 1;
    List<Event> out = new ArrayList<>();
    for (long id = Math.max(lastId + 1, oldest); id <= newest; id++) {
      out.add(ring[slot(id)]);
    }
    return new Replay(complete, out);
  }
}

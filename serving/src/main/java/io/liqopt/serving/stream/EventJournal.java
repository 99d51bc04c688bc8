package io.liqopt.serving.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The last {@code capacity} events, ids 1, 2, 3, … in order of {@link #append}, and the live
 * subscribers, each told of every event after it subscribed (on the appending thread: a subscriber
 * hands the event to its own queue and returns). Thread-safe; memory bounded by the capacity.
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

  private final Event[] ring;
  private final LongSupplier clock;
  private final List<Consumer<Event>> subscribers = new CopyOnWriteArrayList<>();
  private long nextId = 1;

  public EventJournal(int capacity, LongSupplier clock) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
    }
    this.ring = new Event[capacity];
    this.clock = clock;
  }

  /** Appends an event of {@code type} whose data is the JSON object {@code json}; tells all. */
  public Event append(String type, String json) {
    Event e;
    synchronized (this) {
      e = new Event(nextId, type, clock.getAsLong(), json);
      ring[(int) ((nextId - 1) % ring.length)] = e;
      nextId++;
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

  private Replay since(long lastId) {
    long newest = nextId - 1;
    long oldest = Math.max(1, newest - ring.length + 1);
    if (lastId < 0 || lastId > newest) {
      return new Replay(false, List.of());
    }
    boolean complete = lastId >= oldest - 1;
    List<Event> out = new ArrayList<>();
    for (long id = Math.max(lastId + 1, oldest); id <= newest; id++) {
      out.add(ring[(int) ((id - 1) % ring.length)]);
    }
    return new Replay(complete, out);
  }
}

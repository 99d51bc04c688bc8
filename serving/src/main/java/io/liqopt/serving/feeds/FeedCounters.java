package io.liqopt.serving.feeds;

import java.util.concurrent.atomic.AtomicLong;

/** A feed's state and counters, updated from its threads. Thread-safe. */
final class FeedCounters {
  final AtomicLong connects = new AtomicLong();
  final AtomicLong failures = new AtomicLong();
  final AtomicLong messages = new AtomicLong();
  final AtomicLong malformed = new AtomicLong();
  private volatile String state = "connecting";
  private volatile String lastError;

  void state(String s) {
    state = s;
  }

  String state() {
    return state;
  }

  /** A failure: counted, its message kept on one line. */
  void fail(String error) {
    failures.incrementAndGet();
    error(error);
  }

  /** An error that is not a connection failure (e.g. the sink threw). */
  void error(String error) {
    lastError = oneLine(error);
  }

  FeedStatus status(String name) {
    return new FeedStatus(
        name, state, connects.get(), failures.get(), messages.get(), malformed.get(), lastError);
  }

  /** A throwable's class and message on one line (no stack trace). */
  static String describe(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    String m = c.getMessage();
    return c.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }

  private static String oneLine(String s) {
    if (s == null) {
      return null;
    }
    String line = s.replaceAll("[\\r\\n]+", " ");
    return line.length() > 300 ? line.substring(0, 300) : line;
  }
}

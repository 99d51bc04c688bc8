package io.liqopt.serving.api;

import io.liqopt.store.MarketStore;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the field errors of one request body; {@link #check()} throws them all at once, as one
 * 400 problem listing each field (at most 100), so a client fixes its request in one round trip.
 * Not thread-safe: one per request, or one per chunk of a batch checked on several threads, joined
 * in order with {@link #addAll}.
 */
final class Fields {
  private final List<Problem.FieldError> errors = new ArrayList<>();
  private long seen;

  void add(String field, String message) {
    seen++;
    if (errors.size() < 100) {
      errors.add(new Problem.FieldError(field, message));
    }
  }

  /** Adds {@code other}'s errors after this one's (the first 100 in all are kept). */
  void addAll(Fields other) {
    for (Problem.FieldError e : other.errors) {
      add(e.field(), e.message());
    }
  }

  /**
   * The errors added so far, those past the first 100 included (of a joined one's, only those it
   * kept): a check compares it before and after a position to know whether that position failed.
   */
  long seen() {
    return seen;
  }

  boolean ok() {
    return errors.isEmpty();
  }

  void check() {
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
  }

  // The field's path is prefix + leaf, joined only when there is an error to report: a batch
  // of 10 000 valid positions then builds no path strings at all. A prefix is a String or any
  // object whose toString() is the path (a cursor moved along a batch, read only on an error).

  <T> T required(T value, String field) {
    return required(value, field, "");
  }

  <T> T required(T value, Object prefix, String leaf) {
    if (value == null) {
      add(prefix + leaf, "missing");
    }
    return value;
  }

  String symbol(String value, String field) {
    return symbol(value, field, "");
  }

  String symbol(String value, Object prefix, String leaf) {
    if (value == null) {
      add(prefix + leaf, "missing");
      return null;
    }
    try {
      return MarketStore.checkSymbol(value);
    } catch (IllegalArgumentException e) {
      add(prefix + leaf, e.getMessage());
      return null;
    }
  }

  double number(Double value, String field, double minExclusive, double max) {
    return number(value, field, "", minExclusive, max);
  }

  double number(Double value, Object prefix, String leaf, double minExclusive, double max) {
    if (value == null) {
      add(prefix + leaf, "missing");
      return Double.NaN;
    }
    if (!Double.isFinite(value)) {
      add(prefix + leaf, "must be a finite number, was " + value);
    } else if (!(value > minExclusive)) {
      add(
          prefix + leaf,
          "must be "
              + (minExclusive == 0 ? "positive" : "above " + minExclusive)
              + ", was "
              + value);
    } else if (value > max) {
      add(prefix + leaf, "is absurdly large (" + value + " > " + max + ")");
    }
    return value;
  }

  double nonNegative(Double value, String field, double max) {
    return nonNegative(value, field, "", max);
  }

  double nonNegative(Double value, Object prefix, String leaf, double max) {
    if (value == null) {
      add(prefix + leaf, "missing");
      return Double.NaN;
    }
    if (!Double.isFinite(value) || value < 0) {
      add(prefix + leaf, "must be a finite number ≥ 0, was " + value);
    } else if (value > max) {
      add(prefix + leaf, "is absurdly large (" + value + " > " + max + ")");
    }
    return value;
  }

  <T> List<T> list(List<T> value, String field, int maxSize) {
    return list(value, field, "", maxSize);
  }

  <T> List<T> list(List<T> value, Object prefix, String leaf, int maxSize) {
    if (value == null) {
      add(prefix + leaf, "missing");
      return List.of();
    }
    if (value.isEmpty()) {
      add(prefix + leaf, "must not be empty");
    }
    if (value.size() > maxSize) {
      throw ApiException.tooLarge(
          prefix + leaf + " has " + value.size() + " items, over the limit of " + maxSize);
    }
    return value;
  }
}

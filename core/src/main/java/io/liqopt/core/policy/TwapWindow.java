package io.liqopt.core.policy;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * A time-weighted average over a trailing window of a piecewise-constant series: each {@link
 * #record} starts a segment that lasts until the next one. The sums over the closed segments are
 * kept, so an average costs the few oldest segments the window cuts and the open one, not a scan of
 * every segment (that scan, up to 4 096 segments per quote, was two thirds of a price push's time
 * in {@code BookStreamBench}). Memory is bounded: beyond {@code maxSegments} the two oldest
 * segments are merged into their time-weighted mean. Not thread-safe.
 */
final class TwapWindow {
  private final long windowMs;
  private final int maxSegments;
  private final ArrayDeque<double[]> segments = new ArrayDeque<>(); // {startMs, value}
  // over every segment but the last, each closed at the next one's start: Σ duration × value and
  // Σ duration (whole ms, so exact); the changes since they were last computed from the segments
  private double closedWeighted;
  private double closedTotal;
  private int changes;

  TwapWindow(long windowMs, int maxSegments) {
    if (windowMs <= 0 || maxSegments < 2) {
      throw new IllegalArgumentException("a TWAP needs a positive window and 2 segments or more");
    }
    this.windowMs = windowMs;
    this.maxSegments = maxSegments;
  }

  /** The average over the window ending at {@code nowMs}; NaN before the first record. */
  double at(long nowMs) {
    if (segments.isEmpty()) {
      return Double.NaN;
    }
    long from = nowMs - windowMs;
    double weighted = closedWeighted;
    double total = closedTotal;
    Iterator<double[]> it = segments.iterator();
    double[] seg = it.next();
    while (it.hasNext() && seg[0] < from) { // a closed segment the window cuts: take off its head
      double[] next = it.next();
      double cut = Math.min(next[0], from) - seg[0];
      weighted -= cut * seg[1];
      total -= cut;
      seg = next;
    }
    double[] last = segments.getLast();
    double open = overlap(last, nowMs, from);
    return total + open > 0 ? (weighted + open * last[1]) / (total + open) : last[1];
  }

  /** The average by its definition, a scan of every segment: what {@link #at} must equal. */
  double byScan(long nowMs) {
    long from = nowMs - windowMs;
    double weighted = 0;
    double total = 0;
    double[] previous = null;
    for (double[] seg : segments) {
      if (previous != null) {
        weighted += overlap(previous, seg[0], from) * previous[1];
        total += overlap(previous, seg[0], from);
      }
      previous = seg;
    }
    if (previous != null) {
      double d = overlap(previous, nowMs, from);
      weighted += d * previous[1];
      total += d;
    }
    return total > 0 ? weighted / total : segments.isEmpty() ? Double.NaN : segments.getLast()[1];
  }

  /** The segments held (for tests of the bound). */
  int size() {
    return segments.size();
  }

  /**
   * Starts a segment of {@code value} at {@code nowMs} (at the last segment's start if the clock
   * stepped back; nothing when the value is the last segment's); drops the segments that ended
   * before the window; merges the two oldest when full. The closed segments' sums are computed
   * again from the segments every {@code maxSegments} changes, so that rounding cannot build up.
   */
  void record(double value, long nowMs) {
    double[] last = segments.peekLast();
    if (last != null && last[1] == value) {
      return;
    }
    double start = last == null ? nowMs : Math.max(nowMs, last[0]);
    if (last != null) {
      closed(last, start, 1);
    }
    segments.addLast(new double[] {start, value});
    long from = nowMs - windowMs;
    while (segments.size() > 1) {
      Iterator<double[]> it = segments.iterator();
      it.next();
      double next = it.next()[0];
      if (next > from) {
        break;
      }
      closed(segments.removeFirst(), next, -1);
    }
    if (segments.size() > maxSegments) {
      double[] a = segments.removeFirst();
      double[] b = segments.removeFirst();
      double end = segments.peekFirst()[0];
      closed(a, b[0], -1);
      closed(b, end, -1);
      double wa = b[0] - a[0];
      double wb = end - b[0];
      double[] merged = {a[0], (a[1] * wa + b[1] * wb) / Math.max(1e-9, wa + wb)};
      segments.addFirst(merged);
      closed(merged, end, 1);
    }
    if (++changes >= maxSegments) {
      changes = 0;
      closedWeighted = 0;
      closedTotal = 0;
      double[] previous = null;
      for (double[] seg : segments) {
        if (previous != null) {
          closed(previous, seg[0], 1);
        }
        previous = seg;
      }
    }
  }

  /** Adds ({@code sign} 1) or takes off (−1) closed segment {@code seg}, ending at {@code end}. */
  private void closed(double[] seg, double end, int sign) {
    double d = end - seg[0];
    closedWeighted += sign * d * seg[1];
    closedTotal += sign * d;
  }

  /** How much of {@code seg}, up to {@code endMs}, lies after {@code fromMs}. */
  private static double overlap(double[] seg, double endMs, long fromMs) {
    return Math.max(0, endMs - Math.max(seg[0], fromMs));
  }
}

package io.liqopt.benchmarks;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * The garbage collections this JVM has run so far, summed over its collectors: read before and
 * after a measured request, they say whether a pause fell inside it.
 */
final class GcCounts {
  private static final List<GarbageCollectorMXBean> BEANS =
      ManagementFactory.getGarbageCollectorMXBeans();

  private GcCounts() {}

  /** Collections run so far (young and mixed pauses, and concurrent cycles where counted). */
  static long count() {
    long n = 0;
    for (GarbageCollectorMXBean b : BEANS) {
      n += Math.max(0, b.getCollectionCount());
    }
    return n;
  }

  /** Their accumulated time in milliseconds, as the collectors report it. */
  static long millis() {
    long ms = 0;
    for (GarbageCollectorMXBean b : BEANS) {
      ms += Math.max(0, b.getCollectionTime());
    }
    return ms;
  }
}

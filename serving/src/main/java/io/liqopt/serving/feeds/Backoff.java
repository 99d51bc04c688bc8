package io.liqopt.serving.feeds;

import java.util.SplittableRandom;

/**
 * Exponential backoff with jitter: the n-th wait in a row is drawn uniformly from {@code [b/2, b]},
 * where {@code b = min(maxMs, initialMs · 2ⁿ)} ("equal jitter", so reconnecting clients spread out
 * while each still waits at least half its step). Seeded, so a run is reproducible. Not
 * thread-safe: the feed's supervisor thread owns it.
 */
public final class Backoff {
  private final long initialMs;
  private final long maxMs;
  private final SplittableRandom random;
  private long stepMs;

  public Backoff(long initialMs, long maxMs, long seed) {
    if (initialMs <= 0 || maxMs < initialMs) {
      throw new IllegalArgumentException(
          "backoff needs 0 < initialMs ≤ maxMs, was " + initialMs + ", " + maxMs);
    }
    this.initialMs = initialMs;
    this.maxMs = maxMs;
    this.random = new SplittableRandom(seed);
    this.stepMs = initialMs;
  }

  /** The next wait, ms; the step doubles up to the cap. */
  public long nextMs() {
    long b = stepMs;
    stepMs = Math.min(maxMs, stepMs * 2);
    long half = b / 2;
    return half + random.nextLong(b - half + 1);
  }

  /** The step the next wait is drawn from, ms. */
  public long stepMs() {
    return stepMs;
  }

  /** Back to the first step (after a healthy connection). */
  public void reset() {
    stepMs = initialMs;
  }
}

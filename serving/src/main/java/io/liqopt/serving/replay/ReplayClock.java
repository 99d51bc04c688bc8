package io.liqopt.serving.replay;

import java.time.Instant;
import java.time.InstantSource;

/**
 * The time of a replay: held at its start until {@link #start}, then the start plus the wall time
 * since {@code startNanos} ({@link System#nanoTime}) times {@code speed}. The engine, its guard and
 * the mock exchange all read it, so that a replay at 720× keeps every age in market time.
 * Thread-safe.
 */
final class ReplayClock implements InstantSource {
  private final long fromMs;
  private final double speed;
  private volatile long startNanos;
  private volatile boolean started;

  /**
   * @param fromMs the market time at the start
   * @param speed market time per wall time
   */
  ReplayClock(long fromMs, double speed) {
    if (!(speed > 0) || Double.isInfinite(speed)) {
      throw new IllegalArgumentException("speed must be positive and finite, was " + speed);
    }
    this.fromMs = fromMs;
    this.speed = speed;
  }

  /** Starts the clock as of {@code nanos} ({@link System#nanoTime}). */
  void start(long nanos) {
    startNanos = nanos;
    started = true;
  }

  @Override
  public long millis() {
    if (!started) {
      return fromMs;
    }
    return fromMs + (long) Math.floor((System.nanoTime() - startNanos) * speed / 1e6);
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis());
  }

  /** Sleeps until the clock reads {@code ms} or later. */
  void sleepUntil(long ms) throws InterruptedException {
    long left;
    while ((left = ms - millis()) > 0) {
      Thread.sleep(Math.max(1, Math.min(1_000, (long) Math.ceil(left / speed))));
    }
  }
}

package io.liqopt.serving.api;

/**
 * Bounds on what one request may ask, so that no client can exhaust the server.
 *
 * @param maxBodyBytes the largest request body (413 above it)
 * @param maxPositions the largest assessment batch
 * @param maxSymbols the most symbols in one thresholds batch
 * @param maxBars the most bars in one request (ingest, or caller-supplied bars)
 * @param maxStressPaths the most simulated paths of one {@code POST /v1/positions/stress} (400
 *     above it); paths × hours × assets is further bounded by {@link #STRESS_CELLS}
 * @param maxAnswerBytes the largest answer body: an answer that would be larger is refused with a
 *     413 before it is written (the assessment's full view says to ask for the compact one)
 * @param deadlineMs how long a compute route may work on one request, from the moment it is
 *     admitted; past it the request stops at its next checkpoint with a 503 and {@code Retry-After}
 */
public record Limits(
    long maxBodyBytes,
    int maxPositions,
    int maxSymbols,
    int maxBars,
    int maxStressPaths,
    long maxAnswerBytes,
    long deadlineMs) {

  /** The default of {@link #maxStressPaths}. */
  public static final int DEFAULT_STRESS_PATHS = 100_000;

  /** The default of {@link #maxAnswerBytes}: 32 MiB. */
  public static final long DEFAULT_ANSWER_BYTES = 32L << 20;

  /** The default of {@link #deadlineMs}: 10 s. */
  public static final long DEFAULT_DEADLINE_MS = 10_000;

  /**
   * The most path-hour-asset cells one stress request may simulate (each is two doubles, the log
   * close and the log low: 8 M cells are 128 MB), whatever the path count allows.
   */
  public static final long STRESS_CELLS = 8_000_000L;

  /**
   * 16 MiB, 10 000 positions, 1 000 symbols, 20 000 bars, 100 000 stress paths, 32 MiB answers, 10
   * s.
   */
  public static Limits defaults() {
    return new Limits(16L << 20, 10_000, 1_000, 20_000);
  }

  /** The limits with the default stress path count, answer size and deadline. */
  public Limits(long maxBodyBytes, int maxPositions, int maxSymbols, int maxBars) {
    this(
        maxBodyBytes,
        maxPositions,
        maxSymbols,
        maxBars,
        DEFAULT_STRESS_PATHS,
        DEFAULT_ANSWER_BYTES,
        DEFAULT_DEADLINE_MS);
  }

  public Limits {
    if (maxBodyBytes < 1024
        || maxPositions < 1
        || maxSymbols < 1
        || maxBars < 1
        || maxStressPaths < 1
        || maxAnswerBytes < 1024
        || deadlineMs < 1) {
      throw new IllegalArgumentException(
          "limits must be positive (body and answer ≥ 1 KiB): " + this);
    }
  }

  /** These limits with another answer size and deadline. */
  public Limits withBudgets(long answerBytes, long deadline) {
    return new Limits(
        maxBodyBytes, maxPositions, maxSymbols, maxBars, maxStressPaths, answerBytes, deadline);
  }
}

package io.liqopt.serving.state;

/**
 * When a request must stop working. Compute loops call {@link #check()} at their checkpoints (each
 * few hundred positions, each symbol, each stress phase); past the deadline it throws {@link
 * Passed}, which the API answers with a 503 and {@code Retry-After}.
 */
public final class Deadline {
  /** A deadline that never passes (the CLI, tests). */
  public static final Deadline NONE = new Deadline(Long.MAX_VALUE, 0);

  private final long endNanos;
  private final long budgetMs;

  private Deadline(long endNanos, long budgetMs) {
    this.endNanos = endNanos;
    this.budgetMs = budgetMs;
  }

  /** A deadline {@code ms} milliseconds from now. */
  public static Deadline in(long ms) {
    // at most about a century ahead, so that the nanosecond sum cannot overflow
    long nanos = Math.min(ms, Long.MAX_VALUE / 4_000_000L) * 1_000_000L;
    return new Deadline(System.nanoTime() + nanos, ms);
  }

  /**
   * Throws when the deadline has passed.
   *
   * @throws Passed past it
   */
  public void check() {
    if (this != NONE && System.nanoTime() - endNanos > 0) {
      throw new Passed(budgetMs);
    }
  }

  /** The request ran past its deadline. */
  public static final class Passed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Passed(long budgetMs) {
      super("the request ran past its deadline of " + budgetMs + " ms", null, false, false);
    }
  }
}

package io.liqopt.core;

/**
 * Precondition checks for value types. Every check is written so that NaN fails it ({@code !(x >
 * 0)} rather than {@code x <= 0}), the trap STYLE.md warns about.
 */
public final class Checks {
  private Checks() {}

  /** Returns {@code x} if it is finite and strictly positive. */
  public static double positiveFinite(double x, String name) {
    if (!(x > 0) || !Double.isFinite(x)) {
      throw new IllegalArgumentException(name + " must be positive and finite, was " + x);
    }
    return x;
  }

  /** Returns {@code x} if it is finite and not negative. */
  public static double nonNegativeFinite(double x, String name) {
    if (!(x >= 0) || !Double.isFinite(x)) {
      throw new IllegalArgumentException(name + " must be non-negative and finite, was " + x);
    }
    return x;
  }

  /**
   * As {@link #positiveFinite(double, String)} for the field {@code name} of {@code owner}: the
   * message ({@code "<name> of <owner>"}) is built only when the check fails, so a constructor
   * called once per position of a large batch does not concatenate strings it never uses.
   */
  public static double positiveFinite(double x, String name, String owner) {
    if (!(x > 0) || !Double.isFinite(x)) {
      throw new IllegalArgumentException(
          name + " of " + owner + " must be positive and finite, was " + x);
    }
    return x;
  }

  /** As {@link #nonNegativeFinite(double, String)} for the field {@code name} of {@code owner}. */
  public static double nonNegativeFinite(double x, String name, String owner) {
    if (!(x >= 0) || !Double.isFinite(x)) {
      throw new IllegalArgumentException(
          name + " of " + owner + " must be non-negative and finite, was " + x);
    }
    return x;
  }

  /** Returns {@code x} if it is finite (not NaN, not infinite). */
  public static double finite(double x, String name) {
    if (!Double.isFinite(x)) {
      throw new IllegalArgumentException(name + " must be finite, was " + x);
    }
    return x;
  }

  /** Returns {@code x} if it lies in the closed interval [lo, hi]. */
  public static double inRange(double x, double lo, double hi, String name) {
    if (!(x >= lo && x <= hi)) {
      throw new IllegalArgumentException(name + " must be in [" + lo + ", " + hi + "], was " + x);
    }
    return x;
  }

  /** Returns {@code n} if it is strictly positive. */
  public static int positive(int n, String name) {
    if (n <= 0) {
      throw new IllegalArgumentException(name + " must be positive, was " + n);
    }
    return n;
  }

  /** Returns {@code s} if it is neither null nor blank. */
  public static String notBlank(String s, String name) {
    if (s == null || s.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
    return s;
  }

  /** As {@link #notBlank(String, String)} for the field {@code name} of {@code owner}. */
  public static String notBlank(String s, String name, String owner) {
    if (s == null || s.isBlank()) {
      throw new IllegalArgumentException(name + " of " + owner + " must not be blank");
    }
    return s;
  }
}

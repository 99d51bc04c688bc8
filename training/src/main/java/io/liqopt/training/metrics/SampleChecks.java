package io.liqopt.training.metrics;

/**
 * Input checks shared by the metrics of this package: a sample is a non-null, non-empty array of
 * finite numbers, and paired samples have equal lengths. Every failure is an {@link
 * IllegalArgumentException} that names the input and, for a bad value, its index.
 */
final class SampleChecks {
  private SampleChecks() {}

  /** Returns {@code x} if it is non-null, non-empty and every element is finite. */
  static double[] finite(double[] x, String name) {
    nonEmpty(x == null ? -1 : x.length, name);
    for (int i = 0; i < x.length; i++) {
      if (!Double.isFinite(x[i])) {
        throw new IllegalArgumentException(name + "[" + i + "] must be finite, was " + x[i]);
      }
    }
    return x;
  }

  /** Returns {@code x} if it is finite (a single value, e.g. a record component). */
  static double finite(double x, String name) {
    if (!Double.isFinite(x)) {
      throw new IllegalArgumentException(name + " must be finite, was " + x);
    }
    return x;
  }

  /** Returns {@code x} if it is a finite sample with every element &ge; 0. */
  static double[] nonNegative(double[] x, String name) {
    finite(x, name);
    for (int i = 0; i < x.length; i++) {
      if (!(x[i] >= 0)) {
        throw new IllegalArgumentException(name + "[" + i + "] must be non-negative, was " + x[i]);
      }
    }
    return x;
  }

  /** Returns {@code x} if it is a finite sample with every element &gt; 0. */
  static double[] positive(double[] x, String name) {
    finite(x, name);
    for (int i = 0; i < x.length; i++) {
      if (!(x[i] > 0)) {
        throw new IllegalArgumentException(name + "[" + i + "] must be positive, was " + x[i]);
      }
    }
    return x;
  }

  /** Returns {@code x} if it is a finite sample with every element in [0, 1]. */
  static double[] probabilities(double[] x, String name) {
    finite(x, name);
    for (int i = 0; i < x.length; i++) {
      if (!(x[i] >= 0 && x[i] <= 1)) {
        throw new IllegalArgumentException(name + "[" + i + "] must be in [0, 1], was " + x[i]);
      }
    }
    return x;
  }

  /** Returns {@code x} if it is non-null and non-empty. */
  static boolean[] nonEmpty(boolean[] x, String name) {
    nonEmpty(x == null ? -1 : x.length, name);
    return x;
  }

  /** Checks that two paired samples have the same length. */
  static void sameLength(int aLength, String aName, int bLength, String bName) {
    if (aLength != bLength) {
      throw new IllegalArgumentException(
          aName
              + " and "
              + bName
              + " must have the same length, got "
              + aLength
              + " and "
              + bLength);
    }
  }

  private static void nonEmpty(int length, String name) {
    if (length < 0) {
      throw new IllegalArgumentException(name + " must not be null");
    }
    if (length == 0) {
      throw new IllegalArgumentException(name + " must not be empty");
    }
  }
}

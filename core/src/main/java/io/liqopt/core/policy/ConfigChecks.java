package io.liqopt.core.policy;

/** Range checks shared by the risk configuration records; each failure names the user's field. */
final class ConfigChecks {
  private ConfigChecks() {}

  static void openInterval(double x, double lo, double hi, String field) {
    if (!(x > lo && x < hi)) {
      throw new ConfigException(field, "must be in (" + fmt(lo) + ", " + fmt(hi) + "), was " + x);
    }
  }

  /** x in (0, 1]. */
  static void fraction(double x, String field) {
    if (!(x > 0 && x <= 1)) {
      throw new ConfigException(field, "must be in (0, 1], was " + x);
    }
  }

  /** x in [0, 1). */
  static void halfOpen(double x, String field) {
    if (!(x >= 0 && x < 1)) {
      throw new ConfigException(field, "must be in [0, 1), was " + x);
    }
  }

  static void nonNegative(double x, String field) {
    if (!(x >= 0) || !Double.isFinite(x)) {
      throw new ConfigException(field, "must be finite and not negative, was " + x);
    }
  }

  static void positive(double x, String field) {
    if (!(x > 0) || !Double.isFinite(x)) {
      throw new ConfigException(field, "must be finite and positive, was " + x);
    }
  }

  static void positive(int n, String field) {
    if (n <= 0) {
      throw new ConfigException(field, "must be positive, was " + n);
    }
  }

  private static String fmt(double x) {
    return x == Math.rint(x) ? Long.toString((long) x) : Double.toString(x);
  }
}

package io.liqopt.report.page;

import java.util.Locale;

/** Number formatting for the templates, locale-independent (a dot for decimals everywhere). */
public final class Fmt {
  private Fmt() {}

  /** {@link String#format} in {@link Locale#ROOT}. */
  public static String f(String pattern, Object... args) {
    return String.format(Locale.ROOT, pattern, args);
  }
}

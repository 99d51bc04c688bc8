package io.liqopt.core.market;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A bar length, named as Binance names its kline intervals. Only fixed-length intervals are
 * supported (Binance's calendar-month interval {@code 1M} is not).
 */
public enum BarInterval {
  S1("1s", 1_000L),
  M1("1m", 60_000L),
  M3("3m", 3 * 60_000L),
  M5("5m", 5 * 60_000L),
  M15("15m", 15 * 60_000L),
  M30("30m", 30 * 60_000L),
  H1("1h", 3_600_000L),
  H2("2h", 2 * 3_600_000L),
  H4("4h", 4 * 3_600_000L),
  H6("6h", 6 * 3_600_000L),
  H8("8h", 8 * 3_600_000L),
  H12("12h", 12 * 3_600_000L),
  D1("1d", 86_400_000L),
  D3("3d", 3 * 86_400_000L),
  W1("1w", 7 * 86_400_000L);

  /** Milliseconds in a Julian year (365.25 days), the annualisation convention used throughout. */
  public static final double MS_PER_YEAR = 365.25 * 86_400_000.0;

  private final String label;
  private final long millis;

  BarInterval(String label, long millis) {
    this.label = label;
    this.millis = millis;
  }

  /** The label, e.g. {@code 1h}: used in file paths and on the command line. */
  public String label() {
    return label;
  }

  /** The bar length in milliseconds. */
  public long millis() {
    return millis;
  }

  /** Bars in a year of continuous trading (crypto venues trade around the clock). */
  public double barsPerYear() {
    return MS_PER_YEAR / millis;
  }

  /** Parses a label such as {@code 1h}; case-sensitive because {@code 1m} and {@code 1M} differ. */
  public static BarInterval parse(String label) {
    for (BarInterval i : values()) {
      if (i.label.equals(label)) {
        return i;
      }
    }
    throw new IllegalArgumentException(
        "unknown interval '"
            + label
            + "', expected one of "
            + Arrays.stream(values()).map(BarInterval::label).collect(Collectors.joining(", ")));
  }

  @Override
  public String toString() {
    return label;
  }
}

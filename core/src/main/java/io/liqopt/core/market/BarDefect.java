package io.liqopt.core.market;

/** Why an incoming bar was refused. Stable codes: they appear in import summaries and errors. */
public enum BarDefect {
  /** A field could not be parsed as a number, or the row has the wrong number of fields. */
  MALFORMED("malformed row"),
  /** open, high, low or close is NaN or infinite. */
  NON_FINITE_PRICE("price is not finite"),
  /** open, high, low or close is zero or negative. */
  NON_POSITIVE_PRICE("price is not positive"),
  /** low &gt; min(open, close). */
  LOW_ABOVE_BODY("low is above open or close"),
  /** high &lt; max(open, close). */
  HIGH_BELOW_BODY("high is below open or close"),
  /** base or quote volume is negative, NaN or infinite (a missing quote volume is allowed). */
  BAD_VOLUME("volume is negative or not finite"),
  /** The open time is not on the series' interval grid, or the close time disagrees with it. */
  BAD_BAR_LENGTH("bar length or alignment does not match the interval"),
  /** The open time is earlier than the previous bar's. */
  OUT_OF_ORDER("time is earlier than the previous bar"),
  /** Same open time as an accepted bar, but different values. */
  CONFLICTING_DUPLICATE("same time as an earlier bar with different values");

  private final String description;

  BarDefect(String description) {
    this.description = description;
  }

  /** A short human-readable explanation. */
  public String description() {
    return description;
  }

  /**
   * The first defect of a bar's values, or {@code null} when they are valid. Time ordering and
   * alignment are the builder's business, not this method's.
   *
   * @param quoteVolume may be NaN (unknown); otherwise it must be non-negative and finite
   */
  public static BarDefect ofValues(
      double open, double high, double low, double close, double volume, double quoteVolume) {
    if (!Double.isFinite(open)
        || !Double.isFinite(high)
        || !Double.isFinite(low)
        || !Double.isFinite(close)) {
      return NON_FINITE_PRICE;
    }
    if (!(open > 0) || !(high > 0) || !(low > 0) || !(close > 0)) {
      return NON_POSITIVE_PRICE;
    }
    if (low > Math.min(open, close)) {
      return LOW_ABOVE_BODY;
    }
    if (high < Math.max(open, close)) {
      return HIGH_BELOW_BODY;
    }
    if (!(volume >= 0) || volume == Double.POSITIVE_INFINITY) {
      return BAD_VOLUME;
    }
    if (!Double.isNaN(quoteVolume)
        && (quoteVolume < 0 || quoteVolume == Double.POSITIVE_INFINITY)) {
      return BAD_VOLUME;
    }
    return null;
  }
}

package io.liqopt.core.position;

import io.liqopt.core.Checks;

/**
 * How one seized asset is sold: {@code slices} equal slices, one per hour from the liquidation's
 * hour on (different assets in parallel). One entry per asset, however many slices, so that the
 * size of a plan grows with the holdings seized, never with the sale's length.
 *
 * @param symbol the asset sold
 * @param slices how many slices, each sold in its own hour (slice j at hour j, from 0)
 * @param sliceValueQuote the value sold in each slice, quote currency
 * @param sliceQuantity the units sold in each slice
 * @param impactFraction each slice's expected price impact by the square-root law, a fraction
 */
public record ExecutionSchedule(
    String symbol,
    int slices,
    double sliceValueQuote,
    double sliceQuantity,
    double impactFraction) {

  public ExecutionSchedule {
    Checks.notBlank(symbol, "symbol");
    if (slices < 1) {
      throw new IllegalArgumentException("slices must be at least 1, was " + slices);
    }
    Checks.positiveFinite(sliceValueQuote, "sliceValueQuote");
    Checks.positiveFinite(sliceQuantity, "sliceQuantity");
    Checks.nonNegativeFinite(impactFraction, "impactFraction");
  }

  /** The value sold over the whole schedule, quote currency. */
  public double valueQuote() {
    return slices * sliceValueQuote;
  }
}

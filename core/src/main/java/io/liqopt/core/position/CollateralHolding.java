package io.liqopt.core.position;

import io.liqopt.core.Checks;

/**
 * One collateral asset of a position.
 *
 * @param symbol the asset
 * @param quantity C_i, units of the asset held, finite and not negative
 * @param priceQuote P_i, its price in the quote currency (the guarded price), positive and finite
 */
public record CollateralHolding(String symbol, double quantity, double priceQuote) {

  public CollateralHolding {
    Checks.notBlank(symbol, "collateral symbol");
    Checks.nonNegativeFinite(quantity, "quantity", symbol);
    Checks.positiveFinite(priceQuote, "priceQuote", symbol);
  }

  /** C_i · P_i, the holding's value in the quote currency. */
  public double valueQuote() {
    return quantity * priceQuote;
  }
}

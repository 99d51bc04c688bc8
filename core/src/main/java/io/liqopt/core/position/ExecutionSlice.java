package io.liqopt.core.position;

import io.liqopt.core.Checks;

/**
 * One slice of the sale of seized collateral.
 *
 * @param symbol the asset sold
 * @param index the slice's number within its asset, from 0
 * @param startHour hours after the liquidation at which to sell it (one slice per asset per hour,
 *     different assets in parallel)
 * @param valueQuote the value sold, quote currency
 * @param quantity the units sold
 * @param impactFraction its expected price impact by the square-root law, a fraction
 */
public record ExecutionSlice(
    String symbol,
    int index,
    int startHour,
    double valueQuote,
    double quantity,
    double impactFraction) {

  public ExecutionSlice {
    Checks.notBlank(symbol, "symbol");
    Checks.positiveFinite(valueQuote, "valueQuote");
    Checks.positiveFinite(quantity, "quantity");
    Checks.nonNegativeFinite(impactFraction, "impactFraction");
  }
}

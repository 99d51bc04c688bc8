package io.liqopt.core.position;

import io.liqopt.core.Checks;

/**
 * Collateral taken from a position by a liquidation.
 *
 * @param symbol the asset seized
 * @param valueQuote the value seized, quote currency ({@code repaid share · (1 + bonus)})
 * @param quantity the units seized
 * @param bonus the bonus applied to this asset, a fraction
 */
public record Seizure(String symbol, double valueQuote, double quantity, double bonus) {

  public Seizure {
    Checks.notBlank(symbol, "symbol");
    Checks.nonNegativeFinite(valueQuote, "valueQuote");
    Checks.nonNegativeFinite(quantity, "quantity");
    Checks.nonNegativeFinite(bonus, "bonus");
  }
}

package io.liqopt.core.policy;

import io.liqopt.core.Checks;

/**
 * A measured point of an order book's depth: selling {@code quoteAmount} at once moves the price by
 * {@code priceMoveFraction} (for example the bid depth within 2 %: {@code (3.5e6, 0.02)}).
 *
 * @param quoteAmount the value that moves the price by {@code priceMoveFraction}, quote currency
 * @param priceMoveFraction the price move, a fraction in (0, 1)
 */
public record BookDepth(double quoteAmount, double priceMoveFraction) {

  public BookDepth {
    Checks.positiveFinite(quoteAmount, "depth quoteAmount");
    if (!(priceMoveFraction > 0 && priceMoveFraction < 1)) {
      throw new IllegalArgumentException(
          "depth priceMoveFraction must be in (0, 1), was " + priceMoveFraction);
    }
  }
}

package io.liqopt.core.policy;

import io.liqopt.core.Checks;
import java.util.List;

/**
 * A price the {@link PriceGuard} accepted.
 *
 * @param priceQuote the median of the agreeing sources, quote currency per unit
 * @param agreeing the names of the sources used
 * @param reasons the median and every dropped source with why
 */
public record GuardedPrice(double priceQuote, List<String> agreeing, List<Reason> reasons) {

  public GuardedPrice {
    Checks.positiveFinite(priceQuote, "priceQuote");
    agreeing = List.copyOf(agreeing);
    reasons = List.copyOf(reasons);
  }
}

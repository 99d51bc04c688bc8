package io.liqopt.core.position;

import io.liqopt.core.Checks;
import java.util.List;

/**
 * A cross-margin borrowing position: one or more collateral assets against one debt, as on the
 * venues of the seed (a money market's account, a perpetual exchange's cross-margin wallet).
 *
 * @param id the position's identifier
 * @param collateral the holdings, at least one, distinct symbols
 * @param debtAsset the borrowed asset, which is the quote currency of every price (e.g. USDT)
 * @param debtQuote D, the debt in the quote currency, positive and finite
 */
public record Position(
    String id, List<CollateralHolding> collateral, String debtAsset, double debtQuote) {

  public Position {
    Checks.notBlank(id, "position id");
    Checks.notBlank(debtAsset, "debtAsset", id);
    Checks.positiveFinite(debtQuote, "debtQuote", id);
    collateral = List.copyOf(collateral);
    if (collateral.isEmpty()) {
      throw new IllegalArgumentException("position " + id + " has no collateral");
    }
    for (int i = 0; i < collateral.size(); i++) {
      CollateralHolding h = collateral.get(i);
      if (!Double.isFinite(h.valueQuote())) {
        throw new IllegalArgumentException(
            "value of " + h.symbol() + " in position " + id + " overflows");
      }
      for (int j = 0; j < i; j++) {
        if (collateral.get(j).symbol().equals(h.symbol())) {
          throw new IllegalArgumentException("position " + id + " lists " + h.symbol() + " twice");
        }
      }
    }
  }
}

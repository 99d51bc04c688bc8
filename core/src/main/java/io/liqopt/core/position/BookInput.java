package io.liqopt.core.position;

import java.util.List;
import java.util.Map;

/** The checks of a position written to a book, shared by {@link PositionBook} and its owners. */
public final class BookInput {
  private BookInput() {}

  /**
   * The asset indexes of a position's collateral, checked.
   *
   * @param symbols its collateral assets, each in {@code assetIndex}, distinct, one at least
   * @param quantities their quantities, non-negative and finite
   * @param debtQuote its debt, positive and finite
   * @throws IllegalArgumentException naming the first bad field or an unknown asset
   */
  public static int[] assetIndexes(
      String id,
      List<String> symbols,
      double[] quantities,
      double debtQuote,
      Map<String, Integer> assetIndex) {
    if (!(debtQuote > 0) || !Double.isFinite(debtQuote)) {
      throw new IllegalArgumentException("debt of " + id + " must be positive, was " + debtQuote);
    }
    if (symbols.isEmpty() || symbols.size() != quantities.length) {
      throw new IllegalArgumentException(
          id + " needs one quantity per collateral asset, and one asset at least");
    }
    int[] a = new int[symbols.size()];
    for (int k = 0; k < a.length; k++) {
      Integer j = assetIndex.get(symbols.get(k));
      if (j == null) {
        throw new IllegalArgumentException("unknown collateral asset " + symbols.get(k));
      }
      if (!(quantities[k] >= 0) || !Double.isFinite(quantities[k])) {
        throw new IllegalArgumentException("quantity of " + symbols.get(k) + " must be ≥ 0");
      }
      for (int m = 0; m < k; m++) {
        if (a[m] == j) {
          throw new IllegalArgumentException(id + " lists " + symbols.get(k) + " twice");
        }
      }
      a[k] = j;
    }
    return a;
  }
}

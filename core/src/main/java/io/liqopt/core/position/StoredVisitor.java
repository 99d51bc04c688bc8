package io.liqopt.core.position;

/**
 * What {@link PositionBook#forEachStored} and {@link PositionBook#stored} visit: one position as
 * the book stores it. The arrays are lent for the call (refilled for the next position): read them
 * during it, never keep or change them.
 */
@FunctionalInterface
public interface StoredVisitor {
  /**
   * @param assetIndexes its collateral assets, as indexes into {@link PositionBook#assets()}
   * @param quantities their quantities, in the same order
   * @param debtQuote its debt, quote currency
   */
  void visit(String id, long version, int[] assetIndexes, double[] quantities, double debtQuote);
}

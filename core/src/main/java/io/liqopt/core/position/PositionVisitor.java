package io.liqopt.core.position;

/** What {@link PositionBook#forEach} visits: a position's debt, collateral value and HF now. */
@FunctionalInterface
public interface PositionVisitor {
  void visit(String id, double debtQuote, double collateralQuote, double healthFactor);
}

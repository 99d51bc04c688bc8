package io.liqopt.core.policy;

/** The {@link PriceGuard} refused to produce a price: too few sources agree within the band. */
public final class PriceRefusedException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public PriceRefusedException(String message) {
    super(message);
  }
}

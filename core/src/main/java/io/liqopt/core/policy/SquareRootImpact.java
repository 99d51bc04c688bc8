package io.liqopt.core.policy;

import io.liqopt.core.Checks;

/**
 * The square-root law of price impact: selling a value Q moves the price by {@code impact(Q) = k ·
 * sqrt(Q)}, a fraction, with k fitted one of two ways:
 *
 * <ul>
 *   <li>from volume: {@code k = Y · σ_day / sqrt(V_day)}, i.e. DESIGN.md's {@code impact = Y ·
 *       σ_day · sqrt(Q / V_day)} (Tóth et al. 2011, Phys. Rev. X 1, 021006; Bouchaud et al.,
 *       "Trades, Quotes and Prices", 2018, ch. 12);
 *   <li>from a measured depth point (Q_d, m_d): {@code k = m_d / sqrt(Q_d)}, the square-root curve
 *       through that point.
 * </ul>
 *
 * @param scale k, in 1/sqrt(quote currency), positive and finite
 * @param fromDepth whether k came from supplied depth rather than volume
 */
public record SquareRootImpact(double scale, boolean fromDepth) {

  public SquareRootImpact {
    Checks.positiveFinite(scale, "impact scale");
  }

  /**
   * The law for {@code market}: from its depth when supplied, else from its daily volume.
   *
   * @param dailyVolatility σ_day, a fraction
   * @param impactCoefficient Y
   */
  public static SquareRootImpact of(
      MarketSnapshot market, double dailyVolatility, double impactCoefficient) {
    if (market.depth() != null) {
      BookDepth d = market.depth();
      return new SquareRootImpact(d.priceMoveFraction() / Math.sqrt(d.quoteAmount()), true);
    }
    Checks.positiveFinite(dailyVolatility, "dailyVolatility");
    Checks.positiveFinite(impactCoefficient, "impactCoefficient");
    return new SquareRootImpact(
        impactCoefficient * dailyVolatility / Math.sqrt(market.dailyQuoteVolume()), false);
  }

  /** The impact of selling {@code valueQuote} at once, a fraction: {@code k · sqrt(Q)}. */
  public double impactFraction(double valueQuote) {
    return scale * Math.sqrt(valueQuote);
  }

  /** The largest value whose impact stays within {@code limit}: {@code (limit / k)²}. */
  public double maxValueForImpact(double limit) {
    double q = limit / scale;
    return q * q;
  }
}

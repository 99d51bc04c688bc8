package io.liqopt.core.policy;

import static io.liqopt.core.policy.ConfigChecks.fraction;
import static io.liqopt.core.policy.ConfigChecks.nonNegative;
import static io.liqopt.core.policy.ConfigChecks.openInterval;
import static io.liqopt.core.policy.ConfigChecks.positive;

/**
 * How a liquidation is sized and executed: the partial-liquidation rule and the market-impact
 * limits of its slices. Validated on construction; a bad field is refused with a {@link
 * ConfigException} naming the field.
 *
 * @param closeFactor the largest fraction of the debt one partial liquidation may repay, in (0, 1].
 *     Default 0.5 (Aave v3, Compound v2).
 * @param targetHealthFactor h*, the health factor a partial liquidation restores, &gt; 1. Default
 *     1.05: a small cushion, so the position is not liquidated again by the next tick.
 * @param fullLiquidationHealthFactor below this HF the whole debt may be repaid, in (0, 1). Default
 *     0.95 (Aave v3's {@code CLOSE_FACTOR_HF_THRESHOLD}).
 * @param dustQuote debt, or debt left after a partial repay, under which the position is fully
 *     liquidated, quote currency. Default 1000 (Aave v3.3's {@code MIN_LEFTOVER_BASE}, 1000 USD).
 * @param sliceImpactLimit the largest price impact of one execution slice, a fraction in (0, 1).
 *     Default 0.005 (50 bp).
 * @param participationRate the largest share of an hour's volume one slice may take, in (0, 1].
 *     Default 0.10, the usual ceiling of execution algorithms.
 * @param impactCoefficient Y of the square-root law {@code Y σ_day sqrt(Q / V_day)}, &gt; 0.
 *     Default 1.0: Y is of order one across markets (Tóth et al. 2011, Phys. Rev. X 1, 021006;
 *     Donier and Bonart 2015 for Bitcoin).
 */
public record ExecutionConfig(
    double closeFactor,
    double targetHealthFactor,
    double fullLiquidationHealthFactor,
    double dustQuote,
    double sliceImpactLimit,
    double participationRate,
    double impactCoefficient)
    implements java.io.Serializable {

  /** The documented defaults. */
  public static final ExecutionConfig DEFAULTS =
      new ExecutionConfig(0.5, 1.05, 0.95, 1000, 0.005, 0.10, 1.0);

  public ExecutionConfig {
    fraction(closeFactor, "closeFactor");
    if (!(targetHealthFactor > 1) || !Double.isFinite(targetHealthFactor)) {
      throw new ConfigException(
          "targetHealthFactor", "must be finite and greater than 1, was " + targetHealthFactor);
    }
    openInterval(fullLiquidationHealthFactor, 0, 1, "fullLiquidationHealthFactor");
    nonNegative(dustQuote, "dustQuote");
    openInterval(sliceImpactLimit, 0, 1, "sliceImpactLimit");
    fraction(participationRate, "participationRate");
    positive(impactCoefficient, "impactCoefficient");
  }
}

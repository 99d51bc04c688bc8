package io.liqopt.backtest;

import io.liqopt.core.Checks;

/**
 * The simulated market participants. Amounts in the quote currency; times in hours. The defaults
 * are a mid-sized lending venue's book on one asset: about 12 new loans a day, held three weeks on
 * average, a third of borrowers defending their position when warned.
 *
 * @param arrivalsPerDay new positions per asset per day (Poisson)
 * @param medianSizeQuote median collateral value of a new position (log-normal)
 * @param sizeLogSigma σ of the log of the size
 * @param maxSizeShareOfDailyVolume a position is at most this share of the asset's daily volume
 * @param openLtvShareMin borrowers open at a fraction u of the policy's max LTV, u uniform in [min,
 *     max]
 * @param openLtvShareMax see above
 * @param meanHoldHours mean holding time (exponential)
 * @param warningHealthFactor a borrower is warned below this health factor (at the close)
 * @param reactProbability the chance a warned borrower reacts (per warning episode)
 * @param maxReactionDelayHours a reacting borrower tops up after 1..this many hours
 * @param topUpHealthFactor a top-up brings HF back to this (adding collateral)
 * @param liquidatorLatencyHours liquidators act this many hours after a position becomes
 *     liquidatable (at least 1: a keeper sees the bar, then acts)
 * @param liquidatorFixedCostQuote a liquidator's fixed cost per liquidation
 * @param permanentImpactShare the share of a liquidation sale's square-root impact that stays in
 *     the price (the rest is temporary and is borne by the liquidator)
 * @param impactHalfLifeHours permanent impact decays back towards the historical price with this
 *     half-life, so the simulated market stays tied to the real one
 */
public record SimulationConfig(
    double arrivalsPerDay,
    double medianSizeQuote,
    double sizeLogSigma,
    double maxSizeShareOfDailyVolume,
    double openLtvShareMin,
    double openLtvShareMax,
    double meanHoldHours,
    double warningHealthFactor,
    double reactProbability,
    int maxReactionDelayHours,
    double topUpHealthFactor,
    int liquidatorLatencyHours,
    double liquidatorFixedCostQuote,
    double permanentImpactShare,
    double impactHalfLifeHours)
    implements java.io.Serializable {

  public SimulationConfig {
    Checks.positiveFinite(arrivalsPerDay, "arrivalsPerDay");
    Checks.positiveFinite(medianSizeQuote, "medianSizeQuote");
    Checks.nonNegativeFinite(sizeLogSigma, "sizeLogSigma");
    Checks.positiveFinite(maxSizeShareOfDailyVolume, "maxSizeShareOfDailyVolume");
    if (!(openLtvShareMin > 0 && openLtvShareMin <= openLtvShareMax && openLtvShareMax <= 1)) {
      throw new IllegalArgumentException("need 0 < openLtvShareMin <= openLtvShareMax <= 1");
    }
    Checks.positiveFinite(meanHoldHours, "meanHoldHours");
    if (!(warningHealthFactor > 1)) {
      throw new IllegalArgumentException("warningHealthFactor must be > 1");
    }
    Checks.inRange(reactProbability, 0, 1, "reactProbability");
    Checks.positive(maxReactionDelayHours, "maxReactionDelayHours");
    if (!(topUpHealthFactor >= warningHealthFactor)) {
      throw new IllegalArgumentException("topUpHealthFactor must be >= warningHealthFactor");
    }
    Checks.positive(liquidatorLatencyHours, "liquidatorLatencyHours");
    Checks.nonNegativeFinite(liquidatorFixedCostQuote, "liquidatorFixedCostQuote");
    Checks.inRange(permanentImpactShare, 0, 1, "permanentImpactShare");
    Checks.positiveFinite(impactHalfLifeHours, "impactHalfLifeHours");
  }

  /** The defaults described above. */
  public static SimulationConfig defaults() {
    return new SimulationConfig(
        12, 25_000, 1.0, 0.01, 0.70, 1.0, 21 * 24, 1.15, 0.35, 12, 1.5, 1, 50, 0.5, 24);
  }
}

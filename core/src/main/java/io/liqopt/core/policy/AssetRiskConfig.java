package io.liqopt.core.policy;

/**
 * The validated risk configuration of one asset: the computing form of {@link RiskSettings}. Every
 * field is checked on construction and a bad one is refused with a {@link ConfigException} naming
 * it. Symbols are those of DESIGN.md, "Threshold policy".
 *
 * <p>Defaults ({@link #DEFAULTS}) and why:
 *
 * @param alpha α, the quantile level of the adverse move that sets LT, in (0.5, 1). Default 0.99:
 *     the tail level banks use for market-risk VaR (Basel 99 %); at a 24 h horizon it puts LT near
 *     the 80–85 % that venues choose by hand for majors in calm markets.
 * @param beta β, the quantile level of the new-position buffer, in (0.5, 1). Default 0.95: a
 *     borrower should survive an ordinary bad day, not the 1-in-100 one.
 * @param liquidationHorizonHours H_liq, liquidator reaction plus exit time, hours. Default 24:
 *     covers keeper outages and congestion such as 12 March 2020 (Black Thursday), when
 *     liquidations lagged for hours. The forecast must have this horizon.
 * @param userHorizonHours H_user, the time a borrower takes to react (top up or repay), hours.
 *     Default 24: a borrower who checks once a day.
 * @param bonusMin b_min, the least bonus, a fraction. Default 0.02: below this, liquidators of
 *     majors stop clearing debt when gas spikes.
 * @param bonusMax b_max, the largest bonus, a fraction, at least b_min. Default 0.15: Aave v3's
 *     highest per-asset bonus; above it the penalty is predatory.
 * @param liquidatorFixedCostQuote the liquidator's fixed cost per liquidation (gas, fees), quote
 *     currency. Default 50.
 * @param liquidatorExitHours the liquidator's exit horizon (time holding the seized collateral),
 *     hours. Default 1.
 * @param inventoryRiskSigmas how many standard deviations of the price move over the exit horizon
 *     the bonus must cover. Default 1.
 * @param typicalClipQuote the typical liquidated clip whose slippage s enters LT and the bonus,
 *     quote currency. Default 100 000.
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
 * @param ltMaxChangePerDay the governor's LT rate limit, in LT points per day (0.02 = 2 points),
 *     &gt; 0. Default 0.02.
 * @param stressedLookbackDays the governor's stressed look-back window, days. Default 365.
 * @param stressedWeight the weight of the stressed (tightest) LT of the look-back window in the
 *     governor's floor, in [0, 1]. Default 0.25: EU EMIR RTS 153/2013 art. 28(1)(b) asks CCPs to
 *     give at least 25 % weight to stressed observations.
 * @param stressTriggerProbability the stress probability at and above which the governor heads for
 *     the stressed LT ahead of stress, in (0, 1]. Default 0.20.
 * @param maxInputAgeHours forecasts and market data older than this are stale, hours. Default 3
 *     (two missed hourly bars).
 * @param bonusSchedule the position bonus schedule. Default {@link BonusSchedule#FLAT} (off).
 * @param bonusMaxAtHealthFactor with {@link BonusSchedule#LINEAR}, the HF at which the bonus
 *     reaches b_max, in (0, 1). Default 0.90.
 * @param priceBandFraction the oracle guard drops sources further than this from the median, a
 *     fraction in (0, 1). Default 0.02.
 * @param minAgreeingSources the oracle guard refuses a price when fewer sources agree. Default 2.
 */
public record AssetRiskConfig(
    double alpha,
    double beta,
    int liquidationHorizonHours,
    int userHorizonHours,
    double bonusMin,
    double bonusMax,
    double liquidatorFixedCostQuote,
    double liquidatorExitHours,
    double inventoryRiskSigmas,
    double typicalClipQuote,
    double closeFactor,
    double targetHealthFactor,
    double fullLiquidationHealthFactor,
    double dustQuote,
    double sliceImpactLimit,
    double participationRate,
    double impactCoefficient,
    double ltMaxChangePerDay,
    int stressedLookbackDays,
    double stressedWeight,
    double stressTriggerProbability,
    double maxInputAgeHours,
    BonusSchedule bonusSchedule,
    double bonusMaxAtHealthFactor,
    double priceBandFraction,
    int minAgreeingSources) {

  /** The documented defaults (see the record's parameters for the reasons). */
  public static final AssetRiskConfig DEFAULTS =
      new AssetRiskConfig(
          0.99,
          0.95,
          24,
          24,
          0.02,
          0.15,
          50,
          1,
          1,
          100_000,
          0.5,
          1.05,
          0.95,
          1000,
          0.005,
          0.10,
          1.0,
          0.02,
          365,
          0.25,
          0.20,
          3,
          BonusSchedule.FLAT,
          0.90,
          0.02,
          2);

  public AssetRiskConfig {
    openInterval(alpha, 0.5, 1, "alpha");
    openInterval(beta, 0.5, 1, "beta");
    positive(liquidationHorizonHours, "liquidationHorizonHours");
    positive(userHorizonHours, "userHorizonHours");
    halfOpen(bonusMin, "bonusMin");
    halfOpen(bonusMax, "bonusMax");
    if (bonusMin > bonusMax) {
      throw new ConfigException(
          "bonusMin", "must not exceed bonusMax (" + bonusMin + " > " + bonusMax + ")");
    }
    nonNegative(liquidatorFixedCostQuote, "liquidatorFixedCostQuote");
    positive(liquidatorExitHours, "liquidatorExitHours");
    nonNegative(inventoryRiskSigmas, "inventoryRiskSigmas");
    positive(typicalClipQuote, "typicalClipQuote");
    if (!(closeFactor > 0 && closeFactor <= 1)) {
      throw new ConfigException("closeFactor", "must be in (0, 1], was " + closeFactor);
    }
    if (!(targetHealthFactor > 1) || !Double.isFinite(targetHealthFactor)) {
      throw new ConfigException(
          "targetHealthFactor", "must be finite and greater than 1, was " + targetHealthFactor);
    }
    openInterval(fullLiquidationHealthFactor, 0, 1, "fullLiquidationHealthFactor");
    nonNegative(dustQuote, "dustQuote");
    openInterval(sliceImpactLimit, 0, 1, "sliceImpactLimit");
    if (!(participationRate > 0 && participationRate <= 1)) {
      throw new ConfigException("participationRate", "must be in (0, 1], was " + participationRate);
    }
    positive(impactCoefficient, "impactCoefficient");
    positive(ltMaxChangePerDay, "ltMaxChangePerDay");
    positive(stressedLookbackDays, "stressedLookbackDays");
    if (!(stressedWeight >= 0 && stressedWeight <= 1)) {
      throw new ConfigException("stressedWeight", "must be in [0, 1], was " + stressedWeight);
    }
    if (!(stressTriggerProbability > 0 && stressTriggerProbability <= 1)) {
      throw new ConfigException(
          "stressTriggerProbability", "must be in (0, 1], was " + stressTriggerProbability);
    }
    positive(maxInputAgeHours, "maxInputAgeHours");
    if (bonusSchedule == null) {
      throw new ConfigException("bonusSchedule", "must be FLAT or LINEAR");
    }
    openInterval(bonusMaxAtHealthFactor, 0, 1, "bonusMaxAtHealthFactor");
    openInterval(priceBandFraction, 0, 1, "priceBandFraction");
    positive(minAgreeingSources, "minAgreeingSources");
  }

  /** A builder with this configuration's values: change a few, then build (validated). */
  public AssetRiskConfigBuilder toBuilder() {
    return new AssetRiskConfigBuilder(this);
  }

  /** This configuration at another α (validated). */
  public AssetRiskConfig withAlpha(double alpha) {
    return toBuilder().alpha(alpha).build();
  }

  private static void openInterval(double x, double lo, double hi, String field) {
    if (!(x > lo && x < hi)) {
      throw new ConfigException(field, "must be in (" + fmt(lo) + ", " + fmt(hi) + "), was " + x);
    }
  }

  private static void halfOpen(double x, String field) {
    if (!(x >= 0 && x < 1)) {
      throw new ConfigException(field, "must be in [0, 1), was " + x);
    }
  }

  private static void nonNegative(double x, String field) {
    if (!(x >= 0) || !Double.isFinite(x)) {
      throw new ConfigException(field, "must be finite and not negative, was " + x);
    }
  }

  private static void positive(double x, String field) {
    if (!(x > 0) || !Double.isFinite(x)) {
      throw new ConfigException(field, "must be finite and positive, was " + x);
    }
  }

  private static void positive(int n, String field) {
    if (n <= 0) {
      throw new ConfigException(field, "must be positive, was " + n);
    }
  }

  private static String fmt(double x) {
    return x == Math.rint(x) ? Long.toString((long) x) : Double.toString(x);
  }
}

package io.liqopt.core.policy;

/**
 * Changes some fields of an {@link AssetRiskConfig}; {@link #build} validates the result as the
 * constructor does. Not thread-safe; a built configuration is immutable.
 */
public final class AssetRiskConfigBuilder {
  private double alpha;
  private double beta;
  private int liquidationHorizonHours;
  private int userHorizonHours;
  private double bonusMin;
  private double bonusMax;
  private double liquidatorFixedCostQuote;
  private double liquidatorExitHours;
  private double inventoryRiskSigmas;
  private double typicalClipQuote;
  private double closeFactor;
  private double targetHealthFactor;
  private double fullLiquidationHealthFactor;
  private double dustQuote;
  private double sliceImpactLimit;
  private double participationRate;
  private double impactCoefficient;
  private double ltMaxChangePerDay;
  private int stressedLookbackDays;
  private double stressedWeight;
  private double stressTriggerProbability;
  private double maxInputAgeHours;
  private BonusSchedule bonusSchedule;
  private double bonusMaxAtHealthFactor;
  private double priceBandFraction;
  private int minAgreeingSources;
  private double minIncentiveQuote;
  private double ltMaxLoosenPerDay;
  private double stressedQuantile;
  private double ltCeiling;
  private double ltRampHours;

  AssetRiskConfigBuilder(AssetRiskConfig c) {
    alpha = c.quantiles().alpha();
    beta = c.quantiles().beta();
    liquidationHorizonHours = c.quantiles().liquidationHorizonHours();
    userHorizonHours = c.quantiles().userHorizonHours();
    bonusMin = c.bonus().min();
    bonusMax = c.bonus().max();
    liquidatorFixedCostQuote = c.bonus().liquidatorFixedCostQuote();
    liquidatorExitHours = c.bonus().liquidatorExitHours();
    inventoryRiskSigmas = c.bonus().inventoryRiskSigmas();
    typicalClipQuote = c.bonus().typicalClipQuote();
    closeFactor = c.execution().closeFactor();
    targetHealthFactor = c.execution().targetHealthFactor();
    fullLiquidationHealthFactor = c.execution().fullLiquidationHealthFactor();
    dustQuote = c.execution().dustQuote();
    sliceImpactLimit = c.execution().sliceImpactLimit();
    participationRate = c.execution().participationRate();
    impactCoefficient = c.execution().impactCoefficient();
    ltMaxChangePerDay = c.governor().ltMaxChangePerDay();
    stressedLookbackDays = c.governor().stressedLookbackDays();
    stressedWeight = c.governor().stressedWeight();
    stressTriggerProbability = c.governor().stressTriggerProbability();
    ltMaxLoosenPerDay = c.governor().ltMaxLoosenPerDay();
    stressedQuantile = c.governor().stressedQuantile();
    ltCeiling = c.governor().ltCeiling();
    ltRampHours = c.governor().ltRampHours();
    maxInputAgeHours = c.oracleGuard().maxInputAgeHours();
    bonusSchedule = c.bonus().schedule();
    bonusMaxAtHealthFactor = c.bonus().maxAtHealthFactor();
    minIncentiveQuote = c.bonus().minIncentiveQuote();
    priceBandFraction = c.oracleGuard().priceBandFraction();
    minAgreeingSources = c.oracleGuard().minAgreeingSources();
  }

  public AssetRiskConfigBuilder alpha(double value) {
    alpha = value;
    return this;
  }

  public AssetRiskConfigBuilder beta(double value) {
    beta = value;
    return this;
  }

  public AssetRiskConfigBuilder liquidationHorizonHours(int value) {
    liquidationHorizonHours = value;
    return this;
  }

  public AssetRiskConfigBuilder userHorizonHours(int value) {
    userHorizonHours = value;
    return this;
  }

  public AssetRiskConfigBuilder bonusMin(double value) {
    bonusMin = value;
    return this;
  }

  public AssetRiskConfigBuilder bonusMax(double value) {
    bonusMax = value;
    return this;
  }

  public AssetRiskConfigBuilder liquidatorFixedCostQuote(double value) {
    liquidatorFixedCostQuote = value;
    return this;
  }

  public AssetRiskConfigBuilder liquidatorExitHours(double value) {
    liquidatorExitHours = value;
    return this;
  }

  public AssetRiskConfigBuilder inventoryRiskSigmas(double value) {
    inventoryRiskSigmas = value;
    return this;
  }

  public AssetRiskConfigBuilder typicalClipQuote(double value) {
    typicalClipQuote = value;
    return this;
  }

  public AssetRiskConfigBuilder closeFactor(double value) {
    closeFactor = value;
    return this;
  }

  public AssetRiskConfigBuilder targetHealthFactor(double value) {
    targetHealthFactor = value;
    return this;
  }

  public AssetRiskConfigBuilder fullLiquidationHealthFactor(double value) {
    fullLiquidationHealthFactor = value;
    return this;
  }

  public AssetRiskConfigBuilder dustQuote(double value) {
    dustQuote = value;
    return this;
  }

  public AssetRiskConfigBuilder sliceImpactLimit(double value) {
    sliceImpactLimit = value;
    return this;
  }

  public AssetRiskConfigBuilder participationRate(double value) {
    participationRate = value;
    return this;
  }

  public AssetRiskConfigBuilder impactCoefficient(double value) {
    impactCoefficient = value;
    return this;
  }

  public AssetRiskConfigBuilder ltMaxChangePerDay(double value) {
    ltMaxChangePerDay = value;
    return this;
  }

  public AssetRiskConfigBuilder stressedLookbackDays(int value) {
    stressedLookbackDays = value;
    return this;
  }

  public AssetRiskConfigBuilder stressedWeight(double value) {
    stressedWeight = value;
    return this;
  }

  public AssetRiskConfigBuilder stressTriggerProbability(double value) {
    stressTriggerProbability = value;
    return this;
  }

  public AssetRiskConfigBuilder ltMaxLoosenPerDay(double value) {
    ltMaxLoosenPerDay = value;
    return this;
  }

  public AssetRiskConfigBuilder stressedQuantile(double value) {
    stressedQuantile = value;
    return this;
  }

  public AssetRiskConfigBuilder ltRampHours(double value) {
    ltRampHours = value;
    return this;
  }

  public AssetRiskConfigBuilder ltCeiling(double value) {
    ltCeiling = value;
    return this;
  }

  public AssetRiskConfigBuilder maxInputAgeHours(double value) {
    maxInputAgeHours = value;
    return this;
  }

  public AssetRiskConfigBuilder bonusSchedule(BonusSchedule value) {
    bonusSchedule = value;
    return this;
  }

  public AssetRiskConfigBuilder bonusMaxAtHealthFactor(double value) {
    bonusMaxAtHealthFactor = value;
    return this;
  }

  public AssetRiskConfigBuilder priceBandFraction(double value) {
    priceBandFraction = value;
    return this;
  }

  public AssetRiskConfigBuilder minAgreeingSources(int value) {
    minAgreeingSources = value;
    return this;
  }

  public AssetRiskConfigBuilder minIncentiveQuote(double value) {
    minIncentiveQuote = value;
    return this;
  }

  /**
   * The configuration; a bad field is refused with a {@link ConfigException} naming it. Parts are
   * validated in the order quantiles, bonus, execution, governor, oracle guard.
   */
  public AssetRiskConfig build() {
    return new AssetRiskConfig(
        new QuantileConfig(alpha, beta, liquidationHorizonHours, userHorizonHours),
        new BonusConfig(
            bonusMin,
            bonusMax,
            liquidatorFixedCostQuote,
            liquidatorExitHours,
            inventoryRiskSigmas,
            typicalClipQuote,
            bonusSchedule,
            bonusMaxAtHealthFactor,
            minIncentiveQuote),
        new ExecutionConfig(
            closeFactor,
            targetHealthFactor,
            fullLiquidationHealthFactor,
            dustQuote,
            sliceImpactLimit,
            participationRate,
            impactCoefficient),
        new GovernorConfig(
            ltMaxChangePerDay,
            stressedLookbackDays,
            stressedWeight,
            stressTriggerProbability,
            ltMaxLoosenPerDay,
            stressedQuantile,
            ltCeiling,
            ltRampHours),
        new OracleGuardConfig(maxInputAgeHours, priceBandFraction, minAgreeingSources));
  }
}

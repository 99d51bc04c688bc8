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

  AssetRiskConfigBuilder(AssetRiskConfig c) {
    alpha = c.alpha();
    beta = c.beta();
    liquidationHorizonHours = c.liquidationHorizonHours();
    userHorizonHours = c.userHorizonHours();
    bonusMin = c.bonusMin();
    bonusMax = c.bonusMax();
    liquidatorFixedCostQuote = c.liquidatorFixedCostQuote();
    liquidatorExitHours = c.liquidatorExitHours();
    inventoryRiskSigmas = c.inventoryRiskSigmas();
    typicalClipQuote = c.typicalClipQuote();
    closeFactor = c.closeFactor();
    targetHealthFactor = c.targetHealthFactor();
    fullLiquidationHealthFactor = c.fullLiquidationHealthFactor();
    dustQuote = c.dustQuote();
    sliceImpactLimit = c.sliceImpactLimit();
    participationRate = c.participationRate();
    impactCoefficient = c.impactCoefficient();
    ltMaxChangePerDay = c.ltMaxChangePerDay();
    stressedLookbackDays = c.stressedLookbackDays();
    stressedWeight = c.stressedWeight();
    stressTriggerProbability = c.stressTriggerProbability();
    maxInputAgeHours = c.maxInputAgeHours();
    bonusSchedule = c.bonusSchedule();
    bonusMaxAtHealthFactor = c.bonusMaxAtHealthFactor();
    priceBandFraction = c.priceBandFraction();
    minAgreeingSources = c.minAgreeingSources();
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

  /** The configuration; a bad field is refused with a {@link ConfigException} naming it. */
  public AssetRiskConfig build() {
    return new AssetRiskConfig(
        alpha,
        beta,
        liquidationHorizonHours,
        userHorizonHours,
        bonusMin,
        bonusMax,
        liquidatorFixedCostQuote,
        liquidatorExitHours,
        inventoryRiskSigmas,
        typicalClipQuote,
        closeFactor,
        targetHealthFactor,
        fullLiquidationHealthFactor,
        dustQuote,
        sliceImpactLimit,
        participationRate,
        impactCoefficient,
        ltMaxChangePerDay,
        stressedLookbackDays,
        stressedWeight,
        stressTriggerProbability,
        maxInputAgeHours,
        bonusSchedule,
        bonusMaxAtHealthFactor,
        priceBandFraction,
        minAgreeingSources);
  }
}

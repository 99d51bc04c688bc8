package io.liqopt.core.policy;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The user-written form of a risk configuration: the fields of {@link AssetRiskConfig} (see it for
 * meanings, units and defaults), every one optional. A {@code null} field inherits: an asset's
 * override inherits from the file's {@code defaults} section, which inherits from {@link
 * AssetRiskConfig#DEFAULTS}. Nothing is checked here; {@link PolicyConfig#resolve()} does.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RiskSettings(
    Double alpha,
    Double beta,
    Integer liquidationHorizonHours,
    Integer userHorizonHours,
    Double bonusMin,
    Double bonusMax,
    Double liquidatorFixedCostQuote,
    Double liquidatorExitHours,
    Double inventoryRiskSigmas,
    Double typicalClipQuote,
    Double closeFactor,
    Double targetHealthFactor,
    Double fullLiquidationHealthFactor,
    Double dustQuote,
    Double sliceImpactLimit,
    Double participationRate,
    Double impactCoefficient,
    Double ltMaxChangePerDay,
    Integer stressedLookbackDays,
    Double stressedWeight,
    Double stressTriggerProbability,
    Double maxInputAgeHours,
    BonusSchedule bonusSchedule,
    Double bonusMaxAtHealthFactor,
    Double priceBandFraction,
    Integer minAgreeingSources,
    Double minIncentiveQuote,
    Double ltMaxLoosenPerDay,
    Double stressedQuantile,
    Double ltCeiling,
    Double ltRampHours) {

  /** Settings that override nothing. */
  public static RiskSettings inheritAll() {
    return new RiskSettings(
        null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
        null);
  }

  /** Every field of {@code c}, in the flat form a user writes. */
  public static RiskSettings of(AssetRiskConfig c) {
    QuantileConfig q = c.quantiles();
    BonusConfig b = c.bonus();
    ExecutionConfig e = c.execution();
    GovernorConfig g = c.governor();
    OracleGuardConfig o = c.oracleGuard();
    return new RiskSettings(
        q.alpha(),
        q.beta(),
        q.liquidationHorizonHours(),
        q.userHorizonHours(),
        b.min(),
        b.max(),
        b.liquidatorFixedCostQuote(),
        b.liquidatorExitHours(),
        b.inventoryRiskSigmas(),
        b.typicalClipQuote(),
        e.closeFactor(),
        e.targetHealthFactor(),
        e.fullLiquidationHealthFactor(),
        e.dustQuote(),
        e.sliceImpactLimit(),
        e.participationRate(),
        e.impactCoefficient(),
        g.ltMaxChangePerDay(),
        g.stressedLookbackDays(),
        g.stressedWeight(),
        g.stressTriggerProbability(),
        o.maxInputAgeHours(),
        b.schedule(),
        b.maxAtHealthFactor(),
        o.priceBandFraction(),
        o.minAgreeingSources(),
        b.minIncentiveQuote(),
        g.ltMaxLoosenPerDay(),
        g.stressedQuantile(),
        g.ltCeiling(),
        g.ltRampHours());
  }

  /**
   * {@code base} with every field set here replacing its value: how an override inherits.
   *
   * @throws ConfigException naming the first refused field
   */
  public AssetRiskConfig over(AssetRiskConfig base) {
    AssetRiskConfigBuilder b = base.toBuilder();
    overQuantilesAndBonus(b);
    overExecutionGovernorAndGuard(b);
    return b.build();
  }

  private void overQuantilesAndBonus(AssetRiskConfigBuilder b) {
    if (alpha != null) {
      b.alpha(alpha);
    }
    if (beta != null) {
      b.beta(beta);
    }
    if (liquidationHorizonHours != null) {
      b.liquidationHorizonHours(liquidationHorizonHours);
    }
    if (userHorizonHours != null) {
      b.userHorizonHours(userHorizonHours);
    }
    if (bonusMin != null) {
      b.bonusMin(bonusMin);
    }
    if (bonusMax != null) {
      b.bonusMax(bonusMax);
    }
    if (liquidatorFixedCostQuote != null) {
      b.liquidatorFixedCostQuote(liquidatorFixedCostQuote);
    }
    if (liquidatorExitHours != null) {
      b.liquidatorExitHours(liquidatorExitHours);
    }
    if (inventoryRiskSigmas != null) {
      b.inventoryRiskSigmas(inventoryRiskSigmas);
    }
    if (typicalClipQuote != null) {
      b.typicalClipQuote(typicalClipQuote);
    }
    if (minIncentiveQuote != null) {
      b.minIncentiveQuote(minIncentiveQuote);
    }
  }

  private void overExecutionGovernorAndGuard(AssetRiskConfigBuilder b) {
    if (closeFactor != null) {
      b.closeFactor(closeFactor);
    }
    if (targetHealthFactor != null) {
      b.targetHealthFactor(targetHealthFactor);
    }
    if (fullLiquidationHealthFactor != null) {
      b.fullLiquidationHealthFactor(fullLiquidationHealthFactor);
    }
    if (dustQuote != null) {
      b.dustQuote(dustQuote);
    }
    if (sliceImpactLimit != null) {
      b.sliceImpactLimit(sliceImpactLimit);
    }
    if (participationRate != null) {
      b.participationRate(participationRate);
    }
    if (impactCoefficient != null) {
      b.impactCoefficient(impactCoefficient);
    }
    if (ltMaxChangePerDay != null) {
      b.ltMaxChangePerDay(ltMaxChangePerDay);
    }
    if (stressedLookbackDays != null) {
      b.stressedLookbackDays(stressedLookbackDays);
    }
    if (stressedWeight != null) {
      b.stressedWeight(stressedWeight);
    }
    if (stressTriggerProbability != null) {
      b.stressTriggerProbability(stressTriggerProbability);
    }
    if (ltMaxLoosenPerDay != null) {
      b.ltMaxLoosenPerDay(ltMaxLoosenPerDay);
    }
    if (stressedQuantile != null) {
      b.stressedQuantile(stressedQuantile);
    }
    if (ltRampHours != null) {
      b.ltRampHours(ltRampHours);
    }
    if (ltCeiling != null) {
      b.ltCeiling(ltCeiling);
    }
    if (maxInputAgeHours != null) {
      b.maxInputAgeHours(maxInputAgeHours);
    }
    if (bonusSchedule != null) {
      b.bonusSchedule(bonusSchedule);
    }
    if (bonusMaxAtHealthFactor != null) {
      b.bonusMaxAtHealthFactor(bonusMaxAtHealthFactor);
    }
    if (priceBandFraction != null) {
      b.priceBandFraction(priceBandFraction);
    }
    if (minAgreeingSources != null) {
      b.minAgreeingSources(minAgreeingSources);
    }
  }
}

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
    Integer minAgreeingSources) {

  /** Settings that override nothing. */
  public static RiskSettings inheritAll() {
    return new RiskSettings(
        null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null, null, null, null, null, null);
  }
}

package io.liqopt.core.policy;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/**
 * The validated risk configuration of one asset: the computing form of {@link RiskSettings}, in
 * five parts with one owner each. Every part validates its fields on construction and refuses a bad
 * one with a {@link ConfigException} naming it as the user writes it. Symbols are those of
 * DESIGN.md, "Threshold policy"; each part documents its defaults and why.
 *
 * <p>Written as JSON it is the flat {@link RiskSettings} form a user writes (see {@link
 * #settings()}), so a resolved configuration can be read back as a policy file.
 *
 * @param quantiles which adverse-move quantiles set LT and the buffer ({@link ThresholdCalculator})
 * @param bonus the liquidation bonus and the liquidator's costs it covers
 * @param execution the partial-liquidation rule and the impact limits of its slices ({@link
 *     io.liqopt.core.position.PositionAssessor})
 * @param governor how the published LT moves toward its target ({@link ThresholdGovernor})
 * @param oracleGuard input staleness and price agreement ({@link PriceGuard})
 */
public record AssetRiskConfig(
    QuantileConfig quantiles,
    BonusConfig bonus,
    ExecutionConfig execution,
    GovernorConfig governor,
    OracleGuardConfig oracleGuard)
    implements java.io.Serializable {

  /** The documented defaults of every part. */
  public static final AssetRiskConfig DEFAULTS =
      new AssetRiskConfig(
          QuantileConfig.DEFAULTS,
          BonusConfig.DEFAULTS,
          ExecutionConfig.DEFAULTS,
          GovernorConfig.DEFAULTS,
          OracleGuardConfig.DEFAULTS);

  public AssetRiskConfig {
    Objects.requireNonNull(quantiles, "quantiles");
    Objects.requireNonNull(bonus, "bonus");
    Objects.requireNonNull(execution, "execution");
    Objects.requireNonNull(governor, "governor");
    Objects.requireNonNull(oracleGuard, "oracleGuard");
  }

  /** A builder with this configuration's values, by field name: change a few, then build. */
  public AssetRiskConfigBuilder toBuilder() {
    return new AssetRiskConfigBuilder(this);
  }

  /** This configuration at another α (validated). */
  public AssetRiskConfig withAlpha(double alpha) {
    return withQuantiles(quantiles.withAlpha(alpha));
  }

  /** This configuration with other quantiles. */
  public AssetRiskConfig withQuantiles(QuantileConfig value) {
    return new AssetRiskConfig(value, bonus, execution, governor, oracleGuard);
  }

  /** This configuration with another bonus rule. */
  public AssetRiskConfig withBonus(BonusConfig value) {
    return new AssetRiskConfig(quantiles, value, execution, governor, oracleGuard);
  }

  /** This configuration with other execution rules. */
  public AssetRiskConfig withExecution(ExecutionConfig value) {
    return new AssetRiskConfig(quantiles, bonus, value, governor, oracleGuard);
  }

  /** This configuration with another governor. */
  public AssetRiskConfig withGovernor(GovernorConfig value) {
    return new AssetRiskConfig(quantiles, bonus, execution, value, oracleGuard);
  }

  /** This configuration with another oracle guard. */
  public AssetRiskConfig withOracleGuard(OracleGuardConfig value) {
    return new AssetRiskConfig(quantiles, bonus, execution, governor, value);
  }

  /** The flat form a user writes, every field set: what JSON holds for this configuration. */
  @JsonValue
  public RiskSettings settings() {
    return RiskSettings.of(this);
  }
}

package io.liqopt.core.position;

import static io.liqopt.core.policy.PolicyFixtures.market;
import static io.liqopt.core.policy.PolicyFixtures.thresholds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;

import io.liqopt.core.policy.AssetRiskConfig;
import io.liqopt.core.policy.BonusConfig;
import io.liqopt.core.policy.ReasonCode;
import io.liqopt.core.policy.ResolvedPolicy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The minimum incentive in quote terms: the bonus rule sees the position's actual repay. */
class MinIncentiveTest {
  private static final double TOLERANCE = 1e-9;
  private static final long SEED = 20_261_204L;

  private static final BonusConfig RULE =
      AssetRiskConfig.DEFAULTS.toBuilder().minIncentiveQuote(100).build().bonus();

  /* b_min 0.02, b_max 0.15 (defaults), minimum incentive 100:
   * b' = max(b, min(b_max, (100 + slippage)/ΔD · (1 + 1e-6))). */
  @Test
  void withMinIncentive_knownValues_raisedUpToTheCap() {
    double m = 1 + BonusConfig.INCENTIVE_MARGIN;
    assertEquals(0.05 * m, RULE.withMinIncentive(0.02, 2000, 0), TOLERANCE);
    assertEquals(0.06 * m, RULE.withMinIncentive(0.02, 2000, 20), TOLERANCE);
    assertEquals(0.02, RULE.withMinIncentive(0.02, 10_000, 50), TOLERANCE); // 200 ≥ 150
    assertEquals(0.15, RULE.withMinIncentive(0.02, 500, 0), TOLERANCE); // 0.2 capped
    assertEquals(0.04, BonusConfig.DEFAULTS.withMinIncentive(0.04, 10, 5), TOLERANCE); // off
  }

  /* 1 ETH at 2000, LT 0.8, bonus 5 %, debt 1620: HF 0.9877; 5 % of the repay is under 200. */
  @Test
  void assess_smallPosition_bonusRaisedAndReasonGiven() {
    ResolvedPolicy policy =
        new ResolvedPolicy(
            AssetRiskConfig.DEFAULTS.toBuilder().minIncentiveQuote(200).build(), Map.of());
    Assessment a = PositionAssessor.of(policy).assess(eth(1, 1620), th(), mk());
    LiquidationPlan p = a.liquidation();
    assertTrue(a.reasons().stream().anyMatch(r -> r.code() == ReasonCode.BONUS_MIN_INCENTIVE));
    assertTrue(
        p.borrowerPenaltyQuote() >= 200 + p.expectedSlippageQuote(),
        "penalty " + p.borrowerPenaltyQuote());
    Assessment off =
        PositionAssessor.of(ResolvedPolicy.defaultPolicy()).assess(eth(1, 1620), th(), mk());
    assertFalse(off.reasons().stream().anyMatch(r -> r.code() == ReasonCode.BONUS_MIN_INCENTIVE));
    assertTrue(off.liquidation().borrowerPenaltyQuote() < 200);
  }

  /* Any liquidatable, non-toxic ETH position: the liquidator earns at least the minimum incentive
   * plus the plan's expected slippage (what the backtest's liquidator asks for) unless the bonus is
   * at b_max, and never less than without the rule. */
  @Test
  void assess_anyPosition_incentiveMetOrCapBinds() {
    ResolvedPolicy policy =
        new ResolvedPolicy(
            AssetRiskConfig.DEFAULTS.toBuilder().minIncentiveQuote(150).build(), Map.of());
    PositionAssessor on = PositionAssessor.of(policy);
    PositionAssessor off = PositionAssessor.of(ResolvedPolicy.defaultPolicy());
    qt().withFixedSeed(SEED)
        .withExamples(300)
        .forAll(doubles().between(0.2, 20), doubles().between(0.96, 0.9999))
        .checkAssert(
            (qty, hf) -> {
              double debt = qty * 2000 * 0.8 / hf;
              LiquidationPlan p = on.assess(eth(qty, debt), th(), mk()).liquidation();
              LiquidationPlan q = off.assess(eth(qty, debt), th(), mk()).liquidation();
              assertFalse(p.toxicSpiral());
              double capped = 0.15 * p.repayQuote();
              double need = 150 + p.expectedSlippageQuote();
              assertTrue(
                  p.borrowerPenaltyQuote() >= need || p.borrowerPenaltyQuote() >= capped - 1e-6,
                  "penalty " + p.borrowerPenaltyQuote() + " repay " + p.repayQuote());
              assertTrue(p.borrowerPenaltyQuote() >= q.borrowerPenaltyQuote() - 1e-6);
            });
  }

  private static Position eth(double quantity, double debt) {
    return new Position(
        "p1", List.of(new CollateralHolding("ETHUSDT", quantity, 2000)), "USDT", debt);
  }

  private static Map<String, io.liqopt.core.policy.AssetThresholds> th() {
    return Map.of("ETHUSDT", thresholds("ETHUSDT", 0.8, 0.05, 0.5, 0.03));
  }

  private static Map<String, io.liqopt.core.policy.MarketSnapshot> mk() {
    return Map.of("ETHUSDT", market("ETHUSDT", 2000, 1e9));
  }
}

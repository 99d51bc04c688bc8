package io.liqopt.core.position;

import static io.liqopt.core.policy.PolicyFixtures.market;
import static io.liqopt.core.policy.PolicyFixtures.thresholds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.liqopt.core.policy.AssetThresholds;
import io.liqopt.core.policy.MarketSnapshot;
import io.liqopt.core.policy.PolicyConfig;
import io.liqopt.core.policy.ReasonCode;
import io.liqopt.core.policy.ResolvedPolicy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PositionAssessorTest {
  /** Absolute tolerance on quote amounts of order 1e4 worked by hand to ~1e-10. */
  private static final double AMOUNT_TOLERANCE = 1e-6;

  /** Tolerance on health factors and fractions. */
  private static final double RATIO_TOLERANCE = 1e-9;

  /**
   * Defaults: h* 1.05, full-liquidation HF 0.95, dust 1000, slice limit 0.005, participation 0.1.
   */
  private static final PositionAssessor ASSESSOR =
      PositionAssessor.of(ResolvedPolicy.defaultPolicy());

  private static final Map<String, AssetThresholds> TH =
      Map.of(
          "ETHUSDT", thresholds("ETHUSDT", 0.8, 0.05, 0.5, 0.03),
          "DOGEUSDT", thresholds("DOGEUSDT", 0.6, 0.10, 0.5, 0.05));
  private static final Map<String, MarketSnapshot> MK =
      Map.of(
          "ETHUSDT", market("ETHUSDT", 2000, 1e9),
          "DOGEUSDT", market("DOGEUSDT", 0.1, 1e7));

  /** The properties' seed: the same examples every run. */
  private static final long SEED = 20_240_321L;

  private static Position eth(double quantity, double debt) {
    return new Position(
        "p1", List.of(new CollateralHolding("ETHUSDT", quantity, 2000)), "USDT", debt);
  }

  /* 10 ETH at 2000 = 20 000, LT 0.8 → 16 000; debt 12 800 → HF = 1.25, distance 1 − 1/1.25
   * = 0.2. */
  @Test
  void assess_healthy_distanceIsPriceDropToHfOne() {
    Assessment a = ASSESSOR.assess(eth(10, 12_800), TH, MK);
    assertFalse(a.liquidatable());
    assertNull(a.liquidation());
    assertEquals(1.25, a.healthFactor(), RATIO_TOLERANCE);
    assertEquals(0.2, a.distanceToLiquidation(), RATIO_TOLERANCE);
    // check: every price down by the reported distance gives HF = 1
    double fallen = (1 - a.distanceToLiquidation()) * a.weightedCollateralQuote();
    assertEquals(1.0, fallen / a.debtQuote(), RATIO_TOLERANCE);
  }

  /*
   * Two assets: ETH 10 at 2000 (LT 0.8 → 16 000) and DOGE 100 000 at 0.1 (LT 0.6 → 6000),
   * W = 22 000, debt 16 000: HF = 1.375, distance 1 − 16 000/22 000 = 3/11 = 0.2727…; both prices
   * down 3/11 give W = 16 000 = D.
   */
  @Test
  void assess_twoAssetsHealthy_distanceIsUniformFall() {
    Position p =
        new Position(
            "p",
            List.of(
                new CollateralHolding("ETHUSDT", 10, 2000),
                new CollateralHolding("DOGEUSDT", 100_000, 0.1)),
            "USDT",
            16_000);
    Assessment a = ASSESSOR.assess(p, TH, MK);
    assertEquals(1.375, a.healthFactor(), RATIO_TOLERANCE);
    assertEquals(3 / 11d, a.distanceToLiquidation(), RATIO_TOLERANCE);
  }

  /* Provenance: each holding's LT and model version; not stale with fresh thresholds. */
  @Test
  void assess_fresh_listsThresholdsUsedNotStale() {
    Assessment a = ASSESSOR.assess(eth(10, 12_800), TH, MK);
    assertFalse(a.stale());
    assertEquals(
        List.of(
            new ThresholdsUsed(
                "ETHUSDT", 0.8, 0.05, "test-model", TH.get("ETHUSDT").computedAtEpochMs(), false)),
        a.thresholdsUsed());
    assertFalse(has(a, ReasonCode.STALE_THRESHOLDS));
  }

  /* A stale holding flags the assessment (healthy or liquidatable) and says so in the reasons. */
  @Test
  void assess_staleThresholds_flaggedWithReason() {
    AssetThresholds f = TH.get("ETHUSDT");
    AssetThresholds stale =
        new AssetThresholds(
            f.symbol(),
            "bundle-7",
            f.forecastAsOfEpochMs(),
            f.computedAtEpochMs(),
            f.lt(),
            f.ltv(),
            f.bonus(),
            f.closeFactor(),
            f.slippage(),
            f.quantileThreshold(),
            f.alphaUsed(),
            f.quantileBuffer(),
            f.betaUsed(),
            f.tailLt(),
            f.dailyVolatility(),
            f.stressProbability(),
            true,
            f.reasons());
    Map<String, AssetThresholds> th = Map.of("ETHUSDT", stale, "DOGEUSDT", TH.get("DOGEUSDT"));
    for (double debt : new double[] {12_800, 16_500}) {
      Position p =
          new Position(
              "p",
              List.of(
                  new CollateralHolding("ETHUSDT", 10, 2000),
                  new CollateralHolding("DOGEUSDT", 1, 0.1)),
              "USDT",
              debt);
      Assessment a = ASSESSOR.assess(p, th, MK);
      assertTrue(a.stale());
      assertTrue(
          a.reasons().stream()
              .anyMatch(
                  r ->
                      r.code() == ReasonCode.STALE_THRESHOLDS
                          && r.detail().contains("ETHUSDT (bundle-7)")
                          && !r.detail().contains("DOGE")));
      assertEquals(
          List.of("bundle-7", "test-model"),
          a.thresholdsUsed().stream().map(ThresholdsUsed::modelVersion).toList());
      assertTrue(a.thresholdsUsed().get(0).stale());
    }
  }

  @Test
  void assessment_staleWithoutReason_refused() {
    ThresholdsUsed used = new ThresholdsUsed("ETHUSDT", 0.8, 0.05, "m", 1, true);
    assertThrows(
        IllegalArgumentException.class,
        () -> new Assessment("p", 1, 1, 1, 1, false, 0, null, List.of(), true, List.of(used)));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Assessment("p", 1, 1, 1, 1, false, 0, null, List.of(), false, List.of(used)));
  }

  /* Thresholds filed under ETHUSDT but computed for DOGEUSDT: that item fails, naming both. */
  @Test
  void assessAll_thresholdsOfOtherSymbol_itemRefused() {
    Map<String, AssetThresholds> th = Map.of("ETHUSDT", TH.get("DOGEUSDT"));
    List<AssessmentOutcome> out = ASSESSOR.assessAll(List.of(eth(10, 12_800)), th, MK);
    assertFalse(out.get(0).ok());
    assertTrue(
        out.get(0).error().contains("thresholds given for ETHUSDT are those of DOGEUSDT"),
        out.get(0).error());
    Map<String, MarketSnapshot> mk = Map.of("ETHUSDT", MK.get("DOGEUSDT"));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> ASSESSOR.assess(eth(10, 16_500), TH, mk));
    assertTrue(e.getMessage().contains("market data given for ETHUSDT"), e.getMessage());
  }

  /*
   * 10 ETH (20 000, LT 0.8 → 16 000), debt 16 500: HF = 0.96969…, above the 0.95 full level.
   * ΔD = (1.05·16 500 − 16 000)/(1.05 − 0.8·1.05) = 1325/0.21 = 6309.523809523809 < 0.5·16 500.
   * Seized 6309.52…·1.05 = 6625 (3.3125 ETH); HF' = (16 000 − 0.8·6625)/(16 500 − 6309.52…)
   * = 10 700/10 190.476… = 1.05. Penalty 6625 − 6309.523809523809 = 315.4761904761905.
   * Slicing: k = 0.03/sqrt(1e9) = 9.486832980505138e-7; impact limit gives (0.005/k)² ≈ 2.78e7,
   * participation 0.1·1e9/24 ≈ 4.17e6, so one slice, impact k·sqrt(6625) = 7.72172260574025e-5,
   * slippage 6625·that = 0.5115641226302915.
   */
  @Test
  void assess_singleCollateral_partialRestoresTarget() {
    Assessment a = ASSESSOR.assess(eth(10, 16_500), TH, MK);
    assertTrue(a.liquidatable());
    assertEquals(0.0, a.distanceToLiquidation());
    LiquidationPlan p = a.liquidation();
    assertFalse(p.full());
    assertFalse(p.toxicSpiral());
    assertEquals(6309.523809523809, p.repayQuote(), AMOUNT_TOLERANCE);
    assertEquals(6625.0, p.seizedValueQuote(), AMOUNT_TOLERANCE);
    assertEquals(3.3125, p.seizures().get(0).quantity(), RATIO_TOLERANCE);
    assertEquals(1.05, p.healthFactorAfter(), RATIO_TOLERANCE);
    assertEquals(315.4761904761905, p.borrowerPenaltyQuote(), AMOUNT_TOLERANCE);
    assertEquals(0.05, p.effectiveBonus(), RATIO_TOLERANCE);
    assertEquals(1, p.schedule().size());
    assertEquals(1, p.schedule().get(0).slices());
    assertEquals(7.72172260574025e-5, p.schedule().get(0).impactFraction(), 1e-15);
    assertEquals(0.5115641226302915, p.expectedSlippageQuote(), 1e-12);
    assertTrue(has(a, ReasonCode.PARTIAL_RESTORES_TARGET));
  }

  /*
   * Same position, close factor 0.25: the restoring 6309.52 exceeds 0.25·16 500 = 4125, so
   * ΔD = 4125, seized 4331.25, HF' = (16 000 − 0.8·4331.25)/(16 500 − 4125) = 12 535/12 375
   * = 1.012929292929293.
   */
  @Test
  void assess_closeFactorBinds_repayCapped() {
    Map<String, AssetThresholds> th =
        Map.of("ETHUSDT", thresholds("ETHUSDT", 0.8, 0.05, 0.25, 0.03));
    LiquidationPlan p = ASSESSOR.assess(eth(10, 16_500), th, MK).liquidation();
    assertEquals(4125, p.repayQuote(), AMOUNT_TOLERANCE);
    assertEquals(1.012929292929293, p.healthFactorAfter(), RATIO_TOLERANCE);
    assertFalse(p.full());
  }

  /* Debt 17 000: HF = 16 000/17 000 = 0.941 < 0.95 → the whole debt, seizing 17 850 (8.925 ETH). */
  @Test
  void assess_belowFullLevel_fullLiquidation() {
    Assessment a = ASSESSOR.assess(eth(10, 17_000), TH, MK);
    LiquidationPlan p = a.liquidation();
    assertTrue(p.full());
    assertEquals(17_000, p.repayQuote(), AMOUNT_TOLERANCE);
    assertEquals(8.925, p.seizures().get(0).quantity(), RATIO_TOLERANCE);
    assertNull(p.healthFactorAfter());
    assertTrue(has(a, ReasonCode.FULL_BELOW_LEVEL));
  }

  /* 0.5 ETH (1000, LT 0.8 → 800), debt 825: HF 0.9697, but debt under dust 1000 → full. */
  @Test
  void assess_dustDebt_fullLiquidation() {
    Assessment a = ASSESSOR.assess(eth(0.5, 825), TH, MK);
    assertTrue(a.liquidation().full());
    assertEquals(825, a.liquidation().repayQuote(), AMOUNT_TOLERANCE);
    assertTrue(has(a, ReasonCode.FULL_DUST));
  }

  /*
   * 10 ETH (20 000) against debt 19 500: 20 000 < 19 500·1.05 = 20 475 — the toxic spiral. All
   * collateral is seized, repaying 20 000/1.05 = 19 047.619047619046; 452.3809523809541 is left
   * for the backstop.
   */
  @Test
  void assess_toxicSpiral_seizesAllAndReportsBadDebt() {
    Assessment a = ASSESSOR.assess(eth(10, 19_500), TH, MK);
    LiquidationPlan p = a.liquidation();
    assertTrue(p.toxicSpiral());
    assertTrue(p.full());
    assertEquals(19_047.619047619046, p.repayQuote(), AMOUNT_TOLERANCE);
    assertEquals(452.3809523809541, p.badDebtQuote(), AMOUNT_TOLERANCE);
    assertEquals(20_000, p.seizedValueQuote(), AMOUNT_TOLERANCE);
    assertEquals(0.0, p.healthFactorAfter(), RATIO_TOLERANCE);
    assertTrue(has(a, ReasonCode.TOXIC_SPIRAL));
  }

  /*
   * Two collateral assets. ETH 10 at 2000 (20 000, LT 0.8, b 0.05, V 1e9, σ 0.03) and DOGE
   * 100 000 at 0.1 (10 000, LT 0.6, b 0.10, V 1e7, σ 0.05). Impact scales: ETH 0.03/sqrt(1e9)
   * = 9.5e-7, DOGE 0.05/sqrt(1e7) = 1.6e-5, so ETH is seized first. W = 16 000 + 6000 = 22 000;
   * debt 23 000 → HF = 0.95652. ΔD = (1.05·23 000 − 22 000)/(1.05 − 0.84) = 2150/0.21
   * = 10 238.095238095239, seizing 10 750 of ETH (≤ 20 000). HF' = (22 000 − 8600)/(23 000 −
   * 10 238.095…) = 13 400/12 761.904… = 1.05.
   */
  @Test
  void assess_twoCollateral_seizesLowImpactFirst() {
    Position p =
        new Position(
            "p2",
            List.of(
                new CollateralHolding("DOGEUSDT", 100_000, 0.1),
                new CollateralHolding("ETHUSDT", 10, 2000)),
            "USDT",
            23_000);
    Assessment a = ASSESSOR.assess(p, TH, MK);
    assertEquals(22_000 / 23_000d, a.healthFactor(), RATIO_TOLERANCE);
    LiquidationPlan plan = a.liquidation();
    assertEquals(10_238.095238095239, plan.repayQuote(), AMOUNT_TOLERANCE);
    assertEquals(1, plan.seizures().size());
    assertEquals("ETHUSDT", plan.seizures().get(0).symbol());
    assertEquals(10_750, plan.seizures().get(0).valueQuote(), AMOUNT_TOLERANCE);
    assertEquals(1.05, plan.healthFactorAfter(), RATIO_TOLERANCE);
  }

  /*
   * ETH runs out: ETH 2 at 2000 (4000, LT 0.8 → 3200), DOGE 200 000 at 0.1 (20 000, LT 0.6 →
   * 12 000); W = 15 200, debt 15 500, HF 0.98065. From ETH alone ΔD would be
   * (16 275 − 15 200)/0.21 = 5119.05, needing 5375 > 4000 of ETH, so all ETH is seized, repaying
   * 4000/1.05 = 3809.523809523809; left: D = 11 690.476190476191, W = 12 000. From DOGE
   * (denominator 1.05 − 0.6·1.1 = 0.39): (1.05·11 690.476… − 12 000)/0.39 = 275/0.39
   * = 705.1282051282051. Total ΔD = 4514.652014652014; DOGE seized 775.64… ; HF' = 1.05.
   */
  @Test
  void assess_twoCollateral_firstRunsOut_spillsToNext() {
    Position p =
        new Position(
            "p3",
            List.of(
                new CollateralHolding("ETHUSDT", 2, 2000),
                new CollateralHolding("DOGEUSDT", 200_000, 0.1)),
            "USDT",
            15_500);
    LiquidationPlan plan = ASSESSOR.assess(p, TH, MK).liquidation();
    assertEquals(4514.652014652014, plan.repayQuote(), AMOUNT_TOLERANCE);
    assertEquals(2, plan.seizures().size());
    assertEquals(4000, plan.seizures().get(0).valueQuote(), AMOUNT_TOLERANCE);
    assertEquals(705.1282051282051 * 1.1, plan.seizures().get(1).valueQuote(), AMOUNT_TOLERANCE);
    assertEquals(1.05, plan.healthFactorAfter(), RATIO_TOLERANCE);
  }

  /* Equal impact scales: the riskier (lower LT) asset goes first. */
  @Test
  void assess_equalImpact_riskiestSeizedFirst() {
    Map<String, AssetThresholds> th =
        Map.of(
            "A", thresholds("A", 0.8, 0.05, 0.5, 0.03), "B", thresholds("B", 0.7, 0.05, 0.5, 0.03));
    Map<String, MarketSnapshot> mk = Map.of("A", market("A", 1, 1e9), "B", market("B", 1, 1e9));
    Position p =
        new Position(
            "p",
            List.of(new CollateralHolding("A", 10_000, 1), new CollateralHolding("B", 10_000, 1)),
            "USDT",
            15_500);
    LiquidationPlan plan = ASSESSOR.assess(p, th, mk).liquidation();
    assertEquals("B", plan.seizures().get(0).symbol());
  }

  /*
   * LINEAR schedule (b_max 0.15 at HF 0.90): at HF = 16 000/16 500 = 0.969697 the bonus is
   * 0.05 + (0.15 − 0.05)·(1 − 0.969697)/(1 − 0.90) = 0.08030303030303028.
   */
  @Test
  void assess_linearBonusSchedule_bonusRisesAsHealthFalls() {
    PositionAssessor linear =
        PositionAssessor.of(
            PolicyConfig.parse("{\"defaults\": {\"bonusSchedule\": \"LINEAR\"}}").resolve());
    Assessment a = linear.assess(eth(10, 16_500), TH, MK);
    assertEquals(0.08030303030303028, a.liquidation().seizures().get(0).bonus(), RATIO_TOLERANCE);
    assertEquals(0.08030303030303028, a.liquidation().effectiveBonus(), RATIO_TOLERANCE);
    assertTrue(has(a, ReasonCode.BONUS_SCHEDULE));
    assertEquals(1.05, a.liquidation().healthFactorAfter(), RATIO_TOLERANCE);
  }

  /* 40 000 ETH-value seized into a 1e6-a-day market: participation cap 0.1·1e6/24 per slice. */
  @Test
  void assess_largeSaleThinMarket_slicedUnderParticipation() {
    Map<String, MarketSnapshot> mk = Map.of("ETHUSDT", market("ETHUSDT", 2000, 1e6));
    LiquidationPlan p = ASSESSOR.assess(eth(10, 17_000), TH, mk).liquidation();
    double cap = 0.1 * 1e6 / 24;
    // seized 17 850 / 4166.67 → 5 slices of 3570
    assertEquals(1, p.schedule().size());
    ExecutionSchedule s = p.schedule().get(0);
    assertEquals(5, s.slices());
    assertEquals(3570, s.sliceValueQuote(), AMOUNT_TOLERANCE);
    assertTrue(s.sliceValueQuote() <= cap);
    assertEquals(17_850, s.valueQuote(), AMOUNT_TOLERANCE);
  }

  @Test
  void assessAll_oneBadItem_othersAssessed() {
    Position unknown = new Position("bad", List.of(new CollateralHolding("XYZ", 1, 1)), "USDT", 1);
    List<Position> batch = new ArrayList<>(List.of(eth(10, 12_800), unknown, eth(10, 16_500)));
    batch.add(null);
    List<AssessmentOutcome> out = ASSESSOR.assessAll(batch, TH, MK);
    assertEquals(4, out.size());
    assertTrue(out.get(0).ok());
    assertFalse(out.get(1).ok());
    assertTrue(out.get(1).error().contains("XYZ"), out.get(1).error());
    assertTrue(out.get(2).ok());
    assertFalse(out.get(3).ok());
  }

  @Test
  void assess_missingMarketData_refusedNamingSymbol() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> ASSESSOR.assess(eth(10, 16_500), TH, Map.of()));
    assertTrue(e.getMessage().contains("ETHUSDT"));
  }

  /**
   * Any liquidatable one- or two-asset position whose partial repay the close factor does not cap
   * lands on h* = 1.05, recomputed here from the seizures; seized value = Σ ΔD_k·(1 + b_k).
   */
  @Test
  void partialRepay_notCapped_restoresTargetHealth() {
    Map<String, Integer> cases = new TreeMap<>();
    qt().withExamples(500)
        .withFixedSeed(SEED)
        .forAll(longs().all())
        .checkAssert(seed -> cases.merge(partialRepayCase(seed), 1, Integer::sum));
    assertShareAbove(cases, "partial", 30);
  }

  /** One example of the property above; the case it fell in ("partial" or "other"). */
  private static String partialRepayCase(long seed) {
    Random rng = new Random(seed);
    Map<String, AssetThresholds> th = new HashMap<>();
    Map<String, MarketSnapshot> mk = new HashMap<>();
    List<CollateralHolding> holdings = new ArrayList<>();
    int n = 1 + rng.nextInt(3);
    double weighted = 0;
    for (int i = 0; i < n; i++) {
      String s = "A" + i;
      double lt = 0.4 + 0.5 * rng.nextDouble();
      double bonus = 0.01 + 0.1 * rng.nextDouble();
      th.put(s, thresholds(s, lt, bonus, 1.0, 0.01 + 0.1 * rng.nextDouble()));
      mk.put(s, market(s, 1, Math.pow(10, 5 + 5 * rng.nextDouble())));
      double value = 2000 + 1e6 * rng.nextDouble();
      holdings.add(new CollateralHolding(s, value, 1));
      weighted += value * lt;
    }
    double hf = 0.951 + 0.048 * rng.nextDouble();
    Position p = new Position("p", holdings, "USDT", weighted / hf);
    Assessment a = ASSESSOR.assess(p, th, mk);
    LiquidationPlan plan = a.liquidation();
    boolean partial = !plan.full() && !has(a, ReasonCode.CLOSE_FACTOR_CAP);
    if (!partial) {
      return "other"; // the property is about uncapped partial repays
    }
    double w = a.weightedCollateralQuote();
    for (Seizure z : plan.seizures()) {
      w -= z.valueQuote() * th.get(z.symbol()).lt();
    }
    double hfAfter = w / (p.debtQuote() - plan.repayQuote());
    assertEquals(1.05, hfAfter, RATIO_TOLERANCE);
    assertEquals(1.05, plan.healthFactorAfter(), RATIO_TOLERANCE);
    return "partial";
  }

  /**
   * Slices of every seized asset sum to what was seized, and each slice's impact stays under the
   * limit and its value under the participation cap (sizes and volumes over 6 orders).
   */
  @Test
  void slices_anySale_sumToTotalAndRespectLimit() {
    Map<String, Integer> sales = new TreeMap<>();
    qt().withExamples(500)
        .withFixedSeed(SEED)
        .forAll(longs().all())
        .checkAssert(seed -> sales.merge(saleCase(seed), 1, Integer::sum));
    assertShareAbove(sales, "sliced", 20);
  }

  /** One example of the property above; the case it fell in (healthy, one slice, sliced). */
  private static String saleCase(long seed) {
    Random rng = new Random(seed);
    double volume = Math.pow(10, 4 + 6 * rng.nextDouble());
    double sigma = 0.005 + 0.2 * rng.nextDouble();
    double quantity = Math.pow(10, 1 + 5 * rng.nextDouble());
    Map<String, AssetThresholds> th = Map.of("X", thresholds("X", 0.8, 0.05, 0.5, sigma));
    Map<String, MarketSnapshot> mk = Map.of("X", market("X", 1, volume));
    Position p =
        new Position(
            "p",
            List.of(new CollateralHolding("X", quantity, 1)),
            "USDT",
            quantity * 0.8 / (0.5 + 0.5 * rng.nextDouble()));
    Assessment a = ASSESSOR.assess(p, th, mk);
    if (!a.liquidatable()) {
      return "healthy";
    }
    double limit = 0.005;
    double cap = 0.1 * volume / 24;
    boolean unreachable = has(a, ReasonCode.IMPACT_LIMIT_UNREACHABLE);
    double sum = 0;
    int slices = 0;
    for (ExecutionSchedule s : a.liquidation().schedule()) {
      sum += s.valueQuote();
      slices += s.slices();
      assertTrue(s.slices() <= PositionAssessor.MAX_SLICES_PER_ASSET, () -> s.toString());
      if (!unreachable) {
        assertTrue(s.impactFraction() <= limit * (1 + RATIO_TOLERANCE), () -> s.toString());
        assertTrue(s.sliceValueQuote() <= cap * (1 + RATIO_TOLERANCE), () -> s.toString());
      }
    }
    double seized = a.liquidation().seizedValueQuote();
    assertEquals(seized, sum, seized * RATIO_TOLERANCE);
    double slippage = 0;
    for (ExecutionSchedule s : a.liquidation().schedule()) {
      slippage += s.valueQuote() * s.impactFraction();
    }
    assertEquals(slippage, a.liquidation().expectedSlippageQuote(), slippage * RATIO_TOLERANCE);
    return slices > 1 ? "sliced" : "one slice";
  }

  /*
   * Reviewer's case. USDC 10 000 at 1 (LT 0.95, b 0.05, σ 0.001: the lowest impact) and ETH 5 at
   * 2000 = 10 000 (LT 0.8, b 0.05, σ 0.03). W = 9500 + 8000 = 17 500, D = 17 500/0.96, HF 0.96.
   * USDC has LT(1 + b) = 0.9975 > 0.96: seizing it lowers HF, so ETH (0.84 < 0.96) goes first.
   * ΔD = (1.05·D − 17 500)/(1.05 − 0.84) = 1640.625/0.21 = 7812.5 ≤ 0.5·D, seizing 8203.125 of
   * ETH; HF' = (17 500 − 0.8·8203.125)/(D − 7812.5) = 10 937.5/10 416.6… = 1.05. (Seizing USDC
   * first, capped at 0.5·D, left HF 0.9225.) With close factor 0.25: ΔD = 0.25·D = 4557.291…,
   * seized 4785.15625 of ETH, HF' = (17 500 − 3828.125)/13 671.875 = 1.0 > 0.96.
   */
  @Test
  void assess_lowImpactAssetLowersHealth_seizedLast() {
    double debt = 17_500 / 0.96;
    Position p =
        new Position(
            "p",
            List.of(
                new CollateralHolding("USDC", 10_000, 1),
                new CollateralHolding("ETHUSDT", 5, 2000)),
            "USDT",
            debt);
    Map<String, MarketSnapshot> mk =
        Map.of("USDC", market("USDC", 1, 1e9), "ETHUSDT", market("ETHUSDT", 2000, 1e9));
    Map<String, AssetThresholds> th =
        Map.of(
            "USDC",
            thresholds("USDC", 0.95, 0.05, 0.5, 0.001),
            "ETHUSDT",
            thresholds("ETHUSDT", 0.8, 0.05, 0.5, 0.03));
    Assessment a = ASSESSOR.assess(p, th, mk);
    assertEquals(0.96, a.healthFactor(), RATIO_TOLERANCE);
    LiquidationPlan plan = a.liquidation();
    assertFalse(plan.full());
    assertEquals(7812.5, plan.repayQuote(), AMOUNT_TOLERANCE);
    assertEquals("ETHUSDT", plan.seizures().get(0).symbol());
    assertEquals(8203.125, plan.seizedValueQuote(), AMOUNT_TOLERANCE);
    assertEquals(1.05, plan.healthFactorAfter(), RATIO_TOLERANCE);

    Map<String, AssetThresholds> capped =
        Map.of(
            "USDC",
            thresholds("USDC", 0.95, 0.05, 0.25, 0.001),
            "ETHUSDT",
            thresholds("ETHUSDT", 0.8, 0.05, 0.25, 0.03));
    Assessment c = ASSESSOR.assess(p, capped, mk);
    assertTrue(has(c, ReasonCode.CLOSE_FACTOR_CAP));
    assertEquals(0.25 * debt, c.liquidation().repayQuote(), AMOUNT_TOLERANCE);
    assertEquals(
        List.of("ETHUSDT"), c.liquidation().seizures().stream().map(Seizure::symbol).toList());
    assertEquals(1.0, c.liquidation().healthFactorAfter(), RATIO_TOLERANCE);
  }

  /**
   * Every partial plan (capped by a random close factor or not) leaves HF above where it was, and
   * exactly at h* = 1.05 when not capped; HF after recomputed from the seizures. Assets include
   * stablecoin-like ones (high LT, low impact) whose LT(1 + b) exceeds HF.
   */
  @Test
  void partialPlan_any_raisesHealth() {
    Map<String, Integer> cases = new TreeMap<>();
    Map<String, Integer> lowering = new TreeMap<>();
    qt().withExamples(1000)
        .withFixedSeed(SEED)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              PlanCase c = partialPlanCase(seed);
              cases.merge(c.kind(), 1, Integer::sum);
              lowering.merge(c.lowering() ? "lowering" : "not", 1, Integer::sum);
            });
    assertShareAbove(cases, "capped", 10);
    assertShareAbove(lowering, "lowering", 5);
  }

  /**
   * How an example of the property above fell: full, capped or uncapped, and whether a partial plan
   * had an asset whose LT(1 + b) ≥ HF.
   */
  private record PlanCase(String kind, boolean lowering) {}

  private static PlanCase partialPlanCase(long seed) {
    Random rng = new Random(seed);
    Map<String, AssetThresholds> th = new HashMap<>();
    Map<String, MarketSnapshot> mk = new HashMap<>();
    List<CollateralHolding> holdings = new ArrayList<>();
    int n = 1 + rng.nextInt(3);
    double closeFactor = 0.1 + 0.9 * rng.nextDouble();
    double weighted = 0;
    boolean lowering = false;
    double hf = 0.951 + 0.048 * rng.nextDouble();
    for (int i = 0; i < n; i++) {
      String s = "A" + i;
      boolean stable = rng.nextInt(3) == 0;
      double lt = stable ? 0.93 + 0.04 * rng.nextDouble() : 0.4 + 0.5 * rng.nextDouble();
      double bonus = 0.01 + 0.1 * rng.nextDouble();
      lowering |= lt * (1 + bonus) >= hf;
      th.put(
          s,
          thresholds(s, lt, bonus, closeFactor, stable ? 0.0005 : 0.01 + 0.1 * rng.nextDouble()));
      mk.put(s, market(s, 1, Math.pow(10, 5 + 5 * rng.nextDouble())));
      double value = 2000 + 1e6 * rng.nextDouble();
      holdings.add(new CollateralHolding(s, value, 1));
      weighted += value * lt;
    }
    Position p = new Position("p", holdings, "USDT", weighted / hf);
    Assessment a = ASSESSOR.assess(p, th, mk);
    LiquidationPlan plan = a.liquidation();
    boolean capped = has(a, ReasonCode.CLOSE_FACTOR_CAP);
    if (plan.full()) {
      return new PlanCase("full", false);
    }
    double w = a.weightedCollateralQuote();
    for (Seizure z : plan.seizures()) {
      w -= z.valueQuote() * th.get(z.symbol()).lt();
    }
    double hfAfter = w / (p.debtQuote() - plan.repayQuote());
    assertEquals(hfAfter, plan.healthFactorAfter(), RATIO_TOLERANCE);
    assertTrue(hfAfter > a.healthFactor(), () -> hfAfter + " ≤ " + a.healthFactor());
    if (!capped) {
      assertEquals(1.05, hfAfter, RATIO_TOLERANCE);
    }
    return new PlanCase(capped ? "capped" : "uncapped", lowering);
  }

  /**
   * The examples of {@code key} are more than {@code percent} % of all (the cases add up to all the
   * examples run): the random positions really reach the case a property is about.
   */
  private static void assertShareAbove(Map<String, Integer> cases, String key, double percent) {
    int all = cases.values().stream().mapToInt(Integer::intValue).sum();
    double share = 100.0 * cases.getOrDefault(key, 0) / all;
    assertTrue(
        share > percent,
        () ->
            String.format(
                Locale.ROOT,
                "%s in %.1f %% of the examples (want > %.0f %%): %s",
                key,
                share,
                percent,
                cases));
  }

  private static boolean has(Assessment a, ReasonCode code) {
    return a.reasons().stream().anyMatch(r -> r.code() == code);
  }
}

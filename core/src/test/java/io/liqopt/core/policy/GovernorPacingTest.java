package io.liqopt.core.policy;

import static io.liqopt.core.policy.PolicyFixtures.DAY_MS;
import static io.liqopt.core.policy.PolicyFixtures.HOUR_MS;
import static io.liqopt.core.policy.PolicyFixtures.T0;
import static io.liqopt.core.policy.PolicyFixtures.target;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The governor's asymmetric pacing and its robust (quantile) stressed floor. */
class GovernorPacingTest {
  /** Hand-worked values are sums of a few decimals. */
  private static final double TOLERANCE = 1e-12;

  private static final ThresholdGovernor GOV = ThresholdGovernor.DEFAULT;

  /**
   * The stewards' pacing: tighten 0.02/day, loosen 0.0025/3 per day, quantile 0.99, weight 0.25.
   */
  private static final AssetRiskConfig CFG =
      AssetRiskConfig.DEFAULTS.toBuilder()
          .ltMaxLoosenPerDay(GovernorConfig.STEWARD_LT_MAX_LOOSEN_PER_DAY)
          .build();

  private static final double LOOSEN = 0.0025 / 3;

  @Test
  void defaults_areTheDocumentedAnchors() {
    GovernorConfig g = GovernorConfig.DEFAULTS;
    assertEquals(0.02, g.ltMaxChangePerDay());
    assertEquals(0.02, g.ltMaxLoosenPerDay()); // symmetric unless asked for
    assertEquals(LOOSEN, GovernorConfig.STEWARD_LT_MAX_LOOSEN_PER_DAY, TOLERANCE);
    assertEquals(LOOSEN, CFG.governor().loosenPerDay(), TOLERANCE);
    assertEquals(0.99, g.stressedQuantile());
    assertEquals(0.25, g.stressedWeight());
  }

  @Test
  void config_badNewFields_refusedByName() {
    ConfigException q = assertThrows(ConfigException.class, () -> gov(0.02, 0.01, 0));
    assertEquals("stressedQuantile", q.field());
    ConfigException r = assertThrows(ConfigException.class, () -> gov(0.02, -1, 0.99));
    assertEquals("ltMaxLoosenPerDay", r.field());
    assertThrows(ConfigException.class, () -> gov(0.02, Double.NaN, 0.99));
    assertThrows(ConfigException.class, () -> gov(0.02, 0.01, 1.5));
  }

  /* The new fields are flat user-facing names of a policy file, inherited and refused by name. */
  @Test
  void policyFile_newFields_readAndRefusedByName() {
    GovernorConfig g =
        PolicyConfig.parse(
                "{\"defaults\": {\"ltMaxLoosenPerDay\": 0.001, \"stressedQuantile\": 0.95}}")
            .resolve()
            .defaults()
            .governor();
    assertEquals(0.001, g.ltMaxLoosenPerDay());
    assertEquals(0.95, g.stressedQuantile());
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                PolicyConfig.parse("{\"assets\": {\"BTCUSDT\": {\"stressedQuantile\": 0}}}")
                    .resolve());
    assertEquals("assets.BTCUSDT.stressedQuantile", e.field());
  }

  /* A loosening limit above the change limit is capped by it: no move is faster than that. */
  @Test
  void loosenPerDay_neverAboveChangeLimit() {
    assertEquals(0.01, gov(0.01, 0.05, 0.99).loosenPerDay(), TOLERANCE);
  }

  /*
   * Worked: the stressed LT of days {0.50, 0.80 × 9} at q = 0.99 is the 0.01 sample quantile
   * (Hyndman–Fan 7): h = 9 · 0.01 = 0.09, so 0.50 + 0.09 · (0.80 − 0.50) = 0.527. At q = 1 it is
   * the lowest day, 0.50; empty history: 1 (no floor).
   */
  @Test
  void stressedLt_quantileOfDailyLows() {
    List<DailyTarget> h = new ArrayList<>();
    h.add(new DailyTarget(0, 0.50));
    for (int d = 1; d < 10; d++) {
      h.add(new DailyTarget(d, 0.80));
    }
    assertEquals(0.527, ThresholdGovernor.stressedLt(h, 0.99), TOLERANCE);
    assertEquals(0.50, ThresholdGovernor.stressedLt(h, 1), TOLERANCE);
    assertEquals(1.0, ThresholdGovernor.stressedLt(List.of(), 0.99));
    assertEquals(0.50, new GovernorState("BTCUSDT", 0.8, T0, h).lowestDailyTargetLt());
  }

  /*
   * A year of 0.80 targets and one capped hour (target 0.01) on day 200. With the old rule the
   * floor would be 0.25 · 0.01 + 0.75 · 0.80 ≈ 0.60 for the next 365 days; with the 0.99
   * quantile of 365 daily lows (h = 3.64, above the single bad day) the stressed LT stays 0.80,
   * so on the next day the goal is the target and no floor binds. LT itself moved at most an
   * hour's tightening (0.02 / 24) during the capped hour and then loosens back slowly.
   */
  @Test
  void step_oneCappedHour_doesNotSetTheFloorForAYear() {
    GovernorState s = GOV.step(target(0.80, 0.75, 0.05, false, T0), null, CFG).state();
    for (int d = 1; d < 200; d++) {
      s = GOV.step(target(0.80, 0.75, 0.05, false, T0 + d * DAY_MS), s, CFG).state();
    }
    long capped = T0 + 200 * DAY_MS;
    s = GOV.step(target(0.80, 0.75, 0.05, false, capped - HOUR_MS), s, CFG).state();
    s = GOV.step(target(0.01, 0.01, 0.05, false, capped), s, CFG).state();
    assertEquals(0.80 - 0.02 / 24, s.lt(), TOLERANCE);
    for (int d = 201; d < 365; d++) {
      s = GOV.step(target(0.80, 0.75, 0.05, false, T0 + d * DAY_MS), s, CFG).state();
    }
    GovernorStep next = GOV.step(target(0.80, 0.75, 0.05, false, T0 + 365 * DAY_MS), s, CFG);
    assertEquals(0.01, next.state().lowestDailyTargetLt(), TOLERANCE);
    assertEquals(0.80, next.state().stressedLt(CFG.governor().stressedQuantile()), TOLERANCE);
    assertFalse(has(next, ReasonCode.GOVERNOR_STRESSED_FLOOR));
    assertEquals(0.80, next.thresholds().lt(), TOLERANCE);
  }

  /*
   * From 0.70 with the target at 0.85 for ten days: LT climbs by 0.0025 / 3 a day (the Aave
   * stewards' 0.25 points per 3 days), 0.70 + 10 · 0.0025 / 3 after ten days; a drop of the target
   * to 0.60 then tightens by the full 0.02 in a day.
   */
  @Test
  void step_loosensSlowly_tightensFast() {
    GovernorState s = GOV.step(target(0.70, 0.65, 0.05, false, T0), null, CFG).state();
    for (int d = 1; d <= 10; d++) {
      GovernorStep step = GOV.step(target(0.85, 0.80, 0.05, false, T0 + d * DAY_MS), s, CFG);
      assertEquals(0.70 + d * LOOSEN, step.state().lt(), 1e-9, "day " + d);
      assertTrue(has(step, ReasonCode.GOVERNOR_RATE_LIMITED));
      s = step.state();
    }
    GovernorStep drop = GOV.step(target(0.60, 0.55, 0.05, false, T0 + 11 * DAY_MS), s, CFG);
    assertEquals(s.lt() - 0.02, drop.state().lt(), 1e-9);
  }

  /*
   * Property (fixed seed): over any random target sequence, each step tightens by at most
   * r_down · d and loosens by at most r_up · d (d the elapsed days, at most 1), with r_up the
   * slower; LT stays in (0, 1), LTV below LT; when the target is far below LT, LT tightens by
   * exactly r_down · d (tightening is never slowed to the loosening rate).
   */
  @Test
  void step_anyTargetSequence_tightenFastLoosenSlow() {
    qt().withExamples(200)
        .withFixedSeed(4161L)
        .forAll(longs().all())
        .checkAssert(GovernorPacingTest::governRandomTargets);
  }

  private static void governRandomTargets(long seed) {
    Random rng = new Random(seed);
    GovernorConfig g = CFG.governor();
    long t = T0;
    GovernorState state = null;
    for (int i = 0; i < 80; i++) {
      t += 1 + (long) (rng.nextDouble() * 48 * HOUR_MS);
      double lt = 0.2 + 0.78 * rng.nextDouble();
      double tail = lt * (0.5 + 0.5 * rng.nextDouble());
      AssetThresholds target = target(lt, tail, rng.nextDouble(), rng.nextInt(5) == 0, t);
      GovernorStep step = GOV.step(target, state, CFG);
      double governed = step.thresholds().lt();
      assertTrue(governed > 0 && governed < 1);
      assertTrue(step.thresholds().ltv() <= governed);
      if (state != null) {
        double days = Math.min(1, (t - state.updatedAtEpochMs()) / (double) DAY_MS);
        double up = governed - state.lt();
        assertTrue(up <= g.loosenPerDay() * days + TOLERANCE, () -> "loosened " + up);
        assertTrue(-up <= g.ltMaxChangePerDay() * days + TOLERANCE, () -> "tightened " + -up);
        if (lt < state.lt() - g.ltMaxChangePerDay()) {
          assertEquals(-g.ltMaxChangePerDay() * days, up, 1e-9);
        }
      }
      state = step.state();
    }
  }

  /* The ceiling caps the first step and every later goal; below it the governor is unchanged. */
  @Test
  void ceiling_capsLt_andLeavesTighterTargetsAlone() {
    AssetRiskConfig capped = CFG.toBuilder().ltCeiling(0.8).stressedWeight(0).build();
    GovernorStep first = GOV.step(target(0.9, 0.85, 0.05, false, T0), null, capped);
    assertEquals(0.8, first.state().lt(), TOLERANCE);
    assertTrue(has(first, ReasonCode.GOVERNOR_CEILING));
    assertEquals(0.8 * (1 - first.thresholds().quantileBuffer()), first.thresholds().ltv(), 1e-12);
    GovernorStep tighter =
        GOV.step(target(0.7, 0.65, 0.05, false, T0 + DAY_MS), first.state(), capped);
    assertEquals(0.78, tighter.state().lt(), TOLERANCE); // 2 points a day toward 0.7
    assertFalse(has(tighter, ReasonCode.GOVERNOR_CEILING));
    GovernorStep back =
        GOV.step(target(0.95, 0.9, 0.05, false, T0 + 2 * DAY_MS), tighter.state(), capped);
    assertEquals(0.78 + LOOSEN, back.state().lt(), TOLERANCE);
    // a ceiling lowered below the previous LT binds at once, not at the pacing rate
    AssetRiskConfig lowered = capped.toBuilder().ltCeiling(0.7).build();
    GovernorStep cut =
        GOV.step(target(0.95, 0.9, 0.05, false, T0 + 2 * DAY_MS + HOUR_MS), back.state(), lowered);
    assertEquals(0.7, cut.state().lt(), TOLERANCE);
    assertTrue(cut.thresholds().ltv() <= 0.7);
    qt().forAll(longs().between(0, 1000))
        .checkAssert(
            seed -> {
              Random rnd = new Random(seed);
              GovernorState state = null;
              for (int h = 0; h < 200; h++) {
                double lt = 0.3 + 0.69 * rnd.nextDouble();
                GovernorStep step =
                    GOV.step(
                        target(lt, lt * 0.9, rnd.nextDouble(), false, T0 + h * HOUR_MS),
                        state,
                        capped);
                assertTrue(step.state().lt() <= 0.8 + TOLERANCE);
                state = step.state();
              }
            });
  }

  @Test
  void ceiling_outOfRange_refusedByName() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                PolicyConfig.parse("{\"assets\": {\"BTCUSDT\": {\"ltCeiling\": 1.2}}}").resolve());
    assertEquals("assets.BTCUSDT.ltCeiling", e.field());
    assertEquals(
        0.85,
        PolicyConfig.parse("{\"assets\": {\"BTCUSDT\": {\"ltCeiling\": 0.85}}}")
            .resolve()
            .forSymbol("BTCUSDT")
            .governor()
            .ltCeiling());
  }

  /* A state saved before these fields existed (no stressMode either) still loads. */
  @Test
  void state_olderJson_loads() throws Exception {
    String old =
        "{\"symbol\":\"BTCUSDT\",\"lt\":0.8,\"updatedAtEpochMs\":1704067200000,"
            + "\"history\":[{\"epochDay\":19723,\"minTargetLt\":0.8}]}";
    GovernorState s = new ObjectMapper().readValue(old, GovernorState.class);
    GovernorStep step = GOV.step(target(0.9, 0.85, 0.05, false, 1704067200000L + DAY_MS), s, CFG);
    assertEquals(0.8 + LOOSEN, step.state().lt(), 1e-9);
  }

  private static GovernorConfig gov(double change, double loosen, double quantile) {
    return new GovernorConfig(change, 365, 0.25, 0.2, loosen, quantile, 1);
  }

  private static boolean has(GovernorStep s, ReasonCode code) {
    return s.thresholds().reasons().stream().anyMatch(r -> r.code() == code);
  }
}

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

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ThresholdGovernorTest {
  /** Hand-worked values are sums of a few decimals. */
  private static final double TOLERANCE = 1e-12;

  private static final ThresholdGovernor GOV = ThresholdGovernor.DEFAULT;

  /** Defaults: rate 0.02/day, look-back 365 days, stressed weight 0.25, trigger 0.20. */
  private static final AssetRiskConfig CFG = AssetRiskConfig.DEFAULTS;

  /**
   * The rule before asymmetric pacing and the quantile floor: loosening as fast as tightening
   * (0.02/day) and the stressed LT the lowest day of the look-back (quantile level 1); the
   * hand-worked values below that loosen or read the floor use it.
   */
  private static final AssetRiskConfig SYMMETRIC_MIN =
      CFG.toBuilder().ltMaxLoosenPerDay(0.02).stressedQuantile(1).build();

  @Test
  void step_noPreviousState_startsAtTarget() {
    GovernorStep s = GOV.step(target(0.80, 0.75, 0.05, false, T0), null, CFG);
    assertEquals(0.80, s.state().lt(), TOLERANCE);
    assertEquals(0.80, s.thresholds().lt(), TOLERANCE);
    assertEquals(0.80 * 0.94, s.thresholds().ltv(), TOLERANCE);
    assertEquals(List.of(new DailyTarget(T0 / DAY_MS, 0.80)), s.state().history());
    assertTrue(has(s, ReasonCode.GOVERNOR_INITIALISED));
  }

  /*
   * LT 0.80 at T0; 12 h later the target drops to 0.70. The day's lowest target is 0.70, so the
   * stressed LT is 0.70 and the floor goal min(0.70, 0.25·0.70 + 0.75·0.70) = 0.70. Rate limit:
   * 0.02/day · 0.5 day = 0.01, so LT = 0.79. LTV = min(0.70, 0.79)·(1 − 0.06) = 0.658: new
   * positions get the tight value at once.
   */
  @Test
  void step_sharpDrop_rateLimitedButLtvImmediate() {
    GovernorState s0 = GOV.step(target(0.80, 0.75, 0.05, false, T0), null, CFG).state();
    GovernorStep s1 = GOV.step(target(0.70, 0.65, 0.05, false, T0 + 12 * HOUR_MS), s0, CFG);
    assertEquals(0.79, s1.thresholds().lt(), TOLERANCE);
    assertEquals(0.658, s1.thresholds().ltv(), TOLERANCE);
    assertTrue(has(s1, ReasonCode.GOVERNOR_RATE_LIMITED));
    assertEquals(T0 + 12 * HOUR_MS, s1.state().updatedAtEpochMs());
  }

  /*
   * Day 0: target 0.70. Then the target loosens to 0.85 for ten days. The stressed LT stays 0.70
   * (within the 365-day look-back), so the goal is 0.25·0.70 + 0.75·0.85 = 0.8125: LT climbs by
   * 0.02 a day (0.72, 0.74, …, 0.80) and stops at 0.8125, never reaching 0.85.
   */
  @Test
  void step_loosening_cappedByStressedFloor() {
    GovernorState s = GOV.step(target(0.70, 0.65, 0.05, false, T0), null, SYMMETRIC_MIN).state();
    GovernorStep step = GOV.step(target(0.85, 0.80, 0.05, false, T0 + DAY_MS), s, SYMMETRIC_MIN);
    assertEquals(0.72, step.state().lt(), TOLERANCE);
    assertTrue(has(step, ReasonCode.GOVERNOR_STRESSED_FLOOR));
    for (int d = 2; d <= 10; d++) {
      step =
          GOV.step(target(0.85, 0.80, 0.05, false, T0 + d * DAY_MS), step.state(), SYMMETRIC_MIN);
    }
    assertEquals(0.8125, step.state().lt(), TOLERANCE);
    assertTrue(has(step, ReasonCode.GOVERNOR_AT_GOAL));
  }

  /*
   * Look-back of 2 days: at day 2 the stressed day 0 (0.70) has left the window (kept days are
   * 1 and 2), so the goal is the target 0.85, reached from 0.845. With the 365-day look-back the
   * goal stays 0.8125 and LT falls to max(0.845 − 0.02, 0.8125) = 0.825.
   */
  @Test
  void step_oldStressLeavesLookback_floorReleased() {
    GovernorState prev =
        new GovernorState(
            "BTCUSDT",
            0.845,
            T0 + DAY_MS + 12 * HOUR_MS,
            List.of(new DailyTarget(T0 / DAY_MS, 0.70), new DailyTarget(T0 / DAY_MS + 1, 0.85)));
    AssetThresholds t = target(0.85, 0.80, 0.05, false, T0 + 2 * DAY_MS + 12 * HOUR_MS);
    AssetRiskConfig shortLookback = SYMMETRIC_MIN.toBuilder().stressedLookbackDays(2).build();
    GovernorStep released = GOV.step(t, prev, shortLookback);
    assertEquals(0.85, released.state().lt(), TOLERANCE);
    assertEquals(2, released.state().history().size());
    GovernorStep kept = GOV.step(t, prev, SYMMETRIC_MIN);
    assertEquals(0.825, kept.state().lt(), TOLERANCE);
  }

  /*
   * Stress probability 0.30 ≥ trigger 0.20 with the target unchanged at 0.80: the goal becomes
   * min(stressed 0.80, tail 0.70) = 0.70, so LT starts down by a day's 0.02 to 0.78 ahead of the
   * stress. With probability 0.10 it stays at 0.80.
   */
  @Test
  void step_stressProbabilityHigh_tightensAhead() {
    GovernorState s0 = GOV.step(target(0.80, 0.70, 0.05, false, T0), null, CFG).state();
    GovernorStep alarmed = GOV.step(target(0.80, 0.70, 0.30, false, T0 + DAY_MS), s0, CFG);
    assertEquals(0.78, alarmed.state().lt(), TOLERANCE);
    assertTrue(has(alarmed, ReasonCode.GOVERNOR_STRESS_AHEAD));
    GovernorStep calm = GOV.step(target(0.80, 0.70, 0.10, false, T0 + DAY_MS), s0, CFG);
    assertEquals(0.80, calm.state().lt(), TOLERANCE);
  }

  /* A stale target may tighten LT but not loosen it. */
  @Test
  void step_staleTarget_neverLoosens() {
    GovernorState s0 = GOV.step(target(0.70, 0.65, 0.05, false, T0), null, CFG).state();
    GovernorStep held = GOV.step(target(0.80, 0.75, 0.05, true, T0 + DAY_MS), s0, CFG);
    assertEquals(0.70, held.state().lt(), TOLERANCE);
    assertTrue(has(held, ReasonCode.GOVERNOR_STALE_HOLD));
    GovernorStep tightened = GOV.step(target(0.60, 0.55, 0.05, true, T0 + DAY_MS), s0, CFG);
    assertEquals(0.68, tightened.state().lt(), TOLERANCE);
  }

  @Test
  void state_jsonRoundTrip_equal() throws Exception {
    GovernorState s = GOV.step(target(0.80, 0.75, 0.05, false, T0), null, CFG).state();
    s = GOV.step(target(0.70, 0.65, 0.30, false, T0 + 3 * DAY_MS), s, CFG).state();
    assertTrue(s.stressMode());
    ObjectMapper json = new ObjectMapper();
    String text = json.writeValueAsString(s);
    assertEquals(s, json.readValue(text, GovernorState.class));
    assertTrue(text.contains("\"history\""), text);
  }

  @Test
  void step_stateOfOtherSymbol_refused() {
    GovernorState eth = new GovernorState("ETHUSDT", 0.8, T0, List.of(new DailyTarget(0, 0.8)));
    assertThrows(
        IllegalArgumentException.class,
        () -> GOV.step(target(0.8, 0.7, 0.05, false, T0 + DAY_MS), eth, CFG));
  }

  @Test
  void step_timeGoesBackwards_refused() {
    GovernorState s = GOV.step(target(0.80, 0.75, 0.05, false, T0 + DAY_MS), null, CFG).state();
    assertThrows(
        IllegalArgumentException.class, () -> GOV.step(target(0.8, 0.7, 0.05, false, T0), s, CFG));
  }

  @Test
  void state_nanLt_refused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new GovernorState("BTCUSDT", Double.NaN, T0, List.of(new DailyTarget(0, 0.8))));
    assertThrows(IllegalArgumentException.class, () -> new DailyTarget(0, Double.NaN));
  }

  /**
   * Whatever the sequence of targets (levels, tails, stress, staleness, time gaps), the governed LT
   * never moves by more than the rate per day, and 0 &lt; LTV ≤ LT &lt; 1.
   */
  @Test
  void step_anyTargetSequence_respectsRateLimit() {
    qt().withExamples(300)
        .withFixedSeed(152L)
        .forAll(longs().all())
        .checkAssert(ThresholdGovernorTest::governRandomTargets);
  }

  /** Sixty random targets from {@code seed}, each step checked as the property above says. */
  private static void governRandomTargets(long seed) {
    Random rng = new Random(seed);
    double rate = CFG.governor().ltMaxChangePerDay();
    long t = T0;
    GovernorState state = null;
    for (int i = 0; i < 60; i++) {
      t += (long) (rng.nextDouble() * 72 * HOUR_MS);
      double lt = 0.2 + 0.78 * rng.nextDouble();
      double tail = lt * (0.5 + 0.5 * rng.nextDouble());
      AssetThresholds target = target(lt, tail, rng.nextDouble(), rng.nextInt(5) == 0, t);
      GovernorStep step = GOV.step(target, state, CFG);
      double governed = step.thresholds().lt();
      assertTrue(governed > 0 && governed < 1);
      assertTrue(step.thresholds().ltv() <= governed);
      if (state != null) {
        double days = Math.min(1, (t - state.updatedAtEpochMs()) / (double) DAY_MS);
        double moved = Math.abs(governed - state.lt());
        assertTrue(
            moved <= rate * days + TOLERANCE, () -> "moved " + moved + " in " + days + " days");
      }
      assertEquals(governed, step.state().lt());
      assertEquals(t, step.state().updatedAtEpochMs());
      long today = Math.floorDiv(t, DAY_MS);
      for (DailyTarget d : step.state().history()) {
        assertTrue(
            d.epochDay() <= today && d.epochDay() > today - CFG.governor().stressedLookbackDays());
      }
      state = step.state();
    }
  }

  /*
   * Fresh 0.80 at T0, a stale (deliberately extreme) 0.40 a day later, fresh 0.80 again on day 2.
   * The stale day is not recorded, so the stressed LT stays 0.80: the stale step tightens LT by a
   * day's 0.02 to 0.78 and day 2 returns to 0.80. Had 0.40 been recorded, the floor goal on day 2
   * would be 0.25·0.40 + 0.75·0.80 = 0.70 (LT 0.76) for the next 365 days.
   */
  @Test
  void step_staleTarget_notRecordedInStressedHistory() {
    GovernorState s0 = GOV.step(target(0.80, 0.75, 0.05, false, T0), null, SYMMETRIC_MIN).state();
    GovernorState s1 =
        GOV.step(target(0.40, 0.35, 0.05, true, T0 + DAY_MS), s0, SYMMETRIC_MIN).state();
    assertEquals(0.78, s1.lt(), TOLERANCE);
    assertEquals(List.of(new DailyTarget(T0 / DAY_MS, 0.80)), s1.history());
    GovernorStep s2 = GOV.step(target(0.80, 0.75, 0.05, false, T0 + 2 * DAY_MS), s1, SYMMETRIC_MIN);
    assertEquals(0.80, s2.state().lt(), TOLERANCE);
    assertEquals(0.80, s2.state().lowestDailyTargetLt(), TOLERANCE);
    assertFalse(has(s2, ReasonCode.GOVERNOR_STRESSED_FLOOR));
  }

  /* A stale first step leaves the history empty (no floor yet); the state is still valid. */
  @Test
  void step_staleFirstTarget_emptyHistory() {
    GovernorState s = GOV.step(target(0.40, 0.35, 0.05, true, T0), null, CFG).state();
    assertEquals(List.of(), s.history());
    assertEquals(1.0, s.lowestDailyTargetLt());
  }

  /*
   * After a 10-day outage the target drops from 0.80 to 0.60: LT moves one day's 0.02 to 0.78,
   * not 10·0.02 = 0.20 at once.
   */
  @Test
  void step_afterLongGap_movesAtMostOneDay() {
    GovernorState s0 = GOV.step(target(0.80, 0.75, 0.05, false, T0), null, CFG).state();
    GovernorStep s1 = GOV.step(target(0.60, 0.55, 0.05, false, T0 + 10 * DAY_MS), s0, CFG);
    assertEquals(0.78, s1.state().lt(), TOLERANCE);
    assertTrue(has(s1, ReasonCode.GOVERNOR_RATE_LIMITED));
  }

  /*
   * Target 0.80 (tail 0.70) with P(stress) oscillating 0.21, 0.19, 0.21, … around the 0.20
   * trigger, a day apart. With hysteresis (exit below 0.75·0.20 = 0.15) stress mode stays on, so
   * LT falls 0.78, 0.76, 0.74, 0.72, 0.70, 0.70 instead of saw-toothing 0.78, 0.80, 0.78, …;
   * at P 0.10 the mode ends and LT climbs back to 0.72.
   */
  @Test
  void step_stressProbabilityOscillates_noSawTooth() {
    GovernorState s = GOV.step(target(0.80, 0.70, 0.05, false, T0), null, SYMMETRIC_MIN).state();
    double[] expected = {0.78, 0.76, 0.74, 0.72, 0.70, 0.70};
    for (int d = 1; d <= expected.length; d++) {
      double p = d % 2 == 1 ? 0.21 : 0.19;
      GovernorStep step = GOV.step(target(0.80, 0.70, p, false, T0 + d * DAY_MS), s, SYMMETRIC_MIN);
      assertEquals(expected[d - 1], step.state().lt(), TOLERANCE, "day " + d);
      assertTrue(step.state().stressMode());
      assertTrue(has(step, ReasonCode.GOVERNOR_STRESS_AHEAD));
      s = step.state();
    }
    GovernorStep calm =
        GOV.step(target(0.80, 0.70, 0.10, false, T0 + 7 * DAY_MS), s, SYMMETRIC_MIN);
    assertFalse(calm.state().stressMode());
    assertEquals(0.72, calm.state().lt(), TOLERANCE);
  }

  @Test
  void state_jsonMissingTimestamp_refusedClearly() {
    ObjectMapper json = new ObjectMapper();
    JsonMappingException e =
        assertThrows(
            JsonMappingException.class,
            () ->
                json.readValue(
                    "{\"symbol\":\"BTCUSDT\",\"lt\":0.8,\"history\":[]}", GovernorState.class));
    assertTrue(
        e.getMessage().contains("updatedAtEpochMs must be a positive epoch time"), e.getMessage());
  }

  @Test
  void state_jsonMissingHistory_refusedClearly() {
    ObjectMapper json = new ObjectMapper();
    JsonMappingException e =
        assertThrows(
            JsonMappingException.class,
            () ->
                json.readValue(
                    "{\"symbol\":\"BTCUSDT\",\"lt\":0.8,\"updatedAtEpochMs\":" + T0 + "}",
                    GovernorState.class));
    assertTrue(e.getMessage().contains("history is missing"), e.getMessage());
  }

  /* JSON written before stress mode existed still reads, outside stress mode. */
  @Test
  void state_jsonWithoutStressMode_readsAsOff() throws Exception {
    GovernorState s =
        new ObjectMapper()
            .readValue(
                "{\"symbol\":\"BTCUSDT\",\"lt\":0.8,"
                    + "\"updatedAtEpochMs\":"
                    + T0
                    + ",\"history\":[{\"epochDay\":19723,"
                    + "\"minTargetLt\":0.8}]}",
                GovernorState.class);
    assertFalse(s.stressMode());
    assertEquals(List.of(new DailyTarget(19723, 0.8)), s.history());
  }

  private static boolean has(GovernorStep s, ReasonCode code) {
    return s.thresholds().reasons().stream().anyMatch(r -> r.code() == code);
  }
}

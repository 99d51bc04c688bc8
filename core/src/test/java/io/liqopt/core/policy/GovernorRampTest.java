package io.liqopt.core.policy;

import static io.liqopt.core.policy.PolicyFixtures.HOUR_MS;
import static io.liqopt.core.policy.PolicyFixtures.T0;
import static io.liqopt.core.policy.PolicyFixtures.target;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The LT ramp: a tightening reaches existing positions linearly over the ramp's hours. */
class GovernorRampTest {
  private static final double TOLERANCE = 1e-12;
  private static final ThresholdGovernor GOV = ThresholdGovernor.DEFAULT;

  /** No floor, tightening fast enough to reach any goal within an hour, a 24 h ramp. */
  private static final AssetRiskConfig RAMP =
      AssetRiskConfig.DEFAULTS.toBuilder()
          .stressedWeight(0)
          .ltMaxChangePerDay(5)
          .ltRampHours(24)
          .build();

  private static GovernorStep step(double targetLt, long atMs, GovernorState previous) {
    return GOV.step(target(targetLt, targetLt * 0.9, 0.01, false, atMs), previous, RAMP);
  }

  @Test
  void tightening_publishedFallsLinearlyOverTheRamp_maxLtvAtOnce() {
    GovernorState s = step(0.80, T0, null).state();
    assertEquals(0.80, s.lt(), TOLERANCE);
    GovernorStep first = step(0.70, T0 + HOUR_MS, s);
    // existing positions: 1 h of 24 from 0.80 toward 0.70
    assertEquals(0.80 - 0.10 / 24, first.thresholds().lt(), TOLERANCE);
    assertEquals(0.70, first.state().pacedLt(), TOLERANCE);
    assertEquals(0.80, first.state().rampFromLt(), TOLERANCE);
    assertEquals(T0, first.state().rampStartEpochMs());
    // new positions: max LTV from the governed 0.70 at once
    assertEquals(0.70 * (1 - 0.06), first.thresholds().ltv(), TOLERANCE);
    assertTrue(
        first.thresholds().reasons().stream().anyMatch(r -> r.code() == ReasonCode.GOVERNOR_RAMP));
    s = first.state();
    for (int h = 2; h <= 13; h++) {
      s = step(0.70, T0 + h * HOUR_MS, s).state();
    }
    assertEquals(0.80 - 0.10 * 13 / 24, s.lt(), TOLERANCE);
    for (int h = 14; h <= 24; h++) {
      s = step(0.70, T0 + h * HOUR_MS, s).state();
    }
    assertEquals(0.70, s.lt(), TOLERANCE);
    assertNull(s.rampFromLt(), "the ramp ended");
  }

  @Test
  void deeperTighteningDuringTheRamp_keepsItsStart_loosening_isImmediate() {
    GovernorState s = step(0.80, T0, null).state();
    s = step(0.70, T0 + HOUR_MS, s).state();
    s = step(0.60, T0 + 7 * HOUR_MS, s).state();
    // 7 h of 24 from 0.80 toward the governed 0.60
    assertEquals(0.80 - 0.20 * 7 / 24, s.lt(), TOLERANCE);
    assertEquals(T0, s.rampStartEpochMs());
    // the governed LT rises above what existing positions are judged at: published at once
    AssetRiskConfig fastLoosen = RAMP.toBuilder().ltMaxLoosenPerDay(5).build();
    GovernorStep up = GOV.step(target(0.79, 0.7, 0.01, false, T0 + 8 * HOUR_MS), s, fastLoosen);
    assertEquals(0.79, up.thresholds().lt(), TOLERANCE);
    assertNull(up.state().rampFromLt());
  }

  @Test
  void withoutRamp_publishedIsTheGovernedLt_stateAsBefore() throws Exception {
    AssetRiskConfig none = RAMP.toBuilder().ltRampHours(0).build();
    GovernorState s = GOV.step(target(0.80, 0.7, 0.01, false, T0), null, none).state();
    GovernorStep down = GOV.step(target(0.70, 0.6, 0.01, false, T0 + HOUR_MS), s, none);
    assertEquals(0.70, down.thresholds().lt(), TOLERANCE);
    String json = new ObjectMapper().writeValueAsString(down.state());
    assertFalse(json.contains("ramp") || json.contains("pacedLt"), json);
  }

  @Test
  void state_roundTripsThroughJson_andRefusesAnInconsistentRamp() throws Exception {
    GovernorState s = step(0.80, T0, null).state();
    s = step(0.70, T0 + 5 * HOUR_MS, s).state();
    ObjectMapper json = new ObjectMapper();
    assertEquals(s, json.readValue(json.writeValueAsString(s), GovernorState.class));
    assertThrows(
        IllegalArgumentException.class,
        () -> new GovernorState("BTCUSDT", 0.7, T0, java.util.List.of(), false, 0.75, null, null));
    assertThrows(
        IllegalArgumentException.class,
        () -> new GovernorState("BTCUSDT", 0.7, T0, java.util.List.of(), false, 0.6, 0.8, null));
  }

  @Test
  void config_rampOutOfRange_refusedByName() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> PolicyConfig.parse("{\"defaults\": {\"ltRampHours\": -1}}").resolve());
    assertEquals("defaults.ltRampHours", e.field());
    assertEquals(
        48,
        PolicyConfig.parse("{\"defaults\": {\"ltRampHours\": 48}}")
            .resolve()
            .defaults()
            .governor()
            .ltRampHours());
  }

  /*
   * Any sequence of hourly targets: existing positions are never judged looser than the governed
   * LT, nor looser than the LT before, unless the governed LT itself is.
   */
  @Test
  void published_betweenGovernedAndPrevious_property() {
    qt().withExamples(200)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              Random rng = new Random(seed);
              GovernorState s = null;
              double lt = 0.8;
              for (int h = 0; h < 120; h++) {
                lt = Math.max(0.3, Math.min(0.9, lt + 0.08 * rng.nextGaussian()));
                GovernorState prev = s;
                s = step(lt, T0 + h * HOUR_MS, s).state();
                double paced = s.pacedOrLt();
                assertTrue(s.lt() >= paced - TOLERANCE);
                if (prev != null) {
                  assertTrue(s.lt() <= Math.max(prev.lt(), paced) + TOLERANCE);
                }
              }
            });
  }
}

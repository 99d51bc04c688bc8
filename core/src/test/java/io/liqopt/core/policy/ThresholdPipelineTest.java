package io.liqopt.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liqopt.core.forecast.AssetForecast;
import io.liqopt.core.forecast.AssetHistory;
import io.liqopt.core.market.BarInterval;
import io.liqopt.core.market.BarSeries;
import io.liqopt.core.market.BarSeriesBuilder;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ThresholdPipelineTest {
  private static final long T0 = PolicyFixtures.T0;
  private static final long H = PolicyFixtures.HOUR_MS;

  private static AssetHistory history(double quoteVolume) {
    BarSeriesBuilder b = new BarSeriesBuilder("XUSDT", BarInterval.H1);
    for (int i = 0; i < 48; i++) {
      double p = 100 + i;
      b.append(T0 + i * H, p, p + 1, p - 1, p + 0.5, 10, quoteVolume);
    }
    BarSeries s = b.build();
    return AssetHistory.of(s, s);
  }

  @Test
  void evaluate_governed_isTheCalculatorThenOneGovernorStep() {
    AssetForecast f = PolicyFixtures.forecast("XUSDT");
    MarketSnapshot m = PolicyFixtures.market("XUSDT", 100, 5e7);
    AssetRiskConfig c = AssetRiskConfig.DEFAULTS;
    long now = T0 + H;
    ThresholdPipeline.Outcome o = ThresholdPipeline.DEFAULT.evaluate(f, m, c, now, null, true);
    AssetThresholds target =
        ThresholdCalculator.DEFAULT.compute(f, m, c, Instant.ofEpochMilli(now));
    GovernorStep step = ThresholdGovernor.DEFAULT.step(target, null, c);
    assertFalse(o.refused());
    assertEquals(target, o.target());
    assertEquals(step, o.step());
    assertEquals(step.thresholds(), o.governed());
    // and a second step from the first one's state, as the service and the backtest chain them
    ThresholdPipeline.Outcome next =
        ThresholdPipeline.DEFAULT.evaluate(f, m, c, now + H, o.step().state(), true);
    assertEquals(
        ThresholdGovernor.DEFAULT.step(
            ThresholdCalculator.DEFAULT.compute(f, m, c, Instant.ofEpochMilli(now + H)),
            o.step().state(),
            c),
        next.step());
  }

  @Test
  void evaluate_notGoverned_targetsOnly() {
    ThresholdPipeline.Outcome o =
        ThresholdPipeline.DEFAULT.evaluate(
            PolicyFixtures.forecast("XUSDT"),
            PolicyFixtures.market("XUSDT", 100, 5e7),
            AssetRiskConfig.DEFAULTS,
            T0 + H,
            null,
            false);
    assertNull(o.step());
    assertEquals(o.target(), o.governed());
  }

  @Test
  void target_nothingTradedIn24h_noMarket() {
    ThresholdPipeline.Outcome o =
        ThresholdPipeline.DEFAULT.target(
            PolicyFixtures.forecast("XUSDT"), history(0), 47, AssetRiskConfig.DEFAULTS);
    assertTrue(o.refused());
    assertEquals(ThresholdPipeline.Refusal.NO_MARKET, o.refusal());
    assertNull(o.governed());
  }

  @Test
  void target_atABar_snapshotThereAndComputedAtItsClose() {
    ThresholdPipeline.Outcome o =
        ThresholdPipeline.DEFAULT.target(
            PolicyFixtures.forecast("XUSDT"), history(1e6), 47, AssetRiskConfig.DEFAULTS);
    assertFalse(o.refused());
    assertEquals(T0 + 48 * H, o.market().asOfEpochMs());
    assertEquals(T0 + 48 * H, o.target().computedAtEpochMs());
  }

  @Test
  void evaluate_forecastWithoutTheLiquidationHorizon_policyRefusal() {
    AssetRiskConfig c = AssetRiskConfig.DEFAULTS.toBuilder().liquidationHorizonHours(48).build();
    ThresholdPipeline.Outcome o =
        ThresholdPipeline.DEFAULT.evaluate(
            PolicyFixtures.forecast("XUSDT"),
            PolicyFixtures.market("XUSDT", 100, 5e7),
            c,
            T0 + H,
            null,
            true);
    assertEquals(ThresholdPipeline.Refusal.POLICY, o.refusal());
    assertTrue(o.detail() != null && !o.detail().isBlank(), String.valueOf(o.detail()));
  }
}

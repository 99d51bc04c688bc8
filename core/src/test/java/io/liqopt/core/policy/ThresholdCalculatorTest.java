package io.liqopt.core.policy;

import static io.liqopt.core.policy.PolicyFixtures.HOUR_MS;
import static io.liqopt.core.policy.PolicyFixtures.LEVELS;
import static io.liqopt.core.policy.PolicyFixtures.MAE_24H;
import static io.liqopt.core.policy.PolicyFixtures.NOW;
import static io.liqopt.core.policy.PolicyFixtures.T0;
import static io.liqopt.core.policy.PolicyFixtures.forecast;
import static io.liqopt.core.policy.PolicyFixtures.market;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;

import io.liqopt.core.forecast.AssetForecast;
import io.liqopt.core.forecast.HorizonForecast;
import io.liqopt.core.forecast.QuantileCurve;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class ThresholdCalculatorTest {
  /** Hand-worked values are given to 12+ significant digits. */
  private static final double TOLERANCE = 1e-12;

  private static final ThresholdCalculator CALC = ThresholdCalculator.DEFAULT;
  private static final AssetRiskConfig CFG = AssetRiskConfig.DEFAULTS;

  /** The properties' seed: the same examples every run. */
  private static final long SEED = 20_240_601L;

  /*
   * Worked by hand, defaults (α 0.99, β 0.95, H 24 h, Y 1, Q_clip 1e5, F 50, H_exit 1 h, z 1,
   * b in [0.02, 0.15]); forecast σ_day = sqrt(0.0009) = 0.03, X_0.99 = 0.10, X_0.95 = 0.06;
   * V_day = 1e9:
   *   s = 1 · 0.03 · sqrt(1e5 / 1e9) = 0.03 · 0.01 = 0.0003
   *   inventory = 0.03 · sqrt(1/24) = 0.006123724356957945
   *   fixed = 50 / 1e5 = 0.0005
   *   raw b = 0.006923724356957945 < b_min → b = 0.02
   *   LT = (1 − 0.10)(1 − 0.0003)/(1.02) = 0.89973 / 1.02 = 0.8820882352941176
   *   LTV = LT · (1 − 0.06) = 0.8291629411764705
   *   tail LT (X_0.999 = 0.15) = 0.85 · 0.9997 / 1.02 = 0.8330833333333333
   */
  @Test
  void compute_liquidMajor_bonusClampedToMin() {
    AssetThresholds t = CALC.compute(forecast("BTCUSDT"), market("BTCUSDT", 40_000, 1e9), CFG, NOW);
    assertEquals(0.0003, t.slippage(), TOLERANCE);
    assertEquals(0.02, t.bonus(), TOLERANCE);
    assertEquals(0.10, t.quantileThreshold(), TOLERANCE);
    assertEquals(0.06, t.quantileBuffer(), TOLERANCE);
    assertEquals(0.03, t.dailyVolatility(), TOLERANCE);
    assertEquals(0.8820882352941176, t.lt(), TOLERANCE);
    assertEquals(0.8291629411764705, t.ltv(), TOLERANCE);
    assertEquals(0.8330833333333333, t.tailLt(), TOLERANCE);
    assertFalse(t.stale());
    assertEquals("test-model", t.modelVersion());
    assertEquals(0.5, t.closeFactor());
    assertTrue(has(t, ReasonCode.BONUS_CLAMPED_MIN));
    assertTrue(has(t, ReasonCode.FORECAST_USED));
    assertTrue(has(t, ReasonCode.DAILY_VOLATILITY));
  }

  /*
   * V_day = 2.5e5: s = 0.03 · sqrt(0.4) = 0.018973665961010275;
   * raw b = 0.018973665961010275 + 0.006123724356957945 + 0.0005 = 0.02559739031796822, inside
   * the bounds, so b = raw; LT = 0.9 · (1 − s)/(1 + b) = 0.8608872340844744,
   * LTV = 0.94 · LT = 0.8092340000394059.
   */
  @Test
  void compute_thinMarket_bonusUnclamped() {
    AssetThresholds t = CALC.compute(forecast("ALTUSDT"), market("ALTUSDT", 2, 2.5e5), CFG, NOW);
    assertEquals(0.018973665961010275, t.slippage(), TOLERANCE);
    assertEquals(0.02559739031796822, t.bonus(), TOLERANCE);
    assertEquals(0.8608872340844744, t.lt(), TOLERANCE);
    assertEquals(0.8092340000394059, t.ltv(), TOLERANCE);
    assertFalse(has(t, ReasonCode.BONUS_CLAMPED_MIN));
    assertFalse(has(t, ReasonCode.BONUS_CLAMPED_MAX));
  }

  /* V_day = 1e3: s = 0.03 · 10 = 0.3, raw b ≈ 0.307 > 0.15 → b = 0.15; LT = 0.9 · 0.7 / 1.15. */
  @Test
  void compute_veryThinMarket_bonusClampedToMax() {
    AssetThresholds t = CALC.compute(forecast("ALTUSDT"), market("ALTUSDT", 2, 1e3), CFG, NOW);
    assertEquals(0.15, t.bonus(), TOLERANCE);
    assertEquals(0.9 * 0.7 / 1.15, t.lt(), TOLERANCE);
    assertTrue(has(t, ReasonCode.BONUS_CLAMPED_MAX));
  }

  /* Depth (1e6 within 2 %): s = 0.02 · sqrt(1e5 / 1e6) = 0.006324555320336759. */
  @Test
  void compute_suppliedDepth_slippageFromDepth() {
    MarketSnapshot m = new MarketSnapshot("BTCUSDT", 40_000, 1e9, T0, new BookDepth(1e6, 0.02));
    AssetThresholds t = CALC.compute(forecast("BTCUSDT"), m, CFG, NOW);
    assertEquals(0.006324555320336759, t.slippage(), TOLERANCE);
    assertEquals(0.9 * (1 - 0.006324555320336759) / 1.02, t.lt(), TOLERANCE);
  }

  /*
   * A forecast 5 h old (limit 3 h) is stale: both quantiles are taken at the curve's top level
   * 0.999 (X = 0.15): LT = 0.85 · 0.9997 / 1.02 = 0.8330833333333333, LTV = 0.85 · LT.
   */
  @Test
  void compute_staleForecast_conservativeAndSaysSo() {
    Instant late = Instant.ofEpochMilli(T0 + 5 * HOUR_MS);
    MarketSnapshot fresh = MarketSnapshot.of("BTCUSDT", 40_000, 1e9, T0 + 5 * HOUR_MS);
    AssetThresholds t = CALC.compute(forecast("BTCUSDT"), fresh, CFG, late);
    assertTrue(t.stale());
    assertEquals(0.999, t.alphaUsed(), TOLERANCE);
    assertEquals(0.8330833333333333, t.lt(), TOLERANCE);
    assertEquals(0.8330833333333333 * 0.85, t.ltv(), TOLERANCE);
    assertTrue(has(t, ReasonCode.STALE_FORECAST));
    assertTrue(has(t, ReasonCode.STALE_CONSERVATIVE));
    AssetThresholds freshT =
        CALC.compute(forecast("BTCUSDT", T0 + 4 * HOUR_MS, 0.03, MAE_24H, 0.05), fresh, CFG, late);
    assertTrue(t.lt() < freshT.lt());
  }

  @Test
  void compute_staleMarket_flagged() {
    Instant late = Instant.ofEpochMilli(T0 + 2 * HOUR_MS);
    MarketSnapshot old = MarketSnapshot.of("BTCUSDT", 40_000, 1e9, T0 - 2 * HOUR_MS);
    AssetThresholds t = CALC.compute(forecast("BTCUSDT"), old, CFG, late);
    assertTrue(t.stale());
    assertTrue(has(t, ReasonCode.STALE_MARKET));
  }

  /* A stale live price with fresh bars and forecast: conservative, as with a stale input. */
  @Test
  void compute_staleLivePrice_conservativeAndSaysSo() {
    Instant now = Instant.ofEpochMilli(T0 + HOUR_MS);
    MarketSnapshot fresh = MarketSnapshot.of("BTCUSDT", 40_000, 1e9, T0 + HOUR_MS);
    AssetThresholds ok = CALC.compute(forecast("BTCUSDT"), fresh, CFG, now);
    AssetThresholds t = CALC.compute(forecast("BTCUSDT"), fresh.withPriceStale(true), CFG, now);
    assertFalse(ok.stale());
    assertTrue(t.stale());
    assertEquals(0.999, t.alphaUsed(), TOLERANCE);
    assertTrue(has(t, ReasonCode.STALE_PRICE));
    assertTrue(has(t, ReasonCode.STALE_CONSERVATIVE));
    assertTrue(t.lt() < ok.lt());
    assertEquals(fresh, fresh.withPriceStale(false));
  }

  /*
   * No 24 h horizon: horizons 1 h (variance 1e-4) and 12 h (variance 4.5e-4); the nearest to 24 h
   * is 12 h: σ_day = sqrt(4.5e-4 · 24 / 12) = sqrt(9e-4) = 0.03.
   */
  @Test
  void compute_no24hHorizon_scalesNearestAndSaysSo() {
    QuantileCurve c = QuantileCurve.of(LEVELS, MAE_24H);
    AssetForecast f =
        new AssetForecast(
            "BTCUSDT",
            T0,
            "m",
            List.of(new HorizonForecast(1, 1e-4, c, c), new HorizonForecast(12, 4.5e-4, c, c)),
            0.1,
            24,
            0.0);
    AssetRiskConfig cfg = withHorizons(12, 12);
    AssetThresholds t = CALC.compute(f, market("BTCUSDT", 40_000, 1e9), cfg, NOW);
    assertEquals(0.03, t.dailyVolatility(), TOLERANCE);
    assertTrue(has(t, ReasonCode.DAILY_VOLATILITY_SCALED));
  }

  @Test
  void compute_missingLiquidationHorizon_refused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                CALC.compute(
                    forecast("BTCUSDT"), market("BTCUSDT", 1, 1e9), withHorizons(6, 24), NOW));
    assertTrue(e.getMessage().contains("6 h"), e.getMessage());
  }

  @Test
  void compute_symbolMismatch_refused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> CALC.compute(forecast("BTCUSDT"), market("ETHUSDT", 1, 1e9), CFG, NOW));
  }

  @Test
  void compute_forecastFromTheFuture_refused() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            CALC.compute(
                forecast("BTCUSDT"), market("BTCUSDT", 1, 1e9), CFG, Instant.ofEpochMilli(T0 - 1)));
  }

  @Test
  void compute_clipCostsAll_refusedAsTooIlliquid() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> CALC.compute(forecast("X"), market("X", 1, 50), CFG, NOW));
    assertTrue(e.getMessage().contains("illiquid"), e.getMessage());
  }

  /** LT falls strictly when the forecast quantiles rise (everything else fixed). */
  @Test
  void lt_quantileRises_ltFalls() {
    qt().withExamples(300)
        .withFixedSeed(SEED)
        .forAll(decimals(0.1, 4), decimals(1.001, 1.5))
        .checkAssert(
            (scale, rise) -> {
              AssetThresholds low =
                  CALC.compute(scaled(scale), market("BTCUSDT", 1, 1e8), CFG, NOW);
              AssetThresholds high =
                  CALC.compute(scaled(scale * rise), market("BTCUSDT", 1, 1e8), CFG, NOW);
              assertTrue(high.quantileThreshold() > low.quantileThreshold());
              assertTrue(high.lt() < low.lt(), () -> high.lt() + " !< " + low.lt());
            });
  }

  /**
   * For the fixed test forecast curve (strictly increasing quantiles on levels 0.5 … 0.999), LT
   * falls strictly as α rises inside the curve's levels, everything else fixed.
   */
  @Test
  void lt_alphaRises_ltFalls() {
    qt().withExamples(300)
        .withFixedSeed(SEED)
        .forAll(decimals(0.51, 0.99), decimals(0.001, 0.009))
        .checkAssert(
            (alpha, rise) -> {
              AssetThresholds low =
                  CALC.compute(
                      forecast("BTCUSDT"), market("BTCUSDT", 1, 1e8), withAlpha(alpha), NOW);
              AssetThresholds high =
                  CALC.compute(
                      forecast("BTCUSDT"), market("BTCUSDT", 1, 1e8), withAlpha(alpha + rise), NOW);
              assertTrue(high.quantileThreshold() > low.quantileThreshold());
              assertTrue(
                  high.lt() < low.lt(),
                  () ->
                      "α "
                          + alpha
                          + " → "
                          + (alpha + rise)
                          + ": LT "
                          + low.lt()
                          + " → "
                          + high.lt());
            });
  }

  private static AssetRiskConfig withAlpha(double alpha) {
    return PolicyConfig.parse("{\"defaults\": {\"alpha\": " + alpha + "}}").resolve().defaults();
  }

  /** One draw of the inputs of {@link #thresholds_saneInputs_ordered}. */
  private record SaneInputs(
      double scale, double sigmaDay, double dailyVolume, double bonusMin, double bonusSpread) {}

  /** For sane inputs 0 &lt; LTV &lt; LT &lt; 1, and b_min ≤ b ≤ b_max. */
  @Test
  void thresholds_saneInputs_ordered() {
    Gen<SaneInputs> inputs =
        decimals(0.05, 6)
            .zip(
                decimals(0.002, 0.2),
                decimals(1e5, 1e11),
                decimals(0, 0.1),
                decimals(0, 0.3),
                SaneInputs::new);
    qt().withExamples(500)
        .withFixedSeed(SEED)
        .forAll(inputs)
        .checkAssert(
            in -> {
              double[] mae = MAE_24H.clone();
              for (int i = 0; i < mae.length; i++) {
                mae[i] *= in.scale();
              }
              AssetForecast f = forecast("BTCUSDT", T0, in.sigmaDay(), mae, 0.05);
              AssetRiskConfig cfg =
                  withBonusBounds(in.bonusMin(), Math.min(0.99, in.bonusMin() + in.bonusSpread()));
              AssetThresholds t = CALC.compute(f, market("BTCUSDT", 1, in.dailyVolume()), cfg, NOW);
              assertTrue(0 < t.ltv() && t.ltv() < t.lt() && t.lt() < 1, t::toString);
              assertTrue(
                  t.bonus() >= cfg.bonus().min() && t.bonus() <= cfg.bonus().max(), t::toString);
            });
  }

  /** Doubles in [min, max] with six decimals, as the policy file would hold them. */
  private static Gen<Double> decimals(double min, double max) {
    return doubles()
        .between(min, max)
        .map(x -> BigDecimal.valueOf(x).setScale(6, RoundingMode.HALF_UP).doubleValue());
  }

  private static AssetForecast scaled(double scale) {
    double[] mae = MAE_24H.clone();
    for (int i = 0; i < mae.length; i++) {
      mae[i] *= scale;
    }
    return forecast("BTCUSDT", T0, 0.03, mae, 0.05);
  }

  static boolean has(AssetThresholds t, ReasonCode code) {
    return t.reasons().stream().anyMatch(r -> r.code() == code);
  }

  static AssetRiskConfig withHorizons(int liq, int user) {
    AssetRiskConfig d = CFG;
    return d.toBuilder().liquidationHorizonHours(liq).userHorizonHours(user).build();
  }

  static AssetRiskConfig withBonusBounds(double min, double max) {
    return PolicyConfig.parse(
            "{\"defaults\": {\"bonusMin\": " + min + ", \"bonusMax\": " + max + "}}")
        .resolve()
        .defaults();
  }
}

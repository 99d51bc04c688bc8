package io.liqopt.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PolicyConfigTest {

  @Test
  void defaults_resolved_areTheDocumentedDefaults() {
    ResolvedPolicy p = PolicyConfig.defaults().resolve();
    assertEquals(AssetRiskConfig.DEFAULTS, p.defaults());
    assertEquals(AssetRiskConfig.DEFAULTS, p.forSymbol("ANYUSDT"));
    assertEquals(0.99, p.defaults().quantiles().alpha());
    assertEquals(0.95, p.defaults().quantiles().beta());
    assertEquals(24, p.defaults().quantiles().liquidationHorizonHours());
  }

  @Test
  void parse_overrides_inheritFileDefaultsThenBuiltIns() {
    PolicyConfig c =
        PolicyConfig.parse(
            """
            {"defaults": {"alpha": 0.995, "closeFactor": 0.4},
             "assets": {"DOGEUSDT": {"bonusMin": 0.05, "closeFactor": 0.25}}}\
            """);
    ResolvedPolicy p = c.resolve();
    AssetRiskConfig doge = p.forSymbol("DOGEUSDT");
    assertEquals(0.995, doge.quantiles().alpha()); // file defaults
    assertEquals(0.05, doge.bonus().min()); // override
    assertEquals(0.25, doge.execution().closeFactor()); // override beats file defaults
    assertEquals(0.95, doge.quantiles().beta()); // built-in
    AssetRiskConfig btc = p.forSymbol("BTCUSDT");
    assertEquals(0.995, btc.quantiles().alpha());
    assertEquals(0.4, btc.execution().closeFactor());
    assertEquals(AssetRiskConfig.DEFAULTS.bonus().min(), btc.bonus().min());
  }

  @Test
  void horizonsHours_everyHorizonReadPlusOneAndTwentyFour_sorted() {
    ResolvedPolicy p =
        PolicyConfig.parse(
                """
                {"defaults": {"liquidationHorizonHours": 12, "userHorizonHours": 6},
                 "assets": {"DOGEUSDT": {"liquidationHorizonHours": 48}}}\
                """)
            .resolve();
    assertEquals(java.util.List.of(1, 6, 12, 24, 48), p.horizonsHours());
    assertEquals(
        java.util.List.of(1, 24),
        ResolvedPolicy.defaultPolicy().horizonsHours().stream()
            .filter(h -> h == 1 || h == 24)
            .toList());
  }

  @Test
  void parse_emptyObject_isTheDefaults() {
    assertEquals(AssetRiskConfig.DEFAULTS, PolicyConfig.parse("{}").resolve().defaults());
  }

  @Test
  void parse_alphaOutOfRange_refusedNamingField() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> PolicyConfig.parse("{\"assets\": {\"DOGEUSDT\": {\"alpha\": 1.2}}}"));
    assertEquals("assets.DOGEUSDT.alpha", e.field());
    assertEquals("assets.DOGEUSDT.alpha: must be in (0.5, 1), was 1.2", e.getMessage());
  }

  @Test
  void parse_bonusMinAboveMax_refused() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> PolicyConfig.parse("{\"defaults\": {\"bonusMin\": 0.2, \"bonusMax\": 0.1}}"));
    assertEquals("defaults.bonusMin", e.field());
    assertTrue(e.reason().contains("bonusMax"), e.reason());
  }

  @Test
  void parse_negativeHorizon_refused() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> PolicyConfig.parse("{\"defaults\": {\"liquidationHorizonHours\": -1}}"));
    assertEquals("defaults.liquidationHorizonHours: must be positive, was -1", e.getMessage());
  }

  @Test
  void parse_unknownField_refusedNamingIt() {
    ConfigException e =
        assertThrows(
            ConfigException.class, () -> PolicyConfig.parse("{\"defaults\": {\"alhpa\": 0.99}}"));
    assertEquals("defaults.alhpa", e.field());
    assertEquals("unknown field", e.reason());
  }

  @Test
  void parse_wrongType_refusedNamingIt() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> PolicyConfig.parse("{\"assets\": {\"BTCUSDT\": {\"beta\": \"high\"}}}"));
    assertEquals("assets.BTCUSDT.beta", e.field());
  }

  /* 24.9 for an integer field is refused, not truncated to 24. */
  @Test
  void parse_fractionForIntegerField_refusedNamingIt() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> PolicyConfig.parse("{\"defaults\": {\"liquidationHorizonHours\": 24.9}}"));
    assertEquals("defaults.liquidationHorizonHours", e.field());
    assertTrue(e.getMessage().startsWith("defaults.liquidationHorizonHours: "), e.getMessage());
  }

  /* "30" is a string, not a number: refused for integer and floating fields alike. */
  @Test
  void parse_stringForNumber_refusedNamingIt() {
    ConfigException i =
        assertThrows(
            ConfigException.class,
            () ->
                PolicyConfig.parse(
                    "{\"assets\": {\"BTCUSDT\": {\"stressedLookbackDays\": \"30\"}}}"));
    assertEquals("assets.BTCUSDT.stressedLookbackDays", i.field());
    assertTrue(i.getMessage().startsWith("assets.BTCUSDT.stressedLookbackDays: "), i.getMessage());
    ConfigException d =
        assertThrows(
            ConfigException.class,
            () -> PolicyConfig.parse("{\"defaults\": {\"alpha\": \"0.99\"}}"));
    assertEquals("defaults.alpha", d.field());
  }

  /* Whole numbers for floating fields stay accepted. */
  @Test
  void parse_integerForFloatingField_accepted() {
    assertEquals(
        2.0,
        PolicyConfig.parse("{\"defaults\": {\"typicalClipQuote\": 2}}")
            .resolve()
            .defaults()
            .bonus()
            .typicalClipQuote());
  }

  @Test
  void parse_nanLiteral_refused() {
    assertThrows(
        ConfigException.class, () -> PolicyConfig.parse("{\"defaults\": {\"alpha\": NaN}}"));
  }

  @Test
  void parse_unknownSchedule_refused() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> PolicyConfig.parse("{\"defaults\": {\"bonusSchedule\": \"EXPONENTIAL\"}}"));
    assertEquals("defaults.bonusSchedule", e.field());
  }

  @Test
  void load_exampleFile_isValidAndOverridesDoge() throws Exception {
    PolicyConfig c = PolicyConfig.load(Path.of("..", "config", "policy.example.json"));
    ResolvedPolicy p = c.resolve();
    assertTrue(p.assets().containsKey("DOGEUSDT"));
    assertTrue(p.forSymbol("DOGEUSDT").quantiles().alpha() >= p.defaults().quantiles().alpha());
  }

  /**
   * Any α outside (0.5, 1) is refused, naming alpha; any inside is accepted. Two decimals, so that
   * values near the ends come up; the ends themselves are checked every run by {@link
   * #alpha_endsAndJustInside_openInterval}.
   */
  @Test
  void alpha_anyValue_acceptedExactlyInsideOpenInterval() {
    qt().withExamples(200)
        .withFixedSeed(145L)
        .forAll(
            doubles()
                .between(-2, 3)
                .map(x -> BigDecimal.valueOf(x).setScale(2, RoundingMode.HALF_UP).doubleValue()))
        .checkAssert(PolicyConfigTest::assertAlphaAcceptedExactlyInsideOpenInterval);
  }

  @Test
  void alpha_endsAndJustInside_openInterval() {
    for (double alpha : new double[] {0.5, 1.0, 0.51, 0.99, 0.4999, 1.0001}) {
      assertAlphaAcceptedExactlyInsideOpenInterval(alpha);
    }
  }

  private static void assertAlphaAcceptedExactlyInsideOpenInterval(double alpha) {
    String json = "{\"defaults\": {\"alpha\": " + alpha + "}}";
    if (alpha > 0.5 && alpha < 1) {
      assertEquals(alpha, PolicyConfig.parse(json).resolve().defaults().quantiles().alpha());
    } else {
      ConfigException e = assertThrows(ConfigException.class, () -> PolicyConfig.parse(json));
      assertEquals("defaults.alpha", e.field());
    }
  }
}

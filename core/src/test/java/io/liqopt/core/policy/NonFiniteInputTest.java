package io.liqopt.core.policy;

import static io.liqopt.core.policy.PolicyFixtures.T0;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.integers;

import io.liqopt.core.forecast.HorizonForecast;
import io.liqopt.core.forecast.QuantileCurve;
import io.liqopt.core.position.CollateralHolding;
import io.liqopt.core.position.Position;
import java.util.List;
import java.util.function.DoubleFunction;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * NaN or infinite input anywhere in the policy's inputs is refused at construction with an {@link
 * IllegalArgumentException} naming the field, so it can never reach the maths.
 */
class NonFiniteInputTest {

  /** Each entry builds a valid input with the bad value in one numeric field. */
  private static final List<DoubleFunction<Object>> INPUTS =
      List.of(
          x -> MarketSnapshot.of("BTCUSDT", x, 1e9, T0),
          x -> MarketSnapshot.of("BTCUSDT", 1, x, T0),
          x -> new BookDepth(x, 0.02),
          x -> new BookDepth(1e6, x),
          x -> new PriceSource("s", x, T0),
          x -> new CollateralHolding("ETHUSDT", x, 2000),
          x -> new CollateralHolding("ETHUSDT", 1, x),
          x -> new Position("p", List.of(new CollateralHolding("ETHUSDT", 1, 1)), "USDT", x),
          x -> new HorizonForecast(24, x, curve(0.1), curve(0.1)),
          x -> new HorizonForecast(24, 1e-3, curve(x), curve(0.1)),
          x -> new PriceGuard(x, 2, 3),
          x -> new PriceGuard(0.02, 2, x),
          x -> new GovernorState("BTCUSDT", x, T0, List.of(new DailyTarget(0, 0.8))),
          x -> PolicyFixtures.thresholds("BTCUSDT", x, 0.05, 0.5, 0.03),
          x -> PolicyFixtures.thresholds("BTCUSDT", 0.8, x, 0.5, 0.03),
          x -> PolicyFixtures.thresholds("BTCUSDT", 0.8, 0.05, x, 0.03),
          x -> PolicyFixtures.thresholds("BTCUSDT", 0.8, 0.05, 0.5, x),
          x -> PolicyFixtures.target(0.8, 0.7, x, false, T0));

  @Test
  void anyInput_nonFiniteValue_refused() {
    qt().withExamples(300)
        .withFixedSeed(47L)
        .forAll(integers().between(0, INPUTS.size() - 1), nonFinite())
        .checkAssert(
            (field, bad) -> {
              IllegalArgumentException e =
                  assertThrows(IllegalArgumentException.class, () -> INPUTS.get(field).apply(bad));
              assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
            });
  }

  /**
   * Every floating config field refuses ±infinity (JSON {@code ±1e999}), naming the field; NaN
   * cannot be written in the file (the parser refuses the literal) but a NaN passed to the record's
   * constructor is refused too.
   */
  @Test
  void config_nonFiniteValue_refusedNamingField() {
    qt().withExamples(100)
        .withFixedSeed(60L)
        .forAll(nonFinite(), integers().between(0, 4))
        .checkAssert(NonFiniteInputTest::configRefuses);
  }

  private static void configRefuses(double bad, int which) {
    String[] fields = {
      "alpha", "liquidatorExitHours", "typicalClipQuote", "targetHealthFactor", "impactCoefficient"
    };
    String field = fields[which];
    if (Double.isNaN(bad)) {
      ConfigException e =
          assertThrows(
              ConfigException.class,
              () -> PolicyConfig.parse("{\"defaults\": {\"" + field + "\": NaN}}"));
      // the parser stops at the token, before it knows the field: it names the section
      assertTrue(
          e.getMessage().startsWith("defaults") && e.getMessage().contains("NaN"), e.getMessage());
      if (which == 0) {
        ConfigException c =
            assertThrows(ConfigException.class, () -> withAlpha(AssetRiskConfig.DEFAULTS, bad));
        assertTrue(c.field().equals("alpha"), c.getMessage());
      }
      return;
    }
    String literal = bad > 0 ? "1e999" : "-1e999";
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> PolicyConfig.parse("{\"defaults\": {\"" + field + "\": " + literal + "}}"));
    assertTrue(e.field().equals("defaults." + field), e.getMessage());
  }

  private static Gen<Double> nonFinite() {
    return arbitrary().pick(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
  }

  private static QuantileCurve curve(double top) {
    return QuantileCurve.of(new double[] {0.5, 0.99}, new double[] {0.01, top});
  }

  private static AssetRiskConfig withAlpha(AssetRiskConfig d, double alpha) {
    return d.withAlpha(alpha);
  }
}

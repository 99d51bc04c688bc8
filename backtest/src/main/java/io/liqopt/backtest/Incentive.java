package io.liqopt.backtest;

import io.liqopt.core.policy.AssetRiskConfig;
import io.liqopt.core.policy.BonusSchedule;
import io.liqopt.core.policy.ResolvedPolicy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A liquidation incentive rule: the bonus (and how it rises as a position's health falls), the
 * minimum incentive in quote terms, and how much debt one liquidation repays. It is expressed as
 * core's {@code BonusConfig} and {@code ExecutionConfig} fields ({@link #liquidation}), so the
 * simulated liquidations go through the same {@code PositionAssessor} code as {@code serve}: no
 * formula is copied here.
 *
 * <p>In the thresholds experiment every policy gets the same rule, so policies differ only by their
 * thresholds; the adaptive policies' LT formula {@code LT = (1 − X)(1 − s)/(1 + b)} then uses the
 * rule's bonus at HF 1 ({@link #thresholds}).
 *
 * @param name the rule's name in reports ({@code flat-5}, {@code aave-v4})
 * @param description what it is, in a sentence
 * @param bonus b, the bonus at HF 1 (at the threshold), a fraction
 * @param bonusMax b_max, the bonus at and below {@code maxAtHealthFactor} (LINEAR), and the cap of
 *     the minimum-incentive raise
 * @param schedule FLAT or LINEAR (core's {@code BonusSchedule})
 * @param maxAtHealthFactor the HF at which a LINEAR bonus reaches b_max
 * @param closeFactor the largest share of the debt one partial liquidation repays
 * @param targetHealthFactor h*, the HF a partial liquidation restores
 * @param fullLiquidationHealthFactor below it the whole debt may be repaid
 * @param dustQuote debt (or debt left) below which the whole position is liquidated
 * @param minIncentiveQuote the least a liquidator earns per liquidation, quote currency (0: off)
 */
public record Incentive(
    String name,
    String description,
    double bonus,
    double bonusMax,
    BonusSchedule schedule,
    double maxAtHealthFactor,
    double closeFactor,
    double targetHealthFactor,
    double fullLiquidationHealthFactor,
    double dustQuote,
    double minIncentiveQuote) {

  /** The rule names {@link #named} knows. */
  public static final List<String> NAMES = List.of("flat", "aave-v4");

  /**
   * A venue's rule as it is: a flat bonus, a close factor and a full-liquidation HF (Aave v3: close
   * factor 50 %, full below HF 0.95), h* 1.05 and dust 1000, no minimum incentive.
   */
  public static Incentive fixed(double bonus, double closeFactor, double fullLiquidationHf) {
    return new Incentive(
        String.format(Locale.ROOT, "flat-%s", percent(bonus)),
        String.format(
            Locale.ROOT,
            "flat bonus %s %%, close factor %s %%",
            percent(bonus),
            percent(closeFactor)),
        bonus,
        bonus,
        BonusSchedule.FLAT,
        0.90,
        closeFactor,
        1.05,
        fullLiquidationHf,
        1000,
        0);
  }

  /**
   * A rule by name, among {@link #NAMES}.
   *
   * <ul>
   *   <li>{@code flat}: bonus b whatever the health factor, close factor 50 %, the whole debt below
   *       HF 0.95 (Aave v3's {@code CLOSE_FACTOR_HF_THRESHOLD}), dust 1000;
   *   <li>{@code aave-v4}: the shape of Aave v4's liquidation: the bonus rises linearly from b at
   *       HF 1 to b_max at HF 0.90, a liquidation repays what restores the target HF 1.05 (no close
   *       factor, no full-liquidation level), and a position whose debt, or debt left, is under the
   *       dust size of 1000 is liquidated whole.
   * </ul>
   *
   * @param minIncentiveQuote the minimum incentive of both, quote currency
   */
  public static Incentive named(
      String name, double bonus, double bonusMax, double minIncentiveQuote) {
    String min =
        minIncentiveQuote > 0
            ? String.format(Locale.ROOT, ", min incentive %.0f", minIncentiveQuote)
            : "";
    return switch (name) {
      case "flat" ->
          new Incentive(
              "flat-" + percent(bonus),
              "flat bonus " + percent(bonus) + " %, close factor 50 % (100 % below HF 0.95)" + min,
              bonus,
              Math.max(bonus, bonusMax),
              BonusSchedule.FLAT,
              0.90,
              0.5,
              1.05,
              0.95,
              1000,
              minIncentiveQuote);
      case "aave-v4" ->
          new Incentive(
              "aave-v4",
              "Aave v4-like: bonus "
                  + percent(bonus)
                  + " % at HF 1 rising linearly to "
                  + percent(bonusMax)
                  + " % at HF 0.90, repay to HF 1.05, dust 1000"
                  + min,
              bonus,
              bonusMax,
              BonusSchedule.LINEAR,
              0.90,
              1.0,
              1.05,
              NO_FULL_LIQUIDATION_LEVEL,
              1000,
              minIncentiveQuote);
      default ->
          throw new IllegalArgumentException(
              "unknown incentive rule '" + name + "'; known: " + String.join(", ", NAMES));
    };
  }

  /** The CLI's default bonus at HF 1 and largest bonus. */
  public static final double DEFAULT_BONUS = 0.05;

  /** See {@link #DEFAULT_BONUS}. */
  public static final double DEFAULT_BONUS_MAX = 0.10;

  /** The default thresholds-experiment rule: {@code flat} at 5 %, this minimum incentive. */
  public static Incentive defaultRule(double minIncentiveQuote) {
    return named("flat", DEFAULT_BONUS, DEFAULT_BONUS_MAX, minIncentiveQuote);
  }

  /** The default bonus experiment: every rule of {@link #NAMES} at the default bonuses. */
  public static List<Incentive> defaultExperiment(double minIncentiveQuote) {
    return NAMES.stream()
        .map(n -> named(n, DEFAULT_BONUS, DEFAULT_BONUS_MAX, minIncentiveQuote))
        .toList();
  }

  /** A full-liquidation HF low enough never to bind (core requires one in (0, 1)). */
  private static final double NO_FULL_LIQUIDATION_LEVEL = 1e-6;

  public Incentive {
    if (!(bonus >= 0 && bonus <= bonusMax && bonusMax < 1)) {
      throw new IllegalArgumentException("incentive " + name + ": need 0 <= bonus <= bonusMax < 1");
    }
  }

  /**
   * {@code risk} with every asset's bonus and execution rules replaced by this rule's: the rules
   * simulated liquidations follow ({@code bonusMin} = b, {@code bonusMax} = b_max).
   */
  public ResolvedPolicy liquidation(ResolvedPolicy risk) {
    return map(risk, bonus, bonusMax);
  }

  /**
   * {@code risk} as {@link #liquidation}, with the bonus bounds pinned to b: what the adaptive
   * policies' calculator uses, so that their LT is computed with the bonus paid at the threshold.
   */
  public ResolvedPolicy thresholds(ResolvedPolicy risk) {
    return map(risk, bonus, bonus);
  }

  private ResolvedPolicy map(ResolvedPolicy risk, double min, double max) {
    Map<String, AssetRiskConfig> assets = new LinkedHashMap<>();
    risk.assets().forEach((symbol, c) -> assets.put(symbol, apply(c, min, max)));
    return new ResolvedPolicy(apply(risk.defaults(), min, max), assets);
  }

  private AssetRiskConfig apply(AssetRiskConfig c, double min, double max) {
    return c.toBuilder()
        .bonusMin(min)
        .bonusMax(max)
        .bonusSchedule(schedule)
        .bonusMaxAtHealthFactor(maxAtHealthFactor)
        .minIncentiveQuote(minIncentiveQuote)
        .closeFactor(closeFactor)
        .targetHealthFactor(targetHealthFactor)
        .fullLiquidationHealthFactor(fullLiquidationHealthFactor)
        .dustQuote(dustQuote)
        .build();
  }

  private static String percent(double fraction) {
    return String.format(Locale.ROOT, "%.4g", fraction * 100).replaceAll("\\.?0+$", "");
  }
}

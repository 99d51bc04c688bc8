package io.liqopt.core.policy;

import io.liqopt.core.forecast.AssetForecast;
import io.liqopt.core.forecast.HorizonForecast;
import io.liqopt.core.forecast.QuantileCurve;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Turns one asset's forecast into its target risk parameters (DESIGN.md, "Threshold policy").
 * Stateless and thread-safe; the anti-procyclicality limits are {@link ThresholdGovernor}'s job.
 *
 * <p>Order of computation (the bonus and LT are coupled: LT uses b, b uses s):
 *
 * <ol>
 *   <li>σ_day = sqrt(variance of the 24 h horizon); without a 24 h horizon, the nearest horizon H's
 *       variance scaled by 24/H (square-root-of-time), said in the reasons;
 *   <li>s = impact of a typical clip Q_clip by the square-root law ({@link SquareRootImpact}):
 *       {@code s = Y · σ_day · sqrt(Q_clip / V_day)}, or from supplied depth;
 *   <li>b = clamp(s + z · σ_day · sqrt(H_exit / 24) + F / Q_clip, b_min, b_max): slippage,
 *       inventory risk of z standard deviations over the liquidator's exit horizon H_exit, and the
 *       fixed cost F spread over the clip;
 *   <li>{@code LT = (1 − X_α(H_liq)) · (1 − s) / (1 + b)}: a position liquidated at LT still covers
 *       its debt plus the bonus after the worst move tolerated;
 *   <li>{@code LTV = LT · (1 − X_β(H_user))}.
 * </ol>
 *
 * <p>X are the long adverse-move quantiles (collateral long, debt in the quote currency). Stale
 * inputs (older than {@code maxInputAgeHours}) make the output conservative: both quantiles are
 * taken at the highest level the forecast curve has (never below α or β) and the result is flagged
 * {@code stale}; the governor then also refuses to loosen LT.
 */
public final class ThresholdCalculator {
  /** The calculator; it has no settings of its own. */
  public static final ThresholdCalculator DEFAULT = new ThresholdCalculator();

  private static final double MS_PER_HOUR = 3_600_000d;
  private static final int DAY_HOURS = 24;

  private ThresholdCalculator() {}

  /**
   * The target parameters of {@code forecast.symbol()}.
   *
   * @param forecast the asset's forecast; must cover H_liq and H_user
   * @param market the asset's price and volume (same symbol)
   * @param config the asset's resolved risk configuration
   * @param now the time the parameters are for; inputs stamped after it are refused
   * @throws IllegalArgumentException on a missing horizon, mismatched symbols, inputs from the
   *     future or an asset so illiquid that a typical clip would cost 100 % or more
   */
  public AssetThresholds compute(
      AssetForecast forecast, MarketSnapshot market, AssetRiskConfig config, Instant now) {
    Objects.requireNonNull(forecast, "forecast");
    Objects.requireNonNull(market, "market");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(now, "now");
    String symbol = forecast.symbol();
    if (!symbol.equals(market.symbol())) {
      throw new IllegalArgumentException(
          "forecast is for " + symbol + " but market data for " + market.symbol());
    }
    long nowMs = now.toEpochMilli();
    List<Reason> reasons = new ArrayList<>(12);
    reasons.add(
        Reason.formatted(
            ReasonCode.FORECAST_USED,
            "%s by %s as of %s",
            symbol,
            forecast.modelVersion(),
            Instant.ofEpochMilli(forecast.asOfEpochMs())));
    boolean stale = stale(forecast, market, config.oracleGuard(), nowMs, reasons);
    Quantiles x = quantiles(forecast, config.quantiles(), stale, reasons);
    double sigmaDay = dailyVolatility(forecast, reasons);
    double slippage = slippage(market, sigmaDay, config, reasons);
    double bonus = bonus(slippage, sigmaDay, config.bonus(), reasons);

    double lt = liquidationThreshold(x.alpha(), slippage, bonus);
    double tailLt = liquidationThreshold(x.tail(), slippage, bonus);
    double ltv = lt * (1 - x.beta());
    reasons.add(
        Reason.formatted(
            ReasonCode.LIQUIDATION_THRESHOLD,
            "LT = (1 − %.6g)·(1 − %.6g)/(1 + %.6g) = %.6g",
            x.alpha(),
            slippage,
            bonus,
            lt));
    reasons.add(
        Reason.formatted(ReasonCode.MAX_LTV, "LTV = %.6g·(1 − %.6g) = %.6g", lt, x.beta(), ltv));
    return new AssetThresholds(
        symbol,
        forecast.modelVersion(),
        forecast.asOfEpochMs(),
        nowMs,
        lt,
        ltv,
        bonus,
        config.execution().closeFactor(),
        slippage,
        x.alpha(),
        x.alphaUsed(),
        x.beta(),
        x.betaUsed(),
        tailLt,
        sigmaDay,
        forecast.stressProbability(),
        stale,
        reasons);
  }

  /**
   * The adverse-move quantiles read: X_α(H_liq) and X_β(H_user) at the levels used, and X at the
   * curve's highest level (for the tail LT).
   */
  private record Quantiles(
      double alphaUsed, double alpha, double betaUsed, double beta, double tail) {}

  /**
   * Whether the forecast or the market data is older than the limit, or the live price is stale,
   * each said in a reason.
   */
  private static boolean stale(
      AssetForecast forecast,
      MarketSnapshot market,
      OracleGuardConfig guard,
      long nowMs,
      List<Reason> reasons) {
    String symbol = forecast.symbol();
    double limit = guard.maxInputAgeHours();
    double forecastAgeHours = ageHours(forecast.asOfEpochMs(), nowMs, "forecast of " + symbol);
    double marketAgeHours = ageHours(market.asOfEpochMs(), nowMs, "market data of " + symbol);
    boolean staleForecast = forecastAgeHours > limit;
    boolean staleMarket = marketAgeHours > limit;
    if (staleForecast) {
      reasons.add(
          Reason.formatted(
              ReasonCode.STALE_FORECAST,
              "forecast is %.2f h old, limit %.2f h",
              forecastAgeHours,
              limit));
    }
    if (staleMarket) {
      reasons.add(
          Reason.formatted(
              ReasonCode.STALE_MARKET,
              "market data is %.2f h old, limit %.2f h",
              marketAgeHours,
              limit));
    }
    if (market.priceStale()) {
      reasons.add(
          Reason.formatted(
              ReasonCode.STALE_PRICE,
              "the live price of %s has too few healthy agreeing sources",
              symbol));
    }
    return staleForecast || staleMarket || market.priceStale();
  }

  /**
   * X_α(H_liq) and X_β(H_user); with stale inputs both at the curve's highest level (never below α
   * or β).
   */
  private static Quantiles quantiles(
      AssetForecast forecast, QuantileConfig q, boolean stale, List<Reason> reasons) {
    QuantileCurve liqCurve = forecast.horizon(q.liquidationHorizonHours()).longAdverseMove();
    QuantileCurve userCurve = forecast.horizon(q.userHorizonHours()).longAdverseMove();
    double alphaUsed = stale ? Math.max(q.alpha(), liqCurve.maxLevel()) : q.alpha();
    double betaUsed = stale ? Math.max(q.beta(), userCurve.maxLevel()) : q.beta();
    double xAlpha = liqCurve.quantile(alphaUsed);
    double xBeta = userCurve.quantile(betaUsed);
    double xTail = liqCurve.quantile(Math.max(alphaUsed, liqCurve.maxLevel()));
    if (stale) {
      reasons.add(
          Reason.formatted(
              ReasonCode.STALE_CONSERVATIVE,
              "quantiles taken at the curve's highest levels (α %.4g, β %.4g); LT may not"
                  + " loosen",
              alphaUsed,
              betaUsed));
    }
    reasons.add(
        Reason.formatted(
            ReasonCode.QUANTILE_THRESHOLD,
            "X_%.4g(%d h) = %.6g",
            alphaUsed,
            q.liquidationHorizonHours(),
            xAlpha));
    reasons.add(
        Reason.formatted(
            ReasonCode.QUANTILE_BUFFER,
            "X_%.4g(%d h) = %.6g",
            betaUsed,
            q.userHorizonHours(),
            xBeta));
    return new Quantiles(alphaUsed, xAlpha, betaUsed, xBeta, xTail);
  }

  /** s, the impact of a typical clip; refuses an asset where it would reach 100 %. */
  private static double slippage(
      MarketSnapshot market, double sigmaDay, AssetRiskConfig config, List<Reason> reasons) {
    double y = config.execution().impactCoefficient();
    double clip = config.bonus().typicalClipQuote();
    SquareRootImpact impact = SquareRootImpact.of(market, sigmaDay, y);
    double slippage = impact.impactFraction(clip);
    if (!(slippage < 1)) {
      throw new IllegalArgumentException(
          fmt(
              "%s is too illiquid: a clip of %.6g would cost %.4g"
                  + " of its value (daily volume %.6g)",
              market.symbol(), clip, slippage, market.dailyQuoteVolume()));
    }
    reasons.add(
        impact.fromDepth()
            ? Reason.formatted(
                ReasonCode.SLIPPAGE,
                "s = %.6g from supplied depth for a clip of %.6g",
                slippage,
                clip)
            : Reason.formatted(
                ReasonCode.SLIPPAGE,
                "s = Y·σ_day·sqrt(Q/V_day) = %.4g·%.6g·sqrt(%.6g/%.6g) = %.6g",
                y,
                sigmaDay,
                clip,
                market.dailyQuoteVolume(),
                slippage));
    return slippage;
  }

  /** b = clamp(s + z·σ_day·sqrt(H_exit/24) + F/Q_clip, b_min, b_max). */
  private static double bonus(
      double slippage, double sigmaDay, BonusConfig rule, List<Reason> reasons) {
    double inventory =
        rule.inventoryRiskSigmas() * sigmaDay * Math.sqrt(rule.liquidatorExitHours() / DAY_HOURS);
    double fixed = rule.liquidatorFixedCostQuote() / rule.typicalClipQuote();
    double rawBonus = slippage + inventory + fixed;
    reasons.add(
        Reason.formatted(
            ReasonCode.BONUS_TERMS,
            "slippage %.6g + inventory %.6g + fixed cost %.6g = %.6g",
            slippage,
            inventory,
            fixed,
            rawBonus));
    double bonus = rawBonus;
    if (rawBonus < rule.min()) {
      bonus = rule.min();
      reasons.add(
          Reason.formatted(
              ReasonCode.BONUS_CLAMPED_MIN, "%.6g raised to b_min %.6g", rawBonus, bonus));
    } else if (rawBonus > rule.max()) {
      bonus = rule.max();
      reasons.add(
          Reason.formatted(
              ReasonCode.BONUS_CLAMPED_MAX, "%.6g cut to b_max %.6g", rawBonus, bonus));
    }
    return bonus;
  }

  /**
   * {@code LT = (1 − X) · (1 − s) / (1 + b)} (DESIGN.md).
   *
   * @param adverseMove X, the adverse-move quantile, in [0, 1)
   * @param slippage s, in [0, 1)
   * @param bonus b, ≥ 0
   */
  public static double liquidationThreshold(double adverseMove, double slippage, double bonus) {
    return (1 - adverseMove) * (1 - slippage) / (1 + bonus);
  }

  private static double dailyVolatility(AssetForecast forecast, List<Reason> reasons) {
    if (forecast.hasHorizon(DAY_HOURS)) {
      double sigma = forecast.horizon(DAY_HOURS).volatility();
      reasons.add(Reason.formatted(ReasonCode.DAILY_VOLATILITY, "σ_day = %.6g", sigma));
      return sigma;
    }
    HorizonForecast nearest = forecast.horizons().get(0);
    for (HorizonForecast h : forecast.horizons()) {
      if (Math.abs(h.horizonHours() - DAY_HOURS) <= Math.abs(nearest.horizonHours() - DAY_HOURS)) {
        nearest = h;
      }
    }
    double sigma = Math.sqrt(nearest.variance() * DAY_HOURS / nearest.horizonHours());
    reasons.add(
        Reason.formatted(
            ReasonCode.DAILY_VOLATILITY_SCALED,
            "no 24 h horizon: σ_day = sqrt(%.6g · 24/%d) = %.6g from the %d h variance",
            nearest.variance(),
            nearest.horizonHours(),
            sigma,
            nearest.horizonHours()));
    return sigma;
  }

  private static double ageHours(long asOfEpochMs, long nowMs, String what) {
    if (asOfEpochMs > nowMs) {
      throw new IllegalArgumentException(
          what
              + " is stamped "
              + Instant.ofEpochMilli(asOfEpochMs)
              + ", after now ("
              + Instant.ofEpochMilli(nowMs)
              + ")");
    }
    return (nowMs - asOfEpochMs) / MS_PER_HOUR;
  }

  private static String fmt(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}

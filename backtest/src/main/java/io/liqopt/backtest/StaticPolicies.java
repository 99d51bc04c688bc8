package io.liqopt.backtest;

import io.liqopt.core.forecast.AssetHistory;
import io.liqopt.core.market.BarSeries;
import io.liqopt.core.policy.AssetRiskConfig;
import io.liqopt.core.policy.MarketSnapshot;
import io.liqopt.core.policy.ResolvedPolicy;
import io.liqopt.core.policy.SquareRootImpact;
import io.liqopt.core.policy.ThresholdCalculator;
import io.liqopt.core.stats.Quantiles;
import io.liqopt.core.target.HorizonTargets;
import io.liqopt.core.target.TargetCalculator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The static policies a backtest compares: one LT for every asset (and a grid of them, the static
 * frontier), one LT per asset set from its own training history and then frozen, and the venue
 * presets with their own bonus.
 */
public final class StaticPolicies {
  private static final long HOUR_MS = 3_600_000L;
  private static final long DAY_MS = 24 * HOUR_MS;

  /** The static grid's LTs before any extension. */
  public static final double[] BASE_GRID = {0.55, 0.60, 0.65, 0.70, 0.75, 0.80, 0.85, 0.90};

  /** The LTs the grid is extended with, in order, until its time-averaged LTV passes the goal. */
  public static final double[] EXTENSION = {0.92, 0.94, 0.96, 0.98};

  /** The fewest defined targets of a training window that give a per-asset LT. */
  static final int MIN_TRAINING_TARGETS = 24 * 30;

  private StaticPolicies() {}

  /**
   * A static rule: the same LT, max LTV and incentive rule at every hour, as venues set them by
   * hand.
   *
   * @param kind {@code static} (a like-for-like baseline) or {@code preset} (a venue as it is)
   * @param base the rules not set by {@code incentive} (impact coefficient, slice limits)
   */
  public static PolicyRun rule(
      String name,
      String kind,
      String description,
      double lt,
      double maxLtv,
      Incentive incentive,
      ResolvedPolicy base,
      List<AssetHistory> histories) {
    if (!(maxLtv > 0 && maxLtv <= lt && lt < 1)) {
      throw new IllegalArgumentException("static rule " + name + ": need 0 < maxLtv <= lt < 1");
    }
    Map<String, ThresholdSchedule> schedules = new LinkedHashMap<>();
    for (AssetHistory h : histories) {
      schedules.put(
          h.symbol(),
          ThresholdSchedule.builder(name, h.symbol(), h.size())
              .fill(lt, maxLtv, incentive.bonus(), incentive.closeFactor(), 0)
              .build());
    }
    return new PolicyRun(name, kind, description, incentive.liquidation(base), schedules);
  }

  /**
   * A static rule with a flat bonus, close factor and full-liquidation HF, on the default rules
   * (tests and benchmarks).
   */
  public static PolicyRun staticRule(
      String name,
      String description,
      double lt,
      double maxLtv,
      double bonus,
      double closeFactor,
      double fullLiquidationHealthFactor,
      List<AssetHistory> histories) {
    return rule(
        name,
        "static",
        description,
        lt,
        maxLtv,
        Incentive.fixed(bonus, closeFactor, fullLiquidationHealthFactor),
        ResolvedPolicy.defaultPolicy(),
        histories);
  }

  /** The static frontier: for each LT, max LTV {@code margin} below it, under {@code incentive}. */
  public static List<PolicyRun> grid(
      double[] lts,
      double margin,
      Incentive incentive,
      ResolvedPolicy base,
      List<AssetHistory> histories) {
    List<PolicyRun> out = new ArrayList<>();
    for (double lt : lts) {
      out.add(
          rule(
              String.format(Locale.ROOT, "static-%.0f", lt * 100),
              "static",
              String.format(
                  Locale.ROOT,
                  "LT %.0f %%, max LTV %.0f %%, incentive %s",
                  lt * 100,
                  (lt - margin) * 100,
                  incentive.name()),
              lt,
              lt - margin,
              incentive,
              base,
              histories));
    }
    return out;
  }

  /**
   * Aave v3 style, as it is (the WETH reserve of Aave v3 Ethereum: LTV 80.5 %, LT 83 %, bonus 5 %;
   * close factor 50 %, 100 % below HF 0.95: {@code LiquidationLogic.CLOSE_FACTOR_HF_THRESHOLD}).
   */
  public static PolicyRun aaveV3Style(ResolvedPolicy base, List<AssetHistory> histories) {
    return rule(
        "aave-v3-style",
        "preset",
        "Aave v3 WETH-like: LTV 80.5 %, LT 83 %, bonus 5 %, close "
            + "factor 50 % (100 % below HF 0.95)",
        0.83,
        0.805,
        Incentive.fixed(0.05, 0.5, 0.95),
        base,
        histories);
  }

  /**
   * Morpho Blue style, as it is: one liquidation LTV (LLTV) that is also the borrowing limit, the
   * whole debt may be repaid, and the bonus is the liquidation incentive factor {@code min(1.15,
   * 1/(1 − 0.3·(1 − LLTV))) − 1} (Morpho Blue whitepaper, "Liquidations"; {@code
   * ConstantsLib.LIQUIDATION_CURSOR = 0.3}, {@code MAX_LIQUIDATION_INCENTIVE_FACTOR = 1.15}).
   */
  public static PolicyRun morphoStyle(
      double lltv, ResolvedPolicy base, List<AssetHistory> histories) {
    double bonus = Math.min(1.15, 1 / (1 - 0.3 * (1 - lltv))) - 1;
    return rule(
        String.format(Locale.ROOT, "morpho-style-%.0f", lltv * 100),
        "preset",
        String.format(
            Locale.ROOT,
            "Morpho Blue-like: LLTV %.1f %% (also the borrowing limit), incentive %.2f %%,"
                + " full liquidation allowed",
            lltv * 100,
            bonus * 100),
        lltv,
        lltv,
        Incentive.fixed(bonus, 1.0, 0.999),
        base,
        histories);
  }

  /**
   * Per-asset static LTs, walk-forward honest: for each asset, its first training window is the
   * bars before {@code max(first bar of all assets, its own first bar) + minTrainDays − embargo}
   * (the first walk-forward fit's cut-off); on those bars alone (targets computed on the window, so
   * no label reaches past it) X_α(H_liq) and X_β(H_user) are the empirical type-7 quantiles of the
   * realised long adverse move, s the square-root impact of a typical clip at the window's last
   * bar, and {@code LT = (1 − X_α)(1 − s)/(1 + b)} (core's formula, b the incentive's bonus at HF
   * 1), {@code max LTV = LT·(1 − X_β)}. The LT is then frozen, in force from the end of the first
   * training window (as the forecast policies' first block). An asset with fewer than {@link
   * #MIN_TRAINING_TARGETS} targets in its window gets none.
   *
   * @param risk α, β, the horizons, Y and the typical clip
   */
  public static PolicyRun perAsset(
      ResolvedPolicy risk,
      Incentive incentive,
      Policies.WalkForward wf,
      List<AssetHistory> histories) {
    long first = Long.MAX_VALUE;
    for (AssetHistory h : histories) {
      first = Math.min(first, h.series().firstOpenTimeMs());
    }
    Map<String, ThresholdSchedule> schedules = new LinkedHashMap<>();
    for (AssetHistory h : histories) {
      long start = Math.max(first, h.series().firstOpenTimeMs()) + wf.minTrainDays() * DAY_MS;
      long cutoff = start - wf.embargoHours() * HOUR_MS;
      ThresholdSchedule.Builder b =
          ThresholdSchedule.builder("static-per-asset", h.symbol(), h.size());
      double[] lt = frozenLt(h, risk.forSymbol(h.symbol()), incentive, cutoff);
      if (lt != null) {
        for (int r = h.series().indexAtOrAfter(start) - 1; r < h.size(); r++) {
          if (r >= 0) {
            b.set(r, lt[0], lt[1], incentive.bonus(), incentive.closeFactor(), lt[2], Double.NaN);
          }
        }
      }
      schedules.put(h.symbol(), b.build());
    }
    return new PolicyRun(
        "static-per-asset",
        "static",
        String.format(
            Locale.ROOT,
            "one LT per asset from its first training window (α %.4g, β %.4g), then frozen;"
                + " incentive %s",
            risk.defaults().quantiles().alpha(),
            risk.defaults().quantiles().beta(),
            incentive.name()),
        incentive.liquidation(risk),
        schedules);
  }

  /**
   * {LT, max LTV, s} of {@code h} from its bars before {@code cutoffMs}, or null when the window
   * has too few targets or no volume at its end.
   */
  static double[] frozenLt(
      AssetHistory h, AssetRiskConfig config, Incentive incentive, long cutoffMs) {
    BarSeries window = h.series().slice(Long.MIN_VALUE, cutoffMs);
    int last = window.size() - 1;
    if (last < 0) {
      return null;
    }
    double[] liq = sortedMoves(window, config.quantiles().liquidationHorizonHours());
    double[] user = sortedMoves(window, config.quantiles().userHorizonHours());
    if (liq == null || user == null) {
      return null;
    }
    return thresholds(
        h,
        last,
        config,
        incentive,
        Quantiles.ofSorted(liq, config.quantiles().alpha()),
        Quantiles.ofSorted(user, config.quantiles().beta()));
  }

  /**
   * {LT, max LTV, s} at bar {@code last} of {@code h} from the quantiles X_α of the liquidation
   * horizon's and X_β of the user horizon's adverse moves, or null without a market at that bar.
   */
  static double[] thresholds(
      AssetHistory h,
      int last,
      AssetRiskConfig config,
      Incentive incentive,
      double xAlpha,
      double xBeta) {
    MarketSnapshot market = MarketSnapshot.at(h, last);
    double sigmaDay = Simulator.dailyVolatility(h, last);
    if (market == null || !(sigmaDay > 0)) {
      return null;
    }
    double s =
        SquareRootImpact.of(market, sigmaDay, config.execution().impactCoefficient())
            .impactFraction(config.bonus().typicalClipQuote());
    double lt =
        ThresholdCalculator.liquidationThreshold(xAlpha, Math.min(s, 0.99), incentive.bonus());
    return new double[] {lt, lt * (1 - xBeta), s};
  }

  /**
   * The realised long adverse moves over {@code hours} of a window, sorted; null when fewer than
   * {@link #MIN_TRAINING_TARGETS}.
   */
  static double[] sortedMoves(BarSeries window, int hours) {
    HorizonTargets t = TargetCalculator.DEFAULT.compute(window, hours);
    double[] x = new double[t.size()];
    int n = 0;
    for (int r = 0; r < t.size(); r++) {
      if (t.isDefined(r)) {
        x[n++] = t.longAdverseMove(r);
      }
    }
    if (n < MIN_TRAINING_TARGETS) {
      return null;
    }
    double[] sorted = Arrays.copyOf(x, n);
    Arrays.sort(sorted);
    return sorted;
  }

  /**
   * The static grid extended by {@link #EXTENSION}, one LT at a time, until the highest grid
   * point's pooled time-averaged LTV passes {@link BacktestJob#GRID_LTV_GOAL} (the grid must reach
   * the LTVs the adaptive policies lend at). The extra points run on the same windows and seeds.
   */
  static Backtest.Result extendGrid(
      BacktestJob.Options o,
      List<AssetHistory> histories,
      Backtest.Result result,
      Backtest.Simulations simulations) {
    Backtest.Result out = result;
    for (double lt : EXTENSION) {
      if (highestGridLtv(out, histories) >= BacktestJob.GRID_LTV_GOAL) {
        break;
      }
      List<PolicyRun> extra =
          grid(new double[] {lt}, BacktestJob.STATIC_MARGIN, o.incentive(), o.risk(), histories);
      out =
          out.plus(
              Backtest.run(
                  histories,
                  extra,
                  o.simulation(),
                  o.seeds(),
                  out.windows(),
                  n -> {},
                  simulations));
    }
    return out;
  }

  /** The largest pooled time-averaged LTV of the static grid's points (0 when none). */
  private static double highestGridLtv(Backtest.Result result, List<AssetHistory> histories) {
    double best = 0;
    for (PolicyRun p : result.policies()) {
      if (p.kind().equals("static") && p.name().matches("static-\\d+")) {
        best = Math.max(best, PolicyMetrics.of(result, p, histories, null).timeAvgLtv());
      }
    }
    return best;
  }
}

package io.liqopt.backtest;

import io.liqopt.core.forecast.AssetForecast;
import io.liqopt.core.forecast.AssetHistory;
import io.liqopt.core.forecast.ForecastSpec;
import io.liqopt.core.forecast.Forecaster;
import io.liqopt.core.policy.AssetRiskConfig;
import io.liqopt.core.policy.AssetThresholds;
import io.liqopt.core.policy.GovernorState;
import io.liqopt.core.policy.ResolvedPolicy;
import io.liqopt.core.policy.ThresholdCalculator;
import io.liqopt.core.policy.ThresholdPipeline;
import io.liqopt.core.target.HorizonTargets;
import io.liqopt.core.target.TargetCalculator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The forecast policies a backtest compares (the static ones are {@link StaticPolicies}):
 * forecast-driven policies refitted walk-forward (with and without the governor), and an oracle
 * that knows the future (an upper bound, labelled as such).
 */
public final class Policies {

  private Policies() {}

  /**
   * How forecast policies are refitted: the first fit after {@code minTrainDays} of history, then a
   * refit every {@code refitDays}; each fit sees only bars opening before the block start minus
   * {@code embargoHours} (and targets computed on those bars alone, so no label reaches past the
   * cut-off).
   */
  public record WalkForward(int minTrainDays, int refitDays, int embargoHours)
      implements java.io.Serializable {
    public WalkForward {
      if (minTrainDays < 31 || refitDays < 1 || embargoHours < 0) {
        throw new IllegalArgumentException(
            "walk-forward needs minTrainDays >= 31, refitDays >= 1,"
                + " embargoHours >= 0: "
                + this);
      }
    }
  }

  /**
   * A forecast policy refitted walk-forward: at each block start the forecaster is fitted on the
   * bars before the cut-off, forecasts every hour of the block, and the service's own {@link
   * ThresholdPipeline} turns the forecasts into thresholds (one governor step per hour). Returns
   * two policies from the same forecasts: governed ({@code name}) and the calculator's targets
   * alone ({@code name-ungoverned}, the ablation).
   */
  public static List<PolicyRun> forecast(
      String name,
      String description,
      Forecaster forecaster,
      ResolvedPolicy risk,
      double stressLevel,
      WalkForward wf,
      List<AssetHistory> histories,
      long seed,
      Consumer<String> progress) {
    return forecast(
        name,
        description,
        forecaster,
        risk,
        stressLevel,
        0,
        wf,
        histories,
        seed,
        Long.MIN_VALUE,
        progress);
  }

  /**
   * As above, forecasting only from {@code startMs} on (the first block starts there, or after the
   * minimum training span, whichever is later): a backtest of the last year need not fit the years
   * before it. The forecasts' long quantiles are tracked with step {@code quantileTrackingGamma}
   * (0: none), as the service tracks them ({@link WalkForwardForecasts#compute}).
   */
  public static List<PolicyRun> forecast(
      String name,
      String description,
      Forecaster forecaster,
      ResolvedPolicy risk,
      double stressLevel,
      double quantileTrackingGamma,
      WalkForward wf,
      List<AssetHistory> histories,
      long seed,
      long startMs,
      Consumer<String> progress) {
    ForecastSpec spec =
        ForecastSpec.of(risk.horizonsHours(), stressLevel)
            .withQuantileTracking(quantileTrackingGamma);
    WalkForwardForecasts forecasts =
        WalkForwardForecasts.compute(forecaster, spec, wf, histories, seed, startMs, progress);
    return fromForecasts(name, description, forecasts, risk, histories);
  }

  /**
   * A forecast policy from forecasts already made: every hour with a forecast goes through the
   * service's own {@link ThresholdPipeline} (one governor step per hour, per asset in time order).
   * Returns the governed policy ({@code name}) and the calculator's targets alone ({@code
   * name-ungoverned}, the ablation). Costs no fit: a sweep over α, β or the governor's settings
   * reuses the same forecasts.
   */
  public static List<PolicyRun> fromForecasts(
      String name,
      String description,
      WalkForwardForecasts forecasts,
      ResolvedPolicy risk,
      List<AssetHistory> histories) {
    return fromForecasts(
        name, description, forecasts, (symbol, row) -> risk.forSymbol(symbol), risk, histories);
  }

  /**
   * The rules of one asset at one hour: the configuration the pipeline runs with there, or null for
   * no thresholds. Called for each asset's hours in time order, the assets in parallel (one thread
   * per asset at a time): implementations may cache per asset in a concurrent map.
   */
  @FunctionalInterface
  public interface RowRules {
    AssetRiskConfig at(String symbol, int row);
  }

  /**
   * The general form: every hour with a forecast and rules goes through the pipeline with the
   * hour's rules, one governor state per asset carried across changes of rules (as the service
   * carries it when its configuration is replaced). Assets are computed in parallel.
   *
   * @param risk the liquidation rules of the returned policies
   */
  public static List<PolicyRun> fromForecasts(
      String name,
      String description,
      WalkForwardForecasts forecasts,
      RowRules rules,
      ResolvedPolicy risk,
      List<AssetHistory> histories) {
    Map<String, ThresholdSchedule.Builder> governed = builders(name, histories);
    Map<String, ThresholdSchedule.Builder> targets = builders(name + "-ungoverned", histories);
    histories.parallelStream()
        .forEach(
            h -> schedule(h, forecasts, rules, governed.get(h.symbol()), targets.get(h.symbol())));
    return List.of(
        new PolicyRun(
            name, "adaptive", description + " with the governor", risk, buildAll(governed)),
        new PolicyRun(
            name + "-ungoverned",
            "adaptive",
            description + ", calculator targets " + "without the governor (ablation)",
            risk,
            buildAll(targets)));
  }

  /** One asset's governed ({@code g}) and target ({@code t}) schedules, hour by hour. */
  private static void schedule(
      AssetHistory h,
      WalkForwardForecasts forecasts,
      RowRules rules,
      ThresholdSchedule.Builder g,
      ThresholdSchedule.Builder t) {
    GovernorState state = null;
    int n = Math.min(h.size(), forecasts.size(h.symbol()));
    for (int r = 0; r < n; r++) {
      AssetForecast f = forecasts.at(h.symbol(), r);
      AssetRiskConfig config = f == null ? null : rules.at(h.symbol(), r);
      if (config == null) {
        continue;
      }
      ThresholdPipeline.Outcome o = ThresholdPipeline.DEFAULT.governed(f, h, r, config, state);
      if (o.refused()) {
        continue;
      }
      set(t, r, o.target());
      state = o.step().state();
      set(g, r, o.governed());
    }
  }

  private static void set(ThresholdSchedule.Builder s, int r, AssetThresholds t) {
    s.set(r, t.lt(), t.ltv(), t.bonus(), t.closeFactor(), t.slippage(), t.dailyVolatility());
  }

  /** An empty schedule builder of policy {@code name} per asset, in the assets' order. */
  private static Map<String, ThresholdSchedule.Builder> builders(
      String name, List<AssetHistory> histories) {
    Map<String, ThresholdSchedule.Builder> out = new LinkedHashMap<>();
    for (AssetHistory h : histories) {
      out.put(h.symbol(), ThresholdSchedule.builder(name, h.symbol(), h.size()));
    }
    return out;
  }

  /** The schedules of {@code builders}, in the same order. */
  private static Map<String, ThresholdSchedule> buildAll(
      Map<String, ThresholdSchedule.Builder> builders) {
    Map<String, ThresholdSchedule> out = new LinkedHashMap<>();
    builders.forEach((symbol, b) -> out.put(symbol, b.build()));
    return out;
  }

  /**
   * The oracle: LT from the adverse move that actually happened over the liquidation horizon after
   * each hour, {@code LT = (1 − MAE_realised)(1 − s)/(1 + b)} with the reference policy's s and b,
   * and max LTV from the realised move over the user horizon. It knows the future: an upper bound
   * on what forecasting could achieve, never a policy.
   */
  public static PolicyRun oracle(PolicyRun reference, List<AssetHistory> histories) {
    Map<String, ThresholdSchedule> out = new LinkedHashMap<>();
    for (AssetHistory h : histories) {
      ThresholdSchedule ref = reference.schedules().get(h.symbol());
      AssetRiskConfig config = reference.risk().forSymbol(h.symbol());
      HorizonTargets liq =
          TargetCalculator.DEFAULT.compute(
              h.series(), config.quantiles().liquidationHorizonHours());
      HorizonTargets user =
          TargetCalculator.DEFAULT.compute(h.series(), config.quantiles().userHorizonHours());
      ThresholdSchedule.Builder s = ThresholdSchedule.builder("oracle", h.symbol(), h.size());
      for (int r = 0; r < h.size(); r++) {
        if (Double.isNaN(ref.lt(r)) || !liq.isDefined(r) || !user.isDefined(r)) {
          continue;
        }
        double lt =
            ThresholdCalculator.liquidationThreshold(
                liq.longAdverseMove(r), ref.slippage(r), ref.bonus(r));
        s.set(
            r,
            lt,
            lt * (1 - user.longAdverseMove(r)),
            ref.bonus(r),
            ref.closeFactor(r),
            ref.slippage(r),
            ref.dailyVolatility(r));
      }
      out.put(h.symbol(), s.build());
    }
    return new PolicyRun(
        "oracle",
        "oracle",
        "knows the future: LT from the realised adverse move " + "(an upper bound, not a policy)",
        reference.risk(),
        out);
  }
}

package io.liqopt.backtest;

import io.liqopt.core.forecast.AssetHistory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntConsumer;

/** The optimiser's risk budget and its out-of-sample evaluation against every static family. */
final class OptimizeEvaluation {
  private OptimizeEvaluation() {}

  /**
   * The out-of-sample evaluation from the first decision on: the static grid (extended as in the
   * backtest), the frozen per-asset LTs, the per-asset LTs re-set at each refit at every ceiling
   * level, the presets, and the optimised policy.
   */
  static Backtest.Result run(
      OptimizeJob.Options o,
      List<AssetHistory> histories,
      Map<Double, AssetCeilings> ceilings,
      PolicyRun budget,
      PolicyRun optimised,
      long fromMs,
      IntConsumer simulated,
      Backtest.Simulations simulations) {
    BacktestJob.Options b = o.backtest();
    List<PolicyRun> runs = new ArrayList<>();
    runs.addAll(
        StaticPolicies.grid(
            StaticPolicies.BASE_GRID,
            BacktestJob.STATIC_MARGIN,
            b.incentive(),
            b.risk(),
            histories));
    runs.add(StaticPolicies.perAsset(b.risk(), b.incentive(), b.walkForward(), histories));
    for (AssetCeilings c : ceilings.values()) {
      runs.add(
          c.staticRun(
              String.format(Locale.ROOT, "static-per-asset-refit-%.4g", c.level()),
              b.incentive(),
              b.risk(),
              histories));
    }
    runs.add(StaticPolicies.aaveV3Style(b.risk(), histories));
    runs.add(StaticPolicies.morphoStyle(0.86, b.risk(), histories));
    if (runs.stream().noneMatch(p -> p.name().equals(budget.name()))) {
      runs.add(budget);
    }
    runs.add(optimised);
    Backtest.Result r =
        Backtest.run(
            histories,
            runs,
            b.simulation(),
            b.seeds(),
            Backtest.windows(histories, runs, fromMs, b.toMs()),
            simulated,
            simulations);
    return StaticPolicies.extendGrid(b, histories, r, simulations);
  }

  /** The budget policy named {@code name} (see {@link Options#budget()}). */
  static PolicyRun budgetPolicy(String name, BacktestJob.Options b, List<AssetHistory> histories) {
    return switch (name) {
      case "aave-v3-style" -> StaticPolicies.aaveV3Style(b.risk(), histories);
      case "morpho-style-86" -> StaticPolicies.morphoStyle(0.86, b.risk(), histories);
      default ->
          StaticPolicies.grid(
                  new double[] {Integer.parseInt(name.substring("static-".length())) / 100.0},
                  BacktestJob.STATIC_MARGIN,
                  b.incentive(),
                  b.risk(),
                  histories)
              .get(0);
    };
  }

  static BacktestConfiguration configuration(BacktestJob.Options b, Backtest.Result r) {
    return new BacktestConfiguration(
        List.of("static", "per-asset", "per-asset-refit", "aave", "morpho", "optimised"),
        b.seeds(),
        b.walkForward(),
        b.simulation(),
        b.risk(),
        b.incentive(),
        List.of(),
        b.bonusLt(),
        r.windows());
  }
}

package io.liqopt.cli;

import io.liqopt.backtest.AssetRun;
import io.liqopt.backtest.Backtest;
import io.liqopt.backtest.SimulationGroups;
import io.liqopt.core.forecast.AssetHistory;
import io.liqopt.training.distributed.Engine;
import io.liqopt.training.distributed.MarketSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A backtest's simulations on a distributed engine: one task per policy and asset, all its seeds
 * ({@link SimulationGroups}); the task simulates on the history it computes from the store ({@link
 * MarketSource}, checked against the driver's read). The runs are those of one JVM.
 */
final class EngineSimulations {
  private EngineSimulations() {}

  /**
   * The simulations of a backtest over {@code histories} on {@code engine}; {@link Backtest#HERE}
   * when {@code engine} is null.
   *
   * @throws IllegalStateException when {@code histories} are not the store's
   */
  static Backtest.Simulations on(Engine engine, MarketSource market, List<AssetHistory> histories) {
    if (engine == null) {
      return Backtest.HERE;
    }
    if (!market.holds(histories)) {
      throw new IllegalStateException(
          "distributed simulations need the stored histories of " + market.storeUri());
    }
    return (tasks, config, done) -> {
      List<SimulationGroups.Group> groups = SimulationGroups.of(tasks);
      AtomicInteger finished = new AtomicInteger();
      List<ArrayList<AssetRun>> runs =
          engine.map(
              "backtest-simulations",
              groups,
              g -> g.simulate(history(market, g.symbol()), config),
              () -> done.accept(finished.addAndGet(tasks.size() / Math.max(1, groups.size()))));
      return SimulationGroups.ungroup(groups, runs, tasks.size());
    };
  }

  /** {@code symbol}'s history as this process computed it from the store. */
  private static AssetHistory history(MarketSource market, String symbol) {
    for (AssetHistory h : market.histories()) {
      if (h.symbol().equals(symbol)) {
        return h;
      }
    }
    throw new IllegalStateException(symbol + " is not in the market store " + market.storeUri());
  }
}

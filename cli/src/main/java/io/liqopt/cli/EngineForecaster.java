package io.liqopt.cli;

import io.liqopt.backtest.WalkForwardFits;
import io.liqopt.core.forecast.AssetHistory;
import io.liqopt.core.forecast.Forecaster;
import io.liqopt.training.distributed.Engine;
import io.liqopt.training.distributed.MarketSource;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A forecaster whose backtest walk-forward ({@link WalkForwardFits}) runs on a distributed engine:
 * one task per group of folds, each on a forecaster built afresh where it runs, over the histories
 * the worker computes from the store ({@link MarketSource}, checked against the driver's read).
 * Everything else is the wrapped forecaster's, so the forecasts, and the forecast cache's key, are
 * the same as in one JVM.
 */
final class EngineForecaster extends WalkForwardFits.Elsewhere {
  /** Builds the forecaster where a task runs: captures only small serialisable values. */
  @FunctionalInterface
  interface Maker extends Serializable {
    Forecaster make();
  }

  private final Maker maker;
  private final Engine engine;
  private final MarketSource market;

  private EngineForecaster(Maker maker, Engine engine, MarketSource market) {
    super(maker.make());
    this.maker = maker;
    this.engine = engine;
    this.market = market;
  }

  /** The forecaster {@code maker} builds, its walk-forward on {@code engine} unless it is null. */
  static Forecaster on(Engine engine, MarketSource market, Maker maker) {
    return engine == null ? maker.make() : new EngineForecaster(maker, engine, market);
  }

  @Override
  public List<WalkForwardFits.FoldForecasts> fit(
      WalkForwardFits.Job job,
      List<AssetHistory> histories,
      List<List<Integer>> groups,
      Consumer<String> progress) {
    if (!market.holds(histories)) {
      throw new IllegalStateException(
          "a distributed walk-forward needs the stored histories of " + market.storeUri());
    }
    List<ArrayList<Integer>> inputs = new ArrayList<>();
    for (List<Integer> g : groups) {
      inputs.add(new ArrayList<>(g));
    }
    MarketSource source = market;
    Maker make = maker;
    java.util.concurrent.atomic.AtomicInteger done =
        new java.util.concurrent.atomic.AtomicInteger();
    List<ArrayList<WalkForwardFits.FoldForecasts>> results =
        engine.map(
            "walk-forward " + name(),
            inputs,
            g -> {
              try (Forecaster f = make.make()) {
                return new ArrayList<>(
                    WalkForwardFits.group(f, job, source.histories(), g, line -> {}));
              }
            },
            () ->
                progress.accept(
                    name()
                        + ": "
                        + done.incrementAndGet()
                        + "/"
                        + groups.size()
                        + " groups of fits done"));
    List<WalkForwardFits.FoldForecasts> out = new ArrayList<>();
    results.forEach(out::addAll);
    return out;
  }
}
